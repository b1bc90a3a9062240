import path from 'node:path';
import { reviseBundle } from '../../revise/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, projectDir, volumeLimitOption, type CommandContext } from '../command.ts';
import { progressBar } from '../progress.ts';
import { formatIssues, issuesToJson, refusalLine, splitIssues } from '../report-issues.ts';
import { onInterrupt } from '../interrupt.ts';

const USAGE = 'eco-dossier revise [项目目录] --from 上一版.zip|上一版目录 [--feedback 审查意见.yaml] [--out 目录] [--json] [--allow-missing] [--allow-missing-narrative] [--max-volume-mb N] [--full-check] [--full-zip] [--force]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { from: { type: 'string' }, feedback: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, 'allow-missing': { type: 'boolean' }, 'allow-missing-narrative': { type: 'boolean' }, force: { type: 'boolean' }, 'max-volume-mb': { type: 'string' }, 'full-check': { type: 'boolean' }, 'full-zip': { type: 'boolean' } },
    USAGE,
  );
  if (!values.from) throw new CliUsageError('请用 --from 指定上一版材料包（zip 文件或文件夹）', USAGE);
  const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
  const release = onInterrupt('\n已中断：未写入任何新文件，原有材料包保持不变。\n');
  try {
    const result = await reviseBundle(projectDir(ctx, positionals[0]), {
      from: path.resolve(ctx.cwd, values.from),
      ...(values.feedback ? { feedbackFile: path.resolve(ctx.cwd, values.feedback) } : {}),
      outDir: path.resolve(ctx.cwd, values.out ?? 'out'),
      allowMissing: values['allow-missing'] ?? false,
      allowMissingNarrative: values['allow-missing-narrative'] ?? false,
      force: values.force ?? false,
      fullCheck: values['full-check'] ?? false,
      zipContents: values['full-zip'] ? 'complete' : 'changes',
      maxVolumeMb: volumeLimitOption(values['max-volume-mb'], USAGE),
      onProgress: progress,
    });
    progress.done();
    const { errors, warnings } = splitIssues(result.issues);
    const changes = result.manifest?.changes ?? [];
    const count = (op: string) => changes.filter((c) => c.op === op).length;
    if (values.json) {
      ctx.stdout(JSON.stringify({
        ok: result.ok, revision: result.revision ?? null, bundleDir: result.bundleDir ?? null, zip: result.zip ?? null,
        zipContents: result.zipContents ?? null, previousDraft: result.previousDraft ?? null, previousSource: result.previousSource ?? null, feedback: result.feedbackFile ?? null, open: result.open, reused: result.reused, changes, previousCheck: result.previousCheck ?? null,
        errors: issuesToJson(errors), warnings: issuesToJson(warnings), timings: result.timings,
      }, null, 2));
    } else {
      const text = formatIssues(result.issues);
      if (text) ctx.stdout(text);
      if (result.ok && result.unchanged) {
        ctx.stdout(`第${result.revision}版材料包未变化：${result.bundleDir} 与本次生成的完全相同，未改动。`);
      } else if (result.ok) {
        ctx.stdout([
          `已生成第${result.revision}版申报材料包：`,
          `  ${result.bundleDir}（完整的第${result.revision}版，未变的文件与上一版相同）`,
          result.zipContents === 'changes'
            ? `  ${result.zip}（变更部分包，不是完整的申报材料：只含新增和替换的文件，与第${(result.revision ?? 2) - 1}版一起构成第${result.revision}版；完整的 zip 请加 --full-zip）`
            : `  ${result.zip}（完整）`,
          `上一版：${result.previousSource}`,
          ...(result.previousCheck ? [`上一版已核对：${result.previousCheck.files} 个文件${result.previousCheck.trusted ? `，其中 ${result.previousCheck.trusted} 个自本工具上次写入或校验后未被改动（文件指纹相同），未重新读取` : '，全部重新计算了校验值'}`] : []),
          `文件：新增 ${count('new')}，替换 ${count('replace')}，删除 ${count('delete')}，未变 ${count('unchanged')}（原样沿用上一版 ${result.reused.length} 个）`,
          ...(result.open.length ? [`尚未答复的审查意见：${result.open.join('、')}`] : []),
          ...(result.previousDraft ? [`第${result.revision}版尚未报送，已替换原草稿；原草稿保留为 ${result.previousDraft}（只保留一份）。`] : []),
        ].join('\n'));
      } else ctx.stdout(refusalLine(errors, '未生成新版本'));
    }
    return result.ok ? EXIT.ok : EXIT.inputProblems;
  } finally {
    release();
  }
}
