import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { setOutline } from '../../../src/documents/pdf/outline.ts';
import { setPageLabels } from '../../../src/documents/pdf/page-labels.ts';

describe('outline and page labels', () => {
  it('writes a linked bookmark tree with Chinese titles and the right counts', async () => {
    const doc = await PDFDocument.create();
    const pages = [0, 1, 2, 3].map(() => doc.addPage());
    setOutline(doc, [
      { title: '目录', page: pages[0]!.ref },
      { title: '生态制度', page: pages[1]!.ref, open: true, children: [
        { title: '指标1 生态文明建设规划', page: pages[1]!.ref, children: [{ title: '1. 规划', page: pages[2]!.ref }, { title: '2. 通知', page: pages[3]!.ref }] },
      ] },
    ]);
    const reloaded = await PDFDocument.load(await doc.save());
    const ctx = reloaded.context;
    const dict = (v: unknown) => ctx.lookup(v as PDFRef) as PDFDict;
    const root = dict(reloaded.catalog.get(PDFName.of('Outlines')));
    expect(reloaded.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
    expect((root.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(3); // 目录, 生态制度 and its open child
    const first = dict(root.get(PDFName.of('First')));
    expect((first.get(PDFName.of('Title')) as PDFHexString).decodeText()).toBe('目录');
    const domain = dict(first.get(PDFName.of('Next')));
    expect((domain.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(1);
    const indicator = dict(domain.get(PDFName.of('First')));
    expect((indicator.get(PDFName.of('Title')) as PDFHexString).decodeText()).toBe('指标1 生态文明建设规划');
    expect((indicator.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(-2); // closed, two children
    expect(indicator.get(PDFName.of('Parent'))).toEqual(first.get(PDFName.of('Next'))); // the domain item
    expect(domain.get(PDFName.of('Parent'))).toEqual(reloaded.catalog.get(PDFName.of('Outlines')));
    const dest = ctx.lookup(dict(indicator.get(PDFName.of('Last'))).get(PDFName.of('Dest'))) as PDFArray;
    expect(dest.get(0)).toEqual(reloaded.getPages()[3]!.ref);
  });

  it('labels the cover with a prefix and numbers the rest from a start', async () => {
    const doc = await PDFDocument.create();
    [0, 1, 2].forEach(() => doc.addPage());
    setPageLabels(doc, [{ startIndex: 1, style: 'D', start: 149 }, { startIndex: 0, prefix: '封面' }]);
    const tree = doc.context.lookup(doc.catalog.get(PDFName.of('PageLabels'))) as PDFDict;
    const nums = tree.get(PDFName.of('Nums')) as PDFArray;
    expect((nums.get(0) as PDFNumber).asNumber()).toBe(0);
    expect(((nums.get(1) as PDFDict).get(PDFName.of('P')) as PDFHexString).decodeText()).toBe('封面');
    expect((nums.get(2) as PDFNumber).asNumber()).toBe(1);
    expect((nums.get(3) as PDFDict).get(PDFName.of('S'))).toBe(PDFName.of('D'));
    expect(((nums.get(3) as PDFDict).get(PDFName.of('St')) as PDFNumber).asNumber()).toBe(149);
  });
});
