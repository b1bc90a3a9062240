import path from 'node:path';
import { buildBundle } from '../../bundle/index.ts';
import { EXIT, parseCommandArgs, projectDir, volumeLimitOption, type CommandContext } from '../command.ts';
import { onInterrupt } from '../interrupt.ts';
import { progressBar } from '../progress.ts';
import { formatIssues, issuesToJson, refusalLine, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier build [项目目录] [--out 目录] [--json] [--allow-missing] [--allow-missing-narrative] [--max-volume-mb N] [--full-check]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, json: { type: 'boolean' }, 'allow-missing': { type: 'boolean' }, 'allow-missing-narrative': { type: 'boolean' }, 'max-volume-mb': { type: 'string' }, 'full-check': { type: 'boolean' } },
    USAGE,
  );
  const maxVolumeMb = volumeLimitOption(values['max-volume-mb'], USAGE);
  const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
  const release = onInterrupt('\n已中断：未写入任何新文件，原有材料包保持不变。\n');
  try {
    const result = await buildBundle(projectDir(ctx, positionals[0]), {
      outDir: path.resolve(ctx.cwd, values.out ?? 'out'),
      allowMissing: values['allow-missing'] ?? false,
      allowMissingNarrative: values['allow-missing-narrative'] ?? false,
      fullCheck: values['full-check'] ?? false,
      maxVolumeMb,
      onProgress: progress,
    });
    progress.done();
    const { errors, warnings } = splitIssues(result.issues);
    if (values.json) {
      ctx.stdout(JSON.stringify({
        ok: result.ok, bundleDir: result.bundleDir ?? null, zip: result.zip ?? null, revision: result.manifest?.revision ?? null,
        unchanged: result.unchanged ?? false, previousDraft: result.previousDraft ?? null, errors: issuesToJson(errors), warnings: issuesToJson(warnings),
        files: result.manifest?.files.length ?? 0, eligibility: result.eligibility ?? null,
        indicators: result.manifest?.indicators.map(({ evidence: _e, ...i }) => i) ?? [], timings: result.timings,
      }, null, 2));
    } else {
      const text = formatIssues(result.issues);
      if (text) ctx.stdout(text);
      if (result.ok) {
        ctx.stdout(result.unchanged ? `材料包未变化，保留原有文件：${result.bundleDir}` : `已生成申报材料包：\n  ${result.bundleDir}\n  ${result.zip}`);
        if (result.previousDraft) ctx.stdout(`第${result.manifest!.revision}版尚未报送，已替换原草稿；原草稿保留为 ${result.previousDraft}（只保留一份）。报送后请运行 eco-dossier submit 记录。`);
        ctx.stdout(`共 ${result.manifest!.files.length} 个文件；用 eco-dossier verify 可随时校验。`);
        if (result.eligibility) ctx.stdout(result.eligibility.line);
      } else ctx.stdout(refusalLine(errors, '未生成材料包'));
    }
    return result.ok ? EXIT.ok : EXIT.inputProblems;
  } finally {
    release();
  }
}
