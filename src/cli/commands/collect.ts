import path from 'node:path';
import { writeFileAtomic } from '../../files/index.ts';
import { checkProject } from '../../load/index.ts';
import { collectWorkbooks } from '../../workbook/index.ts';
import { collectDir } from '../../workbook/index.ts';
import { EXIT, parseCommandArgs, projectDir, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';
import { displayPath } from '../../common/index.ts';
import { outProblemIssue } from '../out-problems.ts';

const USAGE = 'eco-dossier collect [项目目录] [--out 目录] [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, out: { type: 'string' } }, USAGE);
  const project = projectDir(ctx, positionals[0]);
  // the project's own out/填报表/ unless --out says otherwise
  const outDir = values.out ? path.resolve(ctx.cwd, values.out) : collectDir(project);
  const checked = await checkProject(project);
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
        `各单位填好后，把填报表放回这里，用 eco-dossier import ${displayPath(project, ctx.cwd)} ${files[0] ? path.basename(files[0].file) : '单位名称.xlsx'} … 导入。`,
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
