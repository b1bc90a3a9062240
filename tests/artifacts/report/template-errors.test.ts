import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../src/bundle/build.ts';
import { checkProject } from '../../../src/load/check.ts';
import { renderReport } from '../../../src/artifacts/report/index.ts';
import { TemplateError } from '../../../src/documents/templates/index.ts';
import type { MiniProject } from '../../helpers/mini-project.ts';
import { sampleWithTemplate, TEMPLATE } from './template-copy.ts';

let project: MiniProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** 1-based line of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  return source.split('\n').findIndex((l) => l.includes(text)) + 1;
}

async function renderError(dir: string): Promise<TemplateError> {
  const checked = await checkProject(dir);
  expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const error = await renderReport({ data: checked.data!, verdicts: checked.verdicts, revision: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TemplateError);
  return error as TemplateError;
}

describe('report template errors name the template file and line', () => {
  it('uses the district’s copy of the templates', async () => {
    project = await sampleWithTemplate((s) => s.replace('现将创建工作情况报告如下：', '现将创建工作情况（本区模板）报告如下：'));
    const checked = await checkProject(project.dir);
    const bytes = await renderReport({ data: checked.data!, verdicts: checked.verdicts, revision: 1 });
    const { default: JSZip } = await import('jszip');
    const doc = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(doc).toContain('（本区模板）');
  });

  it('a missing variable', async () => {
    let source = '';
    project = await sampleWithTemplate((s) => (source = s.replace('{{district.name}}成立了', '{{district.nmae}}成立了')));
    const error = await renderError(project.dir);
    expect(error.file.endsWith(TEMPLATE)).toBe(true);
    expect(error.line).toBe(lineOf(source, '{{district.nmae}}'));
    expect(error.message).toContain('nmae');
    const issue = error.toIssue();
    expect(issue).toMatchObject({ code: 'template-error', severity: 'error', line: error.line });
    expect(issue.file.endsWith(TEMPLATE)).toBe(true);
  });

  it('a broken template (unclosed block)', async () => {
    let source = '';
    project = await sampleWithTemplate((s) => (source = s.replace('{{#each unitDuties}}\n{{inc @index}}. {{unit}}：{{duty}}。\n{{/each}}', '{{#each unitDuties}}\n{{inc @index}}. {{unit}}：{{duty}}。\n{{/eahc}}')));
    const error = await renderError(project.dir);
    expect(error.file.endsWith(TEMPLATE)).toBe(true);
    expect(error.line).toBe(lineOf(source, '{{#each unitDuties}}'));
  });

  it('a syntax error', async () => {
    let source = '';
    project = await sampleWithTemplate((s) => (source = s.replace('## 指标达标情况', '## 指标达标情况 {{summary.total}}}')));
    const error = await renderError(project.dir);
    expect(error.line).toBe(lineOf(source, '{{summary.total}}}'));
    expect(error.message).toContain('语法错误');
  });

  it('a directive the writer does not know', async () => {
    let source = '';
    project = await sampleWithTemplate((s) => (source = s.replace('::: signature\n{{district.government}}', '::: sigature\n{{district.government}}')));
    const error = await renderError(project.dir);
    expect(error.file.endsWith(TEMPLATE)).toBe(true);
    expect(error.line).toBe(lineOf(source, '::: sigature'));
    expect(error.message).toContain('不认识的指令');
  });

  it('a build stops at it before hashing the evidence or writing anything', async () => {
    project = await sampleWithTemplate((s) => s.replace('{{district.name}}成立了', '{{district.nmae}}成立了'));
    const out = path.join(project.dir, 'out');
    const error = await buildBundle(project.dir, { outDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).file.endsWith(TEMPLATE)).toBe(true);
    // nothing but the output folder's own state was made, and no evidence was hashed into it
    expect(existsSync(out) ? readdirSync(out).filter((n) => n !== '.eco-dossier') : []).toEqual([]);
    expect(existsSync(path.join(out, '.eco-dossier', 'fingerprints.json'))).toBe(false);
  });
});
