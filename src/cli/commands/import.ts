import path from 'node:path';
import { importWorkbooks } from '../../workbook/index.ts';
import { fieldLabel, indicatorLabel, showValue } from '../../workbook/index.ts';
import { CliUsageError, DEFAULT_PROJECT, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';
import { displayPath } from '../../common/index.ts';

const USAGE = 'eco-dossier import [项目目录] 填报表.xlsx... [--overwrite] [--json]';
// a workbook not found as given is looked for in the project's out/填报表/ by its name or its unit's (workbook/layout.ts)

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, overwrite: { type: 'boolean' } }, USAGE, Infinity);
  const files = positionals.filter((p) => /\.xlsx$/i.test(p));
  const others = positionals.filter((p) => !/\.xlsx$/i.test(p));
  if (files.length === 0) throw new CliUsageError('请给出至少一个填报表（.xlsx 文件）', USAGE);
  if (others.length > 1) throw new CliUsageError(`只能给出一个项目目录，实际给出：${others.join(' ')}`, USAGE);
  const dir = path.resolve(ctx.cwd, others[0] ?? DEFAULT_PROJECT);
  const outcome = await importWorkbooks(dir, files.map((f) => path.resolve(ctx.cwd, f)), { overwrite: Boolean(values.overwrite) });
  const { errors, warnings } = splitIssues(outcome.issues);
  const ok = errors.length === 0;
  const changes = outcome.changes.map((c) => ({
    indicator: c.indicator, ...(c.sub !== undefined ? { sub: c.sub } : {}), field: fieldLabel(c.field),
    ...(c.old !== undefined ? { old: c.old } : {}), value: c.value, ...c.place,
  }));
  if (values.json) {
    const conflicts = outcome.conflicts.map((c) => ({
      indicator: c.indicator, ...(c.sub !== undefined ? { sub: c.sub } : {}), field: fieldLabel(c.field), old: c.old, value: c.value, ...c.place,
      against: c.against,
    }));
    ctx.stdout(JSON.stringify({
      ok, written: outcome.written, resultsFile: outcome.resultsFile, files: outcome.files, changes, conflicts,
      errors: issuesToJson(errors), warnings: issuesToJson(warnings),
    }, null, 2));
    return ok ? EXIT.ok : EXIT.inputProblems;
  }
  const issuesText = formatIssues(outcome.issues);
  if (issuesText) ctx.stdout(issuesText);
  const results = displayPath(outcome.resultsFile, ctx.cwd);
  if (outcome.written) {
    const added = outcome.changes.filter((c) => c.old === undefined).length;
    ctx.stdout([
      `已把 ${outcome.changes.length} 项数据写入 ${results}（新增 ${added} 项，修改 ${outcome.changes.length - added} 项），项目数据校验通过。`,
      ...outcome.changes.map((c) => `  ${indicatorLabel(c.indicator, c.sub)} ${fieldLabel(c.field)}：${showValue(c.old)} → ${showValue(c.value)}`),
    ].join('\n'));
  } else if (outcome.conflicts.length && !values.overwrite) {
    ctx.stdout(`填报表与 ${results} 中已有的数据有 ${outcome.conflicts.length} 处不一致（见上），未做任何修改。确认以填报表为准时，请加 --overwrite 重新导入。`);
  } else if (ok) {
    ctx.stdout(`填报表中的数据与 ${results} 一致，没有需要写入的内容。`);
  } else if (errors.every((e) => e.code === 'workbook-missing')) {
    ctx.stdout('找不到要导入的填报表（见上），未做任何修改。');
  } else {
    ctx.stdout(`填报表有错误，未做任何修改。请按上面的位置逐格修改后重新导入。`);
  }
  return ok ? EXIT.ok : EXIT.inputProblems;
}
