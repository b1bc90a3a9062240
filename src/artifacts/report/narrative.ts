import { readFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../../common/index.ts';
import type { Issue } from '../../model/index.ts';
import { narrativeFile } from '../../model/index.ts';
import type { ProjectData } from '../../model/index.ts';
import { BUILTIN_TEMPLATES, resolveTemplate, TemplateError, templateSet } from '../../documents/templates/index.ts';

/** The report's template, looked up in the project's `templates:` folder first, then the built-in one. */
export const REPORT_TEMPLATE = 'report/report.md.hbs';

/** A narrative part a template uses, and the template line that first uses it. */
export interface NarrativeUse {
  readonly part: string;
  readonly line: number;
}

/**
 * The narrative parts a template uses: every `narrative.基本情况` (or `narrative.[基本情况]`) outside
 * Handlebars comments, first use first. A district's own template that adds a part adds it here.
 */
export function narrativeUses(source: string): NarrativeUse[] {
  const blanked = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  const uses = new Map<string, number>();
  blanked.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\bnarrative\.(?:\[([^\]]+)\]|([^\s{}.()|~=\]]+))/gu)) {
      const part = (m[1] ?? m[2]!).trim();
      if (!uses.has(part)) uses.set(part, i + 1);
    }
  });
  return [...uses].map(([part, line]) => ({ part, line }));
}

/** The narrative parts the project's report template uses, with the template file. */
export function reportNarrativeUses(data: ProjectData): { file: string; uses: NarrativeUse[] } {
  const file = resolveTemplate(templateSet(data.dir, data.project.templates), REPORT_TEMPLATE);
  return { file, uses: narrativeUses(readFileSync(file, 'utf8')) };
}

/**
 * Every narrative part the report uses that has no text yet, at the file it belongs in: a warning from
 * validate, an error from build and report unless the office allows a draft without it. Placeholder text
 * never stands in for it: the report leaves the part out.
 */
export function missingNarrative(data: ProjectData, severity: 'error' | 'warning'): Issue[] {
  let used;
  try {
    used = reportNarrativeUses(data);
  } catch (e) {
    if (e instanceof TemplateError) return [e.toIssue()];
    throw e;
  }
  // the office's own template is named with the line that uses the part; the built-in one is ours, not theirs to open
  const own = path.relative(BUILTIN_TEMPLATES, used.file).startsWith('..');
  const where = (line: number) => (own ? `（报告模板 ${displayPath(used.file)} 第 ${line} 行用到它）` : '');
  return used.uses
    .filter((u) => !data.narrative?.[u.part]?.text)
    .map((u) => ({
      code: 'narrative-missing' as const, severity, file: displayPath(path.join(data.dir, narrativeFile(u.part))), path: [],
      message: `申报报告的“${u.part}”部分还没有文字：请在 ${narrativeFile(u.part)} 中写好${where(u.line)}${u.part === '基本情况' ? '，或写在 project.yaml 的 district.profile 中' : ''}`,
      hint: severity === 'error'
        ? '用记事本或 WPS 新建该文件写好后重新运行；确需先生成缺少这部分文字的草稿，请加 --allow-missing-narrative'
        : '生成申报报告和材料包前须写好',
    }));
}
