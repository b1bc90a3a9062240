import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { SHARED_EVIDENCE_LIMIT_BYTES } from '../../src/artifacts/annex/plan.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import { copySample, type MiniProject } from '../helpers/mini-project.ts';
import { haveTools } from '../helpers/tools.ts';

/** A one-page PDF over the shared-evidence limit: its content stream is mostly white space. */
async function bigPdf(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  const content = Buffer.concat([Buffer.from('BT /F1 1 Tf ET\n'), Buffer.alloc(bytes, 0x20)]);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * An item over the shared-evidence limit serving indicators 1 and 35 is printed once, in volume 1, and
 * volume of 35 refers to it by volume and page. When volume 1 is re-rendered in a revision, the volume
 * holding the reference is re-rendered too (the page it names may have moved); volumes without references
 * to it are reused.
 */
describe('shared evidence printed in an earlier volume', () => {
  let project: MiniProject;
  let out: string;
  let r1: BuildResult;
  let r2: ReviseResult;
  beforeAll(async () => {
    project = await copySample();
    rmSync(path.join(project.dir, 'feedback'), { recursive: true }); // the change below is the only one
    out = mkdtempSync(path.join(os.tmpdir(), 'eco-shared-'));
    writeFileSync(path.join(project.dir, 'evidence', 'big-scan.pdf'), await bigPdf(SHARED_EVIDENCE_LIMIT_BYTES + 1024));
    appendFileSync(path.join(project.dir, 'evidence.yaml'), [
      '  - id: E99-big-scan',
      '    file: big-scan.pdf',
      '    indicators: [1, 35]',
      '    title: 兖州区生态文明建设示范区创建工作总结（扫描件）',
      '    issuer: 济宁市兖州区人民政府',
      '    date: 2023-06-20',
      '    kind: 报告',
      '',
    ].join('\n'));
    r1 = await buildBundle(project.dir, { outDir: out, maxVolumeMb: 0.3 });
    // a change to indicator 1 only: its first evidence item's title
    const yaml = path.join(project.dir, 'evidence.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('济宁市兖州区生态文明建设规划（2021—2035年）的通知', '济宁市兖州区生态文明建设规划（2021—2035年）的通知（修订）'));
    r2 = await reviseBundle(project.dir, { from: r1.zip!, outDir: out, maxVolumeMb: 0.3 });
  }, 300_000);
  afterAll(async () => {
    await project.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  const annex = (r: BuildResult) => r.manifest!.files.filter((f) => f.role === 'annex');

  it('names the volume and page of the printed copy in the later volume', () => {
    expect(r1.ok).toBe(true);
    const volumes = annex(r1);
    const first = volumes.find((f) => f.indicators!.includes(1))!;
    const last = volumes.find((f) => f.indicators!.includes(35))!;
    expect(first).not.toBe(last);
    const page = first.contents!.find((c) => c.indicator === 1)!.evidence.find((e) => e.id === 'E99-big-scan')!.firstPage;
    if (!haveTools('pdftotext')) return;
    const text = execFileSync('pdftotext', [path.join(r1.bundleDir!, last.path), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(`已编入指标1（第1册第${page}页）`);
  });

  it('re-renders the referring volume with the one it refers to, and reuses the others', () => {
    expect(r2.ok).toBe(true);
    const volumes = annex(r2);
    const holds = (no: number) => volumes.find((f) => f.indicators!.includes(no))!.path;
    expect(r2.reused).not.toContain(holds(1));
    expect(r2.reused).not.toContain(holds(35));
    const others = volumes.map((f) => f.path).filter((p) => p !== holds(1) && p !== holds(35));
    expect(others.length).toBeGreaterThan(2);
    expect(others.filter((p) => !r2.reused.includes(p))).toEqual([]);
  });
});
