import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Issue } from '../../model/index.ts';
import { ARTIFACT_NAMES, type WrittenFile } from '../artifact.ts';
import { compareFiles } from '../changes/compare.ts';
import type { ResponseContext, ResponseInput } from './context.ts';

/** The text of a .docx's body, as a reader sees it: the runs joined, without spaces. */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return squeeze(xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

const squeeze = (text: string) => text.replace(/[\s\u200b]+/g, '');

/** The paragraphs of a narrative text as the report prints them: Markdown marks and list numbers gone. */
export function printedParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((l) => l.replace(/^#+\s*/, '').replace(/^(\d+\.|[-*+])\s+/, '').replace(/\*\*?/g, '').trim())
    .filter(Boolean)
    .map(squeeze);
}

/**
 * Every change the response says was made, checked against the revision itself: an added evidence item's
 * original is a new file with its annex pages; a corrected value has the report, the task table and its
 * annex volume replaced; a report amendment has the report replaced and its text in the report. A claim
 * the revision does not back is an error naming the item: the response would say something untrue.
 * `reportFile`: where the new report is, to read its text.
 */
export async function unbackedClaims(input: ResponseInput, context: ResponseContext, reportFile: string): Promise<Issue[]> {
  const ops = new Map(compareFiles(input.previous.files, input.written.map((w) => ({ path: w.artifact.path, sha256: w.sha256 }))).map((c) => [c.path, c.op]));
  const changed = (p: string) => ops.get(p) === 'new' || ops.get(p) === 'replace';
  const annexOf = (no: number): WrittenFile | undefined => input.written.find((w) => w.artifact.role === 'annex' && w.artifact.indicators.includes(no));
  let reportText: string | undefined;
  const issues: Issue[] = [];
  const unbacked = (id: string, what: string): void => {
    issues.push({
      code: 'response-claim-unbacked', severity: 'error', file: input.answer.feedback.items.length ? `feedback/round-${input.answer.feedback.round}.yaml` : '', path: [],
      message: `审查意见 ${id} 的答复所述修改在第${input.render.revision}版中找不到：${what}，说明不能这样写`,
      hint: '检查该条答复写的修改是否真的改变了材料；没有修改的，用 noChange 写明理由',
    });
  };
  for (const item of context.items) {
    for (const e of item.changes.evidence) {
      if (!e.file || !changed(e.file)) unbacked(item.id, `新增材料 ${e.id} 的原件不是新增或替换的文件`);
      if (!e.annex) unbacked(item.id, `新增材料 ${e.id} 不在佐证材料汇编中`);
    }
    const source = input.answer.feedback.items.find((i) => i.id === item.id);
    if (item.changes.values.length) {
      if (!changed(ARTIFACT_NAMES.report)) unbacked(item.id, `更正了数值，但 ${ARTIFACT_NAMES.report} 未变`);
      if (!changed(ARTIFACT_NAMES.taskTable)) unbacked(item.id, `更正了数值，但 ${ARTIFACT_NAMES.taskTable} 未变`);
      const volume = typeof source?.indicator === 'number' ? annexOf(source.indicator) : undefined;
      if (volume && !changed(volume.artifact.path)) unbacked(item.id, `更正了数值，但 ${volume.artifact.path} 未变`);
    }
    const amendments = input.answer.narrativeChanges.filter((c) => c.feedbackId === item.id);
    if (!amendments.length) continue;
    if (!changed(ARTIFACT_NAMES.report)) {
      unbacked(item.id, `修改了报告文字，但 ${ARTIFACT_NAMES.report} 未变`);
      continue;
    }
    reportText ??= await docxText(await readFile(reportFile));
    for (const a of amendments) {
      const missing = printedParagraphs(a.text).find((p) => !reportText!.includes(p));
      if (missing) unbacked(item.id, `${ARTIFACT_NAMES.report} 的“${a.part}”部分中没有“${missing.slice(0, 30)}”`);
    }
  }
  return issues;
}
