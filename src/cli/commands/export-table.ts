import path from 'node:path';
import { displayPath } from '../../common/index.ts';
import { writeFileAtomic } from '../../files/index.ts';
import { checkProject } from '../../load/index.ts';
import { renderTaskTable, TASK_TABLE_NAME } from '../../artifacts/task-table/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier export-table [项目目录] [--out 文件.xlsx] [--with-status] [--json]';

/** Where the table goes unless --out says otherwise: out/指标任务分解表.xlsx under the working folder. */
export const DEFAULT_TABLE_FILE = path.join('out', `${TASK_TABLE_NAME}.xlsx`);

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { json: { type: 'boolean' }, out: { type: 'string' }, 'with-status': { type: 'boolean' } },
    USAGE,
  );
  if (values.out !== undefined && !/\.xlsx$/i.test(values.out)) {
    throw new CliUsageError(`--out 应为 .xlsx 文件，实际为“${values.out}”`, USAGE);
  }
  const file = path.resolve(ctx.cwd, values.out ?? DEFAULT_TABLE_FILE);
  const checked = await checkProject(projectDir(ctx, positionals[0]));
  const { errors, warnings } = splitIssues(checked.issues);
  if (!checked.data || errors.length > 0) {
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, file: null, errors: issuesToJson(errors), warnings: issuesToJson(warnings) }, null, 2));
    else ctx.stdout(`${formatIssues(checked.issues)}\n项目数据有错误，未写出指标任务分解表。请按上面的位置逐条修改。`);
    return EXIT.inputProblems;
  }
  const bytes = await renderTaskTable({ data: checked.data, verdicts: checked.verdicts, revision: 1 }, { withStatus: Boolean(values['with-status']) });
  await writeFileAtomic(file, bytes);
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok: true, file, bytes: bytes.length, errors: [], warnings: issuesToJson(warnings) }, null, 2));
  } else {
    const issuesText = formatIssues(checked.issues);
    if (issuesText) ctx.stdout(issuesText);
    ctx.stdout(`已写出 ${displayPath(file, ctx.cwd)}（${checked.data.indicators.length} 项指标${values['with-status'] ? '，含现状值和达标情况' : ''}）。`);
  }
  return EXIT.ok;
}
