import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, drawObject, popGraphicsState, pushGraphicsState, concatTransformationMatrix } from 'pdf-lib';
import { checkProject } from '../../../src/load/check.ts';
import type { RenderInput } from '../../../src/artifacts/render-input.ts';
import { makeMiniProject, type MiniProject } from '../../helpers/mini-project.ts';

export const SAMPLE_EVIDENCE = path.resolve('fixtures/yanzhou-2023/evidence');

export interface EvidenceSpec {
  readonly id: string;
  readonly file: string;
  readonly bytes: Buffer;
  readonly indicators: readonly number[];
  readonly title?: string;
}

/** The mini project (3 indicators) with the given evidence files and evidence.yaml. */
export async function miniProject(evidence: readonly EvidenceSpec[], change: (files: Record<string, string>) => void = () => {}): Promise<MiniProject & { input: RenderInput }> {
  const yaml = ['evidence:', ...evidence.flatMap((e) => [
    `  - id: ${e.id}`, `    file: ${e.file}`, `    indicators: [${e.indicators.join(', ')}]`, `    title: ${e.title ?? `材料${e.id}`}`,
    '    issuer: 测试单位', '    date: 2023-01-10', '    kind: 其他',
  ])].join('\n');
  const project = await makeMiniProject((f) => {
    f['evidence.yaml'] = `${yaml}\n`;
    change(f);
  }, Object.fromEntries(evidence.map((e) => [e.file, e.bytes])));
  const checked = await checkProject(project.dir);
  if (!checked.data) throw new Error(`mini project does not load: ${JSON.stringify(checked.issues)}`);
  return { ...project, input: { data: checked.data, verdicts: checked.verdicts, revision: 1 } };
}

export async function sampleInput(): Promise<RenderInput> {
  const checked = await checkProject(path.resolve('fixtures/yanzhou-2023'));
  if (!checked.data) throw new Error('the sample project does not load');
  return { data: checked.data, verdicts: checked.verdicts, revision: 1 };
}

export async function tempDir(prefix = 'eco-annex-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Text of every page (index 0 = first page), whitespace removed: pdftotext separates pages with form feeds. */
export function pageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', [file, '-'], { maxBuffer: 1 << 28 }).toString();
  return text.split('\f').slice(0, -1).map((t) => t.replace(/\s+/g, ''));
}

export function layoutText(file: string, first: number, last: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), file, '-']).toString();
}

/** A one-page PDF whose page shows `label` in Helvetica. */
export async function labelledPdf(label: string, size: [number, number] = [595.28, 841.89], rotate = 0): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(size);
  page.drawText(label, { x: 60, y: size[1] - 100, size: 28 });
  if (rotate) page.node.set(PDFName.of('Rotate'), doc.context.obj(rotate));
  return Buffer.from(await doc.save());
}

/**
 * A PDF of `pages` pages, each showing an incompressible noise image of about `kbPerPage` KB: lets tests
 * make evidence of a chosen size.
 */
export async function noisePdf(pages: number, kbPerPage: number, seed = 1): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const side = Math.ceil(Math.sqrt((kbPerPage * 1024) / 3));
  let state = seed;
  for (let p = 0; p < pages; p++) {
    const pixels = new Uint8Array(side * side * 3);
    for (let i = 0; i < pixels.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      pixels[i] = state >>> 24;
    }
    const image = doc.context.register(doc.context.stream(pixels, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }));
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject('Im', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(400, 0, 0, 400, 100, 200), drawObject(name), popGraphicsState());
    page.drawText(`noise page ${p + 1}`, { x: 100, y: 700, size: 20 });
  }
  return Buffer.from(await doc.save());
}

/** The first and last line of every page as laid out (header and footer), whitespace removed. */
export function pageEdges(file: string): { header: string; footer: string }[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 1 << 28 }).toString();
  return text.split('\f').slice(0, -1).map((t) => {
    const lines = t.split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
    return { header: lines[0] ?? '', footer: lines[lines.length - 1] ?? '' };
  });
}

export function pageFooters(file: string): string[] {
  return pageEdges(file).map((e) => e.footer);
}

/** The document catalog as qpdf prints it. */
export function catalogOf(file: string): string {
  const trailer = execFileSync('qpdf', ['--show-object=trailer', file]).toString();
  const root = /\/Root (\d+) 0 R/.exec(trailer)![1]!;
  return execFileSync('qpdf', [`--show-object=${root}`, file]).toString();
}
