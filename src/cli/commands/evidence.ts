import { DATE_SOURCE_TEXT, scanEvidence } from '../../intake/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier evidence scan [项目目录] [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = argv;
  const options = { json: { type: 'boolean' } } as const;
  if (sub === '--help' || sub === '-h') parseCommandArgs([sub], options, USAGE);
  if (sub !== 'scan') throw new CliUsageError(sub ? `不认识的子命令“${sub}”` : '缺少子命令 scan', USAGE);
  const { values, positionals } = parseCommandArgs(rest, options, USAGE);
  const result = await scanEvidence(projectDir(ctx, positionals[0]));
  const { errors, warnings } = splitIssues(result.issues);
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok: result.ok, errors: issuesToJson(errors), warnings: issuesToJson(warnings), added: result.added }, null, 2));
  } else {
    for (const e of result.added) {
      const indicators = e.indicators.length ? `指标 ${e.indicators.join('、')}` : '指标未定';
      ctx.stdout(`+ ${e.id}  evidence/${e.file}\n    ${indicators}；标题“${e.title}”；日期 ${e.date}（取自${DATE_SOURCE_TEXT[e.dateFrom]}）；类型 ${e.kind}；出具单位待填写`);
    }
    const text = formatIssues(result.issues);
    if (text) ctx.stdout(text);
    ctx.stdout(result.ok ? (result.added.length ? `已在 evidence.yaml 末尾登记 ${result.added.length} 份新材料，原有条目未改动。请核对上面推测的内容。` : '没有未登记的新文件。') : '未改动 evidence.yaml。');
  }
  return result.ok ? EXIT.ok : EXIT.inputProblems;
}
