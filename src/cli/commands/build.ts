import path from 'node:path';
import { buildBundle } from '../../bundle/index.ts';
import { abortAllStagingSync } from '../../files/index.ts';
import { EXIT, parseCommandArgs, projectDir, volumeLimitOption, type CommandContext } from '../command.ts';
import { progressBar } from '../progress.ts';
import { formatIssues, issuesToJson, splitIssues } from '../report-issues.ts';

const USAGE = 'eco-dossier build [项目目录] [--out 目录] [--json] [--allow-missing] [--allow-missing-narrative] [--max-volume-mb N] [--force] [--full-check]';

/** Ctrl-C: remove the staging folder before leaving, so the previous bundle stays and nothing half-written remains. */
export function onInterrupt(): () => void {
  const handler = () => {
    abortAllStagingSync();
    process.stderr.write('\n已中断：未写入任何新文件，原有材料包保持不变。\n');
    process.exit(130);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, json: { type: 'boolean' }, 'allow-missing': { type: 'boolean' }, 'allow-missing-narrative': { type: 'boolean' }, 'max-volume-mb': { type: 'string' }, 'full-check': { type: 'boolean' }, force: { type: 'boolean' } },
    USAGE,
  );
  const maxVolumeMb = volumeLimitOption(values['max-volume-mb'], USAGE);
  const progress = progressBar((t) => process.stderr.write(t), ctx.isTTY && !values.json);
  const release = onInterrupt();
  try {
    const result = await buildBundle(projectDir(ctx, positionals[0]), {
      outDir: path.resolve(ctx.cwd, values.out ?? 'out'),
      allowMissing: values['allow-missing'] ?? false,
      allowMissingNarrative: values['allow-missing-narrative'] ?? false,
      fullCheck: values['full-check'] ?? false,
      maxVolumeMb,
      force: values.force ?? false,
      onProgress: progress,
    });
    progress.done();
    const { errors, warnings } = splitIssues(result.issues);
    if (values.json) {
      ctx.stdout(JSON.stringify({
        ok: result.ok, bundleDir: result.bundleDir ?? null, zip: result.zip ?? null, revision: result.manifest?.revision ?? null,
        unchanged: result.unchanged ?? false, errors: issuesToJson(errors), warnings: issuesToJson(warnings),
        files: result.manifest?.files.length ?? 0, eligibility: result.eligibility ?? null,
        indicators: result.manifest?.indicators.map(({ evidence: _e, ...i }) => i) ?? [], timings: result.timings,
      }, null, 2));
    } else {
      const text = formatIssues(result.issues);
      if (text) ctx.stdout(text);
      if (result.ok) {
        ctx.stdout(result.unchanged ? `材料包未变化，保留原有文件：${result.bundleDir}` : `已生成申报材料包：\n  ${result.bundleDir}\n  ${result.zip}`);
        ctx.stdout(`共 ${result.manifest!.files.length} 个文件；用 eco-dossier verify 可随时校验。`);
        if (result.eligibility) ctx.stdout(result.eligibility.line);
      } else ctx.stdout('未生成材料包：请先按上面的位置修改错误。');
    }
    return result.ok ? EXIT.ok : EXIT.inputProblems;
  } finally {
    release();
  }
}
