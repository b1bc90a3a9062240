import path from 'node:path';
import JSZip from 'jszip';
import { displayPath } from '../../common/index.ts';
import type { Issue, ProjectData } from '../../model/index.ts';
import { stringsOf } from '../../validate/index.ts';
import { findInText, type TextFinding } from './rules.ts';

export { findInText, TEXT_RULES, type TextFinding, type TextRule } from './rules.ts';

/**
 * Nothing meant for the office in an official document: one checker over the text each renderer produced
 * (a .docx/.xlsx/.pptx read back from its bytes, or the strings an annex draws). A finding is an error
 * located at the project field whose text carries it, where one does; otherwise it names the document.
 */

/** The text of a .docx (paragraphs, headers, footers), .xlsx (cells) or .pptx (slides), one paragraph a line. */
export async function officeText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) =>
    /^word\/(document|header\d*|footer\d*|footnotes)\.xml$/.test(n) || /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n) || /^ppt\/slides\/slide\d+\.xml$/.test(n));
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const parts: string[] = [];
  for (const name of names) {
    const xml = await zip.file(name)!.async('string');
    for (const para of xml.split(/<\/(?:w:p|a:p|si|c)>/)) {
      const runs = [...para.matchAll(/<(?:w:t|a:t|t)(?:\s[^>]*)?>([^<]*)<\/(?:w:t|a:t|t)>/g)].map((m) => m[1]!);
      if (runs.length) parts.push(unescapeXml(runs.join('')));
    }
  }
  return parts.join('\n');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
}

interface Cause {
  readonly file: string;
  readonly path: (string | number)[];
  readonly what: string;
}

/** Where the project's own text holds `found`: the field to change. */
function causeOf(found: string, data: ProjectData): Cause | undefined {
  const core = found.trim();
  if (!core) return undefined;
  const at = (file: string) => displayPath(path.join(data.dir, file));
  for (const [p, text] of stringsOf(data.project)) if (text.includes(core)) return { file: at('project.yaml'), path: [...p], what: dotted(p) };
  for (const e of data.evidence) {
    if (e.id === core) return { file: at('evidence.yaml'), path: ['evidence', e.id], what: `佐证材料 ${e.id} 的编号（文件中应以标题“${e.title}”称呼）` };
    for (const key of ['title', 'issuer', 'docNo'] as const) {
      if (e[key]?.includes(core)) return { file: at('evidence.yaml'), path: ['evidence', e.id, key], what: `佐证材料 ${e.id} 的 ${key}` };
    }
  }
  for (const [p, text] of stringsOf(data.results)) if (text.includes(core)) return { file: at('results.yaml'), path: ['results', ...p], what: `results${dotted(p, true)}` };
  for (const [part, n] of Object.entries(data.narrative ?? {})) if (n.text.includes(core)) return { file: at(n.file), path: [], what: `报告“${part}”部分的文字` };
  return undefined;
}

const dotted = (p: readonly (string | number)[], lead = false) =>
  p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(lead ? /^$/ : /^\./, '');

/** The findings in one document's text as located errors. `document`: its name in the bundle (申报报告.docx). */
export function officialTextIssues(document: string, text: string, data: ProjectData, file = document): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const f of findInText(text)) {
    const key = `${f.rule.id}:${f.found}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issueOf(document, f, causeOf(f.found, data), file));
  }
  return issues;
}

function issueOf(document: string, f: TextFinding, cause: Cause | undefined, file: string): Issue {
  const shown = f.rule.id === 'zero-width' ? `U+${f.found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : f.found;
  const message = `${document}的正式文字中有${f.rule.label}“${shown}”（…${f.around}…）`
    + (cause ? `，来自 ${cause.what}` : '，来自 eco-dossier 的模板或程序文字');
  return {
    code: 'official-text-not-for-reader', severity: 'error', file: cause?.file ?? file, path: cause?.path ?? [], message, actual: shown,
    hint: cause ? '改写该处：正式文件只写给审查者看的内容；给经办人的提示请看 validate、status 和工作台' : '这是程序的问题，请把这条信息报告给 eco-dossier 的维护者',
  };
}

/**
 * The strings an annex volume draws besides its cover (its dividers and contents): what each indicator's
 * divider prints about it and its evidence. Linted like a document's text.
 */
export function annexTexts(data: ProjectData, verdicts: readonly { readonly no: number; readonly reason: string; readonly currentText: string }[]): string {
  const byNo = new Map(verdicts.map((v) => [v.no, v]));
  const lines: string[] = [];
  for (const ind of data.indicators) {
    const v = byNo.get(ind.no);
    lines.push(`${ind.domain} ${ind.taskName}`, ind.name, ind.target, v?.currentText ?? '', v?.reason ?? '', ind.units.join('、'));
  }
  for (const e of data.evidence) lines.push(e.title, `出具单位：${e.issuer}`, e.docNo ? `文号：${e.docNo}` : '');
  return lines.filter(Boolean).join('\n');
}
