import path from 'node:path';
import { displayPath, megabytesText } from '../../common/index.ts';
import { hasErrors } from '../../model/index.ts';
import { checkProject } from '../../load/index.ts';
import { writeAnnex, type AnnexResult } from '../../bundle/index.ts';
import { EXIT, parseCommandArgs, projectDir, volumeLimitOption, type CommandContext } from '../command.ts';
import { onInterrupt } from '../interrupt.ts';
import { progressBar } from '../progress.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier annex [项目目录] [--out 目录] [--max-volume-mb N] [--allow-missing] [--json]';

/**
 * eco-dossier annex: the annex (佐证材料汇编) alone, produced and published as a bundle's volumes are (see
 * bundle/annex.ts): a failure never replaces a good annex with a broken one.
 */
export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, 'max-volume-mb': { type: 'string' }, 'allow-missing': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  const maxVolumeMb = volumeLimitOption(values['max-volume-mb'], USAGE);
  const checked = await checkProject(projectDir(ctx, positionals[0]));
  const issues = [...checked.issues];
  let result: AnnexResult | undefined;
  if (checked.data && !hasErrors(checked.issues)) {
    const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
    const release = onInterrupt('\n已中断：未写入佐证材料汇编，原有文件保持不变。\n');
    try {
      result = await writeAnnex(checked.data, {
        outDir: path.resolve(ctx.cwd, values.out ?? 'out'), maxVolumeMb, allowMissing: values['allow-missing'] ?? false, onProgress: progress,
      });
      progress.done();
      issues.push(...result.issues);
    } finally {
      release();
    }
  }
  const files = result?.ok ? result.files : [];
  const ok = !hasErrors(issues) && files.length > 0;
  const { errors, warnings } = splitIssues(issues);
  const volumes = files.map(({ file, written }) => ({ file, pages: written.pages!, contents: written.contents ?? [], bytes: written.bytes }));
  if (values.json) {
    ctx.stdout(JSON.stringify({
      ok,
      volumes: volumes.map((v) => ({
        file: v.file, pages: v.pages.count, firstPage: v.pages.first, lastPage: v.pages.last, bytes: v.bytes,
        indicators: v.contents.map((i) => ({ no: i.indicator, firstPage: i.firstPage, lastPage: i.lastPage, evidence: i.evidence })),
      })),
      errors: issuesToJson(errors),
      warnings: issuesToJson(warnings),
    }, null, 2));
  } else {
    const text = formatIssues(issues);
    if (text) ctx.stdout(text);
    if (ok) {
      ctx.stdout(volumes.length > 1 ? `已生成佐证材料汇编，共 ${volumes.length} 册：` : '已生成佐证材料汇编：');
      for (const v of volumes) ctx.stdout(`  ${displayPath(v.file)}（${v.pages.count} 页，页码 ${v.pages.first}—${v.pages.last}，${megabytesText(v.bytes)}）`);
    } else if (errors.length) ctx.stdout('未生成佐证材料汇编：请先按上面的位置处理错误（或用 --allow-missing 以说明页代替无法读取的材料）。');
  }
  return ok ? EXIT.ok : EXIT.inputProblems;
}
