import { rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { hasErrors, type Issue } from '../../model/index.ts';
import { ReadSlot, tempPathBeside } from '../../files/index.ts';
import { GENERATOR } from '../../common/index.ts';
import { embedAllFonts, type PdfFonts } from '../../documents/pdf/index.ts';
import { installLibraryPatches } from '../../documents/patches/index.ts';
import { setFixedMetadata } from '../../documents/pdf/index.ts';
import { savePdfToFile } from '../../documents/pdf/index.ts';
import { EvidenceChangedError } from '../../documents/pdf/index.ts';
import { displayPath } from '../../common/index.ts';
import { TemplateError } from '../../documents/templates/index.ts';
import { titlesOf, wordsOf } from '../../common/index.ts';
import type { RenderInput } from '../render-input.ts';
import type { ProgressListener } from '../../common/index.ts';
import { assembleVolume, stampSectionHeaders, type BuiltSection } from './assemble.ts';
import { coverLines, drawCover } from './cover.ts';
import { placeEvidence, placeholder, readEvidence, type EvidenceBytes } from './evidence.ts';
import { A4 } from './layout.ts';
import { setVolumeNavigation } from './navigation.ts';
import { evidenceRange, printedLabel, type KeptNumbers, type PageBook, type PlacedPages, type PrintedNumber } from './page-book.ts';
import { annexSections, type AnnexSection, type AnnexVolumePlan } from './plan.ts';
import { problemIssue, type EvidenceProblem } from './problems.ts';

/**
 * Where an indicator's section sits: the range of numbers it owns (in a revision, the range it had, whatever
 * it holds now), and each evidence item's first number and page count, with its printed first and last
 * numbers when they include inserted pages (see evidenceRange).
 */
export interface AnnexIndicatorPages {
  readonly no: number;
  readonly firstPage: number;
  readonly lastPage: number;
  readonly evidence: readonly PlacedPages[];
}

export interface AnnexVolumeResult {
  /** volume number (1-based) */
  readonly no: number;
  readonly file: string;
  /** pages in the file, cover included */
  readonly pages: number;
  /**
   * the volume's range of page numbers: the number on the first page after the cover, and the last number it
   * owns (the next volume starts after it). A revision's re-rendered volume keeps the ranges it had (see
   * numberPages): `inserted` counts its inserted pages, and `lastPrinted` is the number on its last page.
   */
  readonly firstPage: number;
  readonly lastPage: number;
  readonly inserted: number;
  readonly lastPrinted: string;
  readonly bytes: number;
  /** of the file as written ('' when nothing was written) */
  readonly sha256: string;
  readonly indicators: readonly AnnexIndicatorPages[];
  readonly issues: readonly Issue[];
}

/** Where an earlier volume put its evidence (an AnnexVolumeResult, or the same read back from a manifest). */
export interface EarlierVolume {
  readonly no: number;
  readonly lastPage: number;
  readonly indicators: readonly { readonly no: number; readonly evidence: readonly PlacedPages[] }[];
}

export interface RenderVolumeOptions {
  readonly startPage: number;
  /** a revision: the ranges of numbers the volume's parts had (see numberPages) */
  readonly kept?: KeptNumbers;
  readonly outFile: string;
  readonly allowMissing: boolean;
  readonly onProgress?: ProgressListener;
  /** the volumes before this one: lets a reference name the volume and page of a shared item */
  readonly earlier?: readonly EarlierVolume[];
  /**
   * evidence id → the fingerprint its file had when it was hashed (files/fingerprints.ts; undefined: it
   * changed while being hashed): a file read now with another one fails the volume (changed-during-build)
   */
  readonly hashedAs?: ReadonlyMap<string, string | undefined>;
  /** check every evidence file as for rendering, but write nothing (after another volume failed) */
  readonly checkOnly?: boolean;
  /**
   * false: every evidence file is read into a buffer of its own, as a reference to compare with (tests).
   * Otherwise two buffers take turns (files/read-whole.ts ReadSlot): placing a file leaves nothing that
   * holds on to its bytes (scans and photos stay in their file, the rest is copied), so the next file but
   * one may be read over them.
   */
  readonly reuseReadBuffers?: boolean;
}

const PROGRESS_STEP = '编排佐证材料汇编';

function failed(volume: AnnexVolumePlan, options: RenderVolumeOptions, issues: readonly Issue[]): AnnexVolumeResult {
  return { no: volume.no, file: options.outFile, pages: 0, firstPage: options.startPage, lastPage: options.startPage - 1, inserted: 0, lastPrinted: '', bytes: 0, sha256: '', indicators: [], issues };
}

/** Words for an item printed under another indicator; names the volume when it is another one. */
function referenceWords(earlier: readonly EarlierVolume[] | undefined, volumeNo: number) {
  return (indicator: number, id: string): string => {
    for (const v of earlier ?? []) {
      const item = v.indicators.find((i) => i.no === indicator)?.evidence.find((e) => e.id === id);
      if (item && v.no !== volumeNo) return `已编入指标${indicator}（第${v.no}册第${evidenceRange(item).first}页）`;
    }
    return `已编入指标${indicator}`;
  };
}

async function placeSections(doc: PDFDocument, fonts: PdfFonts, sections: readonly AnnexSection[], input: RenderInput, options: RenderVolumeOptions) {
  const issues: Issue[] = [];
  const built: BuiltSection[] = [];
  const total = sections.reduce((n, s) => n + s.entries.filter((e) => e.kind === 'placed').length, 0);
  let done = 0;
  let checkOnly = options.checkOnly ?? false;
  // an item printed under several indicators is read each time, but a bad one is reported once
  const bad = new Map<string, EvidenceProblem>();
  // the next file is read while this one is placed (two files in memory at most)
  const order = sections.flatMap((s) => s.entries.flatMap((e) => (e.kind === 'placed' ? [e.evidence] : [])));
  let ahead: { at: number; read: Promise<EvidenceBytes> } | undefined;
  // file `at` is read into slot at % 2 while file at − 1, in the other slot, is placed
  const slots = options.reuseReadBuffers === false ? undefined : [new ReadSlot(), new ReadSlot()];
  const asHashed = async (at: number): Promise<EvidenceBytes> => {
    const evidence = order[at]!;
    const read = await readEvidence(evidence, slots?.[at % 2]);
    // the annex must show the bytes that were hashed (and copied into 原始材料/)
    if (options.hashedAs && !('kind' in read) && options.hashedAs.get(evidence.id) !== read.fingerprint) throw new EvidenceChangedError(evidence.absPath);
    return read;
  };
  const readAt = (at: number): Promise<EvidenceBytes> => {
    const read = ahead?.at === at ? ahead.read : asHashed(at);
    ahead = at + 1 < order.length ? { at: at + 1, read: asHashed(at + 1) } : undefined;
    // a read ahead that fails is taken (and thrown) in its turn, never left unhandled
    ahead?.read.catch(() => undefined);
    return read;
  };
  let at = 0;
  for (const section of sections) {
    const items: { id: string; pages: number }[] = [];
    const problems = new Map<string, EvidenceProblem>();
    let rel = 1;
    for (const entry of section.entries) {
      if (entry.kind === 'reference') continue;
      const known = bad.get(entry.evidence.id);
      const read = readAt(at++);
      const placed = known
        ? placeholder(doc, fonts, entry.evidence, known, input.data.dir, checkOnly)
        : await placeEvidence(doc, fonts, entry.evidence, input.data.dir, checkOnly, read);
      if (!known) issues.push(...placed.notes);
      if (placed.problem) problems.set(entry.evidence.id, placed.problem);
      if (placed.problem && !known) {
        bad.set(entry.evidence.id, placed.problem);
        issues.push(problemIssue(entry.evidence, placed.problem, options.allowMissing ? 'warning' : 'error'));
        // without allowMissing the annex is lost anyway: only check the remaining files from here on
        if (!options.allowMissing) checkOnly = true;
      }
      stampSectionHeaders(placed.pages, fonts, section, rel);
      rel += placed.pages.length;
      items.push({ id: entry.evidence.id, pages: placed.pages.length });
      options.onProgress?.({ step: PROGRESS_STEP, done: ++done, total });
    }
    built.push({ section, items, problems });
  }
  return { built, issues, checkOnly };
}

/** What a reader should know about a revised volume's numbers: its inserted pages and the numbers left unused. */
export function numberingNote(printed: readonly PrintedNumber[], first: number, last: number): string {
  const plain = new Set(printed.filter((n) => n.insert === 0).map((n) => n.base));
  const unused: number[] = [];
  for (let n = first; n <= last; n++) if (!plain.has(n)) unused.push(n);
  const runs: string[] = [];
  for (let k = 0; k < unused.length; ) {
    let j = k;
    while (j + 1 < unused.length && unused[j + 1] === unused[j]! + 1) j++;
    runs.push(j === k ? `${unused[k]}` : `${unused[k]}—${unused[j]}`);
    k = j + 1;
  }
  const inserted = printed.filter((n) => n.insert > 0).length;
  return [
    ...(inserted ? [`含插页${inserted}页`] : []),
    ...(runs.length ? [`第${runs.join('、')}页空缺（修订时删减）`] : []),
  ].join('；');
}

function indicatorPages(sections: readonly AnnexSection[], book: PageBook, kept: KeptNumbers | undefined): AnnexIndicatorPages[] {
  return sections.map((s) => {
    const no = s.indicator.no;
    const range = book.sections.get(no)!;
    const evidence = s.entries.flatMap((e) => {
      const p = e.kind === 'placed' ? book.item(no, e.evidence.id) : undefined;
      if (!p) return [];
      const first = book.numberAt(p.first);
      const pages = p.last - p.first + 1;
      const printed = { first: book.label(p.first), last: book.label(p.last) };
      const plain = evidenceRange({ firstPage: first.base, pages });
      return [{ id: e.evidence.id, firstPage: first.base, pages, ...(plain.first !== printed.first || plain.last !== printed.last ? { printed } : {}) }];
    });
    // the range the section owns: what the kept numbers gave it, else what it covers
    const owned = kept?.sections.get(no) ?? { first: book.numberAt(range.first).base, last: book.numberAt(range.last).base };
    return { no, firstPage: owned.first, lastPage: owned.last, evidence };
  });
}

/**
 * Renders one volume of the annex into `outFile` (written through a temporary file and a rename). When an
 * evidence file cannot be placed and `allowMissing` is false, resolves with the error issues and writes
 * nothing (an older `outFile` is removed).
 */
export async function renderAnnexVolume(input: RenderInput, volume: AnnexVolumePlan, options: RenderVolumeOptions): Promise<AnnexVolumeResult> {
  installLibraryPatches();
  try {
    return await renderVolume(input, volume, options);
  } catch (e) {
    // an evidence file changed after it was read: its pages are copied from it when the volume is written
    if (!(e instanceof EvidenceChangedError)) throw e;
    await rm(options.outFile, { force: true });
    const item = input.data.evidence.find((f) => f.absPath === e.file);
    return failed(volume, options, [{
      code: 'changed-during-build', severity: 'error', file: displayPath(e.file), path: [],
      message: `佐证材料${item ? ` ${item.id}（${item.title}）` : ''}的文件在生成过程中被改动，佐证材料汇编第${volume.no}册未生成`,
      hint: '等文件不再变化（扫描、复制或同步完成）后重新运行',
    }]);
  }
}

async function renderVolume(input: RenderInput, volume: AnnexVolumePlan, options: RenderVolumeOptions): Promise<AnnexVolumeResult> {
  const sections = annexSections(input).filter((s) => volume.indicators.includes(s.indicator.no));
  const fail = async (issues: readonly Issue[]) => {
    if (!options.checkOnly) await rm(options.outFile, { force: true });
    return failed(volume, options, issues);
  };
  const coverFacts = (first: string, last: string, note = '') => ({ volume: { no: volume.no, total: volume.total }, pages: { first, last, note }, indicators: volume.indicators });
  try {
    coverLines(input, coverFacts(String(options.startPage), String(options.startPage))); // template errors show before the long work
  } catch (e) {
    if (e instanceof TemplateError) return fail([e.toIssue()]);
    throw e;
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedAllFonts(doc);
  const cover = doc.addPage([A4.width, A4.height]);
  const placed = await placeSections(doc, fonts, sections, input, options);
  if (placed.checkOnly || hasErrors(placed.issues)) return fail(placed.issues);

  const referenceText = referenceWords(options.earlier, volume.no);
  const book = assembleVolume(doc, fonts, placed.built, {
    volume, startPage: options.startPage, referenceText, own: wordsOf(input.data.project.district).own, ...(options.kept ? { kept: options.kept } : {}),
  });
  const pageCount = doc.getPageCount();
  const printed = book.printed;
  const lastPage = Math.max(...printed.map((n) => n.base), ...(options.kept ? [...options.kept.sections.values()].map((r) => r.last) : []));
  const inserted = printed.filter((n) => n.insert > 0).length;
  const lastPrinted = printedLabel(printed[printed.length - 1]!);
  drawCover(cover, coverLines(input, coverFacts(printedLabel(printed[0]!), lastPrinted, numberingNote(printed, options.startPage, lastPage))), fonts);
  setVolumeNavigation(doc, sections, book, options.startPage);
  const { project } = input.data;
  const title = titlesOf(project).annex;
  setFixedMetadata(doc, {
    title: volume.total > 1 ? `${title}（第${volume.no}册）` : title,
    author: project.district.government,
    subject: `${project.programme.title}创建申报材料 · 佐证材料汇编`,
    keywords: [project.district.name, project.programme.title, '佐证材料汇编'],
    producer: `${GENERATOR.name} ${GENERATOR.version}`,
    date: project.generatedAt,
    identity: JSON.stringify([project.district.code, title, volume.no, volume.total]),
    contentKey: JSON.stringify({
      revision: input.revision, startPage: options.startPage, kept: options.kept ? { contents: options.kept.contents, sections: [...options.kept.sections] } : null, volume, verdicts: input.verdicts.filter((v) => volume.indicators.includes(v.no)),
      evidence: sections.flatMap((s) => s.entries.map((e) => [s.indicator.no, e.evidence.id, e.evidence.bytes])),
    }),
  });
  await mkdir(path.dirname(options.outFile), { recursive: true });
  const temp = tempPathBeside(options.outFile);
  let saved: { bytes: number; sha256: string };
  try {
    saved = await savePdfToFile(doc, temp);
    await rename(temp, options.outFile);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return {
    no: volume.no, file: options.outFile, pages: pageCount, firstPage: options.startPage, lastPage, inserted, lastPrinted, bytes: saved.bytes, sha256: saved.sha256,
    indicators: indicatorPages(sections, book, options.kept), issues: placed.issues,
  };
}
