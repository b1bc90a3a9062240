import { appendFileSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { planAnnexVolumes, renderAnnex, renderAnnexVolume } from '../../../src/render/annex/index.ts';
import { fingerprintOf } from '../../../src/files/fingerprints.ts';
import { fileRangeOf, fileStamp, keepStreamsInFile } from '../../../src/render/pdf/file-range.ts';
import { miniProject, noisePdf, tempDir } from './helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('scans kept in their evidence file until the volume is written', () => {
  it('a loaded PDF: long streams become file ranges of the right bytes, short ones own copies, and the saved bytes do not change', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'scan.pdf');
    writeFileSync(file, await noisePdf(2, 200, 7));
    const input = new Uint8Array(readFileSync(file));
    const save = async (fileBacked: boolean) => {
      const source = await PDFDocument.load(input);
      if (fileBacked) keepStreamsInFile(source, input, file, fileStamp(statSync(file, { bigint: true })));
      const streams = source.context.enumerateIndirectObjects().map(([, o]) => o).filter((o) => o instanceof PDFRawStream);
      const out = await PDFDocument.create({ updateMetadata: false });
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
      return { streams, bytes: Buffer.from(await out.save()) };
    };
    const backed = await save(true);
    const ranged = backed.streams.filter((s) => fileRangeOf(s));
    expect(ranged.length).toBe(2); // the two 200 KB page images
    for (const s of backed.streams) {
      const range = fileRangeOf(s);
      if (range) expect(Buffer.from(s.getContents()).equals(Buffer.from(input.subarray(range.offset, range.offset + range.length)))).toBe(true);
      else expect(s.getContents().buffer).not.toBe(input.buffer);
    }
    expect(backed.bytes.equals((await save(false)).bytes)).toBe(true);
  });

  it('an evidence file changed after it was placed: the volume is not written and the file is named', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(2, 300, 1), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(1, 300, 2), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const first = project.input.data.evidence.find((e) => e.id === 'E1')!.absPath;
    const result = await renderAnnex(project.input, {
      outDir: out.dir, maxVolumeMb: 0, allowMissing: false,
      // once the last item is placed, E1 (placed, not yet written) is changed
      onProgress: (p) => { if (p.step === '编排佐证材料汇编' && p.done === p.total) appendFileSync(first, '%% changed\n'); },
    });
    expect(result.volumes).toEqual([]);
    const changed = result.issues.filter((i) => i.code === 'changed-during-build');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).toBe('佐证材料 E1（材料E1）的文件在生成过程中被改动，佐证材料汇编第1册未生成');
    expect(changed[0]!.file).toContain('a.pdf');
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('an evidence file removed after it was placed: the same, not a crash', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(1, 300, 5), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(1, 300, 6), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const first = project.input.data.evidence.find((e) => e.id === 'E1')!.absPath;
    const result = await renderAnnex(project.input, {
      outDir: out.dir, maxVolumeMb: 0, allowMissing: false,
      onProgress: (p) => { if (p.step === '编排佐证材料汇编' && p.done === p.total) unlinkSync(first); },
    });
    expect(result.issues.map((i) => i.code)).toEqual(['changed-during-build']);
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('an evidence file that is not as it was hashed is refused, not placed', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(1, 100, 3), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(1, 100, 4), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const hashedAs = new Map(project.input.data.evidence.map((e) => [e.id, fingerprintOf(statSync(e.absPath, { bigint: true }))]));
    const volume = planAnnexVolumes(project.input, 0).volumes[0]!;
    const outFile = path.join(out.dir, 'v.pdf');
    const good = await renderAnnexVolume(project.input, volume, { startPage: 1, outFile, allowMissing: false, hashedAs });
    expect(good.issues).toEqual([]);
    // E2 changed after it was hashed (here: its recorded fingerprint is another one)
    hashedAs.set('E2', 'another');
    const bad = await renderAnnexVolume(project.input, volume, { startPage: 1, outFile, allowMissing: false, hashedAs });
    expect(bad.issues.map((i) => [i.code, i.message])).toEqual([['changed-during-build', '佐证材料 E2（材料E2）的文件在生成过程中被改动，佐证材料汇编第1册未生成']]);
    expect(readdirSync(out.dir)).toEqual([]);
  });
});
