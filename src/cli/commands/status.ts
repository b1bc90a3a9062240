import path from 'node:path';
import { isRealDate } from '../../model/index.ts';
import { checkProject } from '../../load/index.ts';
import { formatReadiness, readiness } from '../../status/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier status [项目目录] [--today YYYY-MM-DD] [--json] [--html 文件.html]';

/** Today's date in China (UTC+8): the office's calendar, whatever the machine's time zone. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, today: { type: 'string' }, html: { type: 'string' } }, USAGE);
  const today = values.today ?? todayInChina();
  if (!isRealDate(today)) throw new CliUsageError(`--today 应为 YYYY-MM-DD 格式的日期，实际为“${today}”`, USAGE);
  const checked = await checkProject(projectDir(ctx, positionals[0]));
  const { errors, warnings } = splitIssues(checked.issues);
  const ready = checked.data ? readiness(checked.data, checked.verdicts, today) : undefined;
  if (values.html !== undefined && checked.data) {
    // a printable snapshot of 总览 and 责任单位 (serve's pages, self-contained)
    const { snapshotHtml, dashboardOf } = await import('../../serve/index.ts');
    const { writeFileAtomic } = await import('../../files/index.ts');
    const target = path.resolve(ctx.cwd, values.html);
    await writeFileAtomic(target, snapshotHtml(dashboardOf(checked, today)!));
    ctx.stderr(`已写出 ${target}`);
  }
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok: errors.length === 0, errors: issuesToJson(errors), warnings: issuesToJson(warnings), ...(ready ?? {}) }, null, 2));
  } else {
    const issuesText = formatIssues(checked.issues);
    if (issuesText) ctx.stdout(issuesText);
    if (ready) ctx.stdout(formatReadiness(ready));
  }
  return errors.length === 0 ? EXIT.ok : EXIT.inputProblems;
}
