import path from 'node:path';
import { displayPath } from '../../common/index.ts';
import type { Issue } from '../../model/index.ts';
import { writeFileAtomic } from '../../files/index.ts';
import { checkProject } from '../../load/index.ts';
import { renderReport } from '../../artifacts/report/index.ts';
import { missingNarrative } from '../../artifacts/report/index.ts';
import { TemplateError } from '../../documents/templates/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier report [项目目录] [--out 文件.docx] [--allow-missing-narrative] [--json]';

/** Where the report goes without --out, relative to the working directory. */
export const DEFAULT_REPORT_OUT = 'out/申报报告.docx';

/**
 * report: load → judge → render the report (申报报告) alone → write it atomically.
 * Exit 1 with located issues (input or template errors) and nothing written; 2 when eco-dossier itself fails.
 */
export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, out: { type: 'string' }, 'allow-missing-narrative': { type: 'boolean' } }, USAGE);
  const out = path.resolve(ctx.cwd, values.out ?? DEFAULT_REPORT_OUT);
  if (path.extname(out).toLowerCase() !== '.docx') throw new CliUsageError(`--out 应为 .docx 文件，实际为“${values.out}”`, USAGE);

  const loaded = await checkProject(projectDir(ctx, positionals[0]));
  const narrative = loaded.data ? missingNarrative(loaded.data, values['allow-missing-narrative'] ? 'warning' : 'error') : [];
  const checked = { ...loaded, issues: [...loaded.issues, ...narrative] };
  const { errors, warnings } = splitIssues(checked.issues);
  const finish = (ok: boolean, issues: readonly Issue[], written?: { bytes: number; ms: number }) => {
    if (values.json) {
      const split = splitIssues(issues);
      ctx.stdout(JSON.stringify({ ok, errors: issuesToJson(split.errors), warnings: issuesToJson(split.warnings), ...(written ? { output: out, ...written } : {}) }, null, 2));
    } else {
      const text = formatIssues(issues);
      if (text) ctx.stdout(text);
      ctx.stdout(written ? `已生成申报报告：${displayPath(out, ctx.cwd)}（${Math.round(written.bytes / 1024)} KB）` : '申报报告未生成：请按上面的位置逐条修改。');
    }
    return ok ? EXIT.ok : EXIT.inputProblems;
  };
  if (!checked.data || errors.length > 0) return finish(false, checked.issues);

  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = await renderReport({ data: checked.data, verdicts: checked.verdicts, revision: 1 });
  } catch (e) {
    if (e instanceof TemplateError) return finish(false, [...warnings, { ...e.toIssue(), file: displayPath(e.file, ctx.cwd) }]);
    throw e;
  }
  await writeFileAtomic(out, bytes);
  return finish(true, warnings, { bytes: bytes.length, ms: Math.round(performance.now() - started) });
}

