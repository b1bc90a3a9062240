import path from 'node:path';
import { writeFileAtomic } from '../../files/atomic.ts';
import { checkProject } from '../../load/check.ts';
import { collectWorkbooks } from '../../workbook/collect.ts';
import { EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';
import { displayPath } from '../../common/display-path.ts';
import { outProblemIssue } from '../out-problems.ts';

const USAGE = 'eco-dossier collect [项目目录] [--out 目录] [--json]';

/** Where the workbooks go unless --out says otherwise. */
export const DEFAULT_COLLECT_DIR = path.join('out', '填报表');

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, out: { type: 'string' } }, USAGE);
  const outDir = path.resolve(ctx.cwd, values.out ?? DEFAULT_COLLECT_DIR);
  const checked = await checkProject(projectDir(ctx, positionals[0]));
  const { errors, warnings } = splitIssues(checked.issues);
  if (!checked.data || errors.length > 0) {
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, dir: null, files: [], errors: issuesToJson(errors), warnings: issuesToJson(warnings) }, null, 2));
    else ctx.stdout(`${formatIssues(checked.issues)}\n项目数据有错误，未生成填报表。请按上面的位置逐条修改。`);
    return EXIT.inputProblems;
  }
  const books = await collectWorkbooks(checked.data);
  const files = [];
  try {
    for (const book of books) {
      const file = path.join(outDir, book.fileName);
      await writeFileAtomic(file, book.bytes);
      files.push({ unit: book.unit, file, rows: book.rows });
    }
  } catch (e) {
    const issue = await outProblemIssue(e, outDir);
    if (!issue) throw e;
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, dir: null, files: [], errors: issuesToJson([issue]), warnings: issuesToJson(warnings) }, null, 2));
    else ctx.stdout(`${formatIssues([issue])}\n未生成填报表。`);
    return EXIT.inputProblems;
  }
  if (values.json) {
    ctx.stdout(JSON.stringify({ ok: true, dir: outDir, files, errors: [], warnings: issuesToJson(warnings) }, null, 2));
  } else {
    const issuesText = formatIssues(checked.issues);
    if (issuesText) ctx.stdout(issuesText);
    ctx.stdout(
      [
        `已在 ${displayPath(outDir, ctx.cwd)} 生成 ${files.length} 个责任单位的填报表：`,
        ...files.map((f) => `  ${path.basename(f.file)}（${f.rows} 行）`),
        '各单位填好后，用 eco-dossier import 导入。',
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
