import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAnnex } from '../../../src/artifacts/annex/index.ts';
import { haveTools } from '../../helpers/tools.ts';
import { labelledPdf, miniProject, noisePdf, pageEdges, pageTexts, SAMPLE_EVIDENCE, tempDir } from './helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.runIf(haveTools('qpdf', 'pdftotext', 'pdfinfo'))('annex volumes', () => {
  it('splits at indicator boundaries with continuous numbers, each volume with its own cover, contents and bookmarks', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(2, 300, 1), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(2, 300, 2), indicators: [2] },
      { id: 'E3', file: 'c.pdf', bytes: await noisePdf(3, 300, 3), indicators: [3] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    // about 0.6 MB per indicator, 0.9 MB for the third: with a 1.5 MB limit, [1, 2] and [3]
    const result = await renderAnnex(project.input, { outDir: out.dir, maxVolumeMb: 1.5, allowMissing: false });
    expect(result.issues).toEqual([]);
    expect(result.volumes.map((v) => path.basename(v.file))).toEqual(['佐证材料汇编-第1册.pdf', '佐证材料汇编-第2册.pdf']);
    const [one, two] = result.volumes;
    expect(one!.indicators.map((i) => i.no)).toEqual([1, 2]);
    expect(two!.indicators.map((i) => i.no)).toEqual([3]);
    expect(one!.firstPage).toBe(1);
    expect(two!.firstPage).toBe(one!.lastPage + 1);
    for (const v of result.volumes) {
      expect(v.bytes).toBeLessThan(1.5 * 1024 * 1024);
      expect(execFileSync('qpdf', ['--check', v.file]).toString()).toContain('No syntax or stream encoding errors');
      const texts = pageTexts(v.file);
      expect(texts[0]).toContain(`第${v.no}册／共2册`);
      expect(texts[0]).toContain(`第${v.firstPage}—${v.lastPage}页`);
      expect(texts[1]).toContain('目录');
      expect(pageEdges(v.file).slice(1).map((e) => e.footer)).toEqual(
        Array.from({ length: v.pages - 1 }, (_, i) => `—${v.firstPage + i}—`),
      );
      const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', v.file]).toString());
      const indicatorTitles = json.outlines.flatMap((o: { kids: { title: string }[] }) => o.kids.map((k) => k.title));
      expect(indicatorTitles).toEqual(v.indicators.map((i) => project.input.data.indicators.find((x) => x.no === i.no)!).map((i) => `指标${i.no} ${i.name}`));
      expect(json.pagelabels[1]).toEqual({ index: 1, label: { '/S': '/D', '/St': v.firstPage } });
    }
    // volume 2's contents point at its own pages
    const divider3 = two!.indicators[0]!.firstPage;
    expect(pageTexts(two!.file)[divider3 - two!.firstPage + 1]).toContain('指标3城镇污水处理率');
  });

  it('writes the same bytes twice for the same input', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await labelledPdf('A'), indicators: [1, 2] },
      { id: 'E2', file: 'b.jpg', bytes: readFileSync(path.join(SAMPLE_EVIDENCE, '区应急局/IMG_20220616_093012.jpg')), indicators: [3] },
      { id: 'E3', file: 'c.png', bytes: readFileSync(path.join(SAMPLE_EVIDENCE, '区住建局/黑臭水体整治前后对比.png')), indicators: [3] },
    ]);
    cleanups.push(project.cleanup);
    const a = await tempDir();
    const b = await tempDir();
    cleanups.push(a.cleanup, b.cleanup);
    const first = await renderAnnex(project.input, { outDir: a.dir, maxVolumeMb: 100, allowMissing: false });
    const second = await renderAnnex(project.input, { outDir: b.dir, maxVolumeMb: 100, allowMissing: false });
    const bytesA = readFileSync(first.volumes[0]!.file);
    const bytesB = readFileSync(second.volumes[0]!.file);
    expect(bytesA.length).toBeGreaterThan(10_000);
    expect(bytesA.equals(bytesB)).toBe(true);
  });

  it('places landscape, A3 and /Rotate pages upright at their own size, header and footer in the visual corners', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'rot.pdf', bytes: await labelledPdf('TURNED', [595.28, 841.89], 90), indicators: [1] },
      { id: 'E2', file: 'a3.pdf', bytes: await labelledPdf('DRAWING', [1190.55, 841.89]), indicators: [2] },
      { id: 'E3', file: 'photo.jpg', bytes: readFileSync(path.join(SAMPLE_EVIDENCE, '区应急局/IMG_20220616_093012.jpg')), indicators: [3] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const { volumes } = await renderAnnex(project.input, { outDir: out.dir, maxVolumeMb: 0, allowMissing: false });
    const v = volumes[0]!;
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(v.pages), v.file]).toString();
    const size = (printed: number) => new RegExp(`Page\\s+${printed + 1} size:\\s+([\\d.]+) x ([\\d.]+)`).exec(info)!.slice(1).map(Number);
    const rot = (printed: number) => Number(new RegExp(`Page\\s+${printed + 1} rot:\\s+(\\d+)`).exec(info)![1]);
    const page = (no: number) => v.indicators.find((i) => i.no === no)!.evidence[0]!.firstPage;
    expect(size(page(1))).toEqual([841.89, 595.28]); // shown landscape, now upright
    expect(rot(page(1))).toBe(0);
    expect(size(page(2))).toEqual([1190.55, 841.89]);
    expect(size(page(3))).toEqual([595.28, 841.89]);
    const edges = pageEdges(v.file);
    expect(edges[page(1)]).toEqual({ header: '指标1生态文明建设规划第1页', footer: `—${page(1)}—` });
    expect(edges[page(2)]).toEqual({ header: '指标2生态环境信息公开率第1页', footer: `—${page(2)}—` });
    // the turned page's text reads top to bottom as the reader showed it: content kept, not clipped
    expect(pageTexts(v.file)[page(1)]).toContain('TURNED');
    expect(pageTexts(v.file)[page(3)]).toContain('材料E3');
  });
});
