import { existsSync } from 'node:fs';
import path from 'node:path';
import { submitBundle } from '../../bundle/index.ts';
import { displayPath } from '../../common/index.ts';
import { isRealDate } from '../../model/index.ts';
import { OFFICE, OfficeRecord, RECORD_FILE, STATE_DIR } from '../../serve/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier submit 材料包目录|材料包.zip --to 接收单位 --date YYYY-MM-DD [--project 项目目录] [--json]';

/**
 * The project whose record (the dashboard's history) also notes the submission: --project, else the folder
 * that holds the bundle's out/ when it is a project folder. Only a project that has a record already.
 */
function recordOf(bundleOut: string, given: string | undefined): string | undefined {
  const candidate = given ?? path.dirname(bundleOut);
  if (!given && !existsSync(path.join(candidate, 'project.yaml'))) return undefined;
  return existsSync(path.join(candidate, STATE_DIR, RECORD_FILE)) ? candidate : undefined;
}

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { to: { type: 'string' }, date: { type: 'string' }, project: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (!positionals[0]) throw new CliUsageError('请给出已报送的材料包（out/ 中的文件夹或 zip）', USAGE);
  const to = values.to?.trim();
  if (!to) throw new CliUsageError('请用 --to 写明接收单位，如 --to 生态环境部', USAGE);
  if (!values.date || !isRealDate(values.date)) throw new CliUsageError(`--date 应为报送日期，格式 YYYY-MM-DD，如 2023-07-25${values.date ? `，实际为“${values.date}”` : ''}`, USAGE);
  const location = path.resolve(ctx.cwd, positionals[0]);
  const result = await submitBundle({ location, to, date: values.date });
  const project = values.project ? path.resolve(ctx.cwd, values.project) : undefined;
  const recordDir = result.ok && !result.unchanged ? recordOf(path.dirname(location), project) : undefined;
  if (recordDir && result.submission) {
    const record = new OfficeRecord(recordDir);
    try {
      const s = result.submission;
      record.log({ who: OFFICE, action: '报送', target: s.zip ?? s.bundle, ...(s.zipSha256 ? { sha256: s.zipSha256 } : {}), outcome: 'ok', detail: `第${s.revision}版于${s.date}报送${s.to}` });
    } finally {
      record.close();
    }
  }
  const { errors, warnings } = splitIssues(result.issues);
  if (values.json) {
    ctx.stdout(JSON.stringify({
      ok: result.ok, unchanged: result.unchanged ?? false, file: result.file ?? null, submission: result.submission ?? null,
      record: recordDir ?? null, errors: issuesToJson(errors), warnings: issuesToJson(warnings),
    }, null, 2));
  } else if (!result.ok) {
    ctx.stdout(`${formatIssues(result.issues)}\n未记录为已报送。`);
  } else {
    const s = result.submission!;
    ctx.stdout([
      result.unchanged ? `第${s.revision}版已记录过：${s.date} 报送${s.to}，未改动。` : `已记录：第${s.revision}版（${s.bundle}）于${s.date}报送${s.to}。`,
      `记录文件：${displayPath(result.file!, ctx.cwd)}${recordDir ? '（工作台的记录中也已写入）' : ''}`,
      `此后 build 不会再覆盖第${s.revision}版；根据审查意见修改时，请用 eco-dossier revise --from ${displayPath(location, ctx.cwd)} 生成第${s.revision + 1}版。`,
    ].join('\n'));
  }
  return result.ok ? EXIT.ok : EXIT.inputProblems;
}
