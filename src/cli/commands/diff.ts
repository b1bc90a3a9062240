import path from 'node:path';
import { diffManifests, formatDiff } from '../../package/index.ts';
import { readManifest } from '../../package/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';

const USAGE = 'eco-dossier diff 旧材料包(zip|目录) 新材料包(zip|目录) [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, 2);
  if (positionals.length !== 2) throw new CliUsageError('请给出两个材料包：旧的和新的', USAGE);
  // a damaged or unreadable bundle is a problem with the input (exit 1), not a wrong command line
  const read = async (p: string) => readManifest(path.resolve(ctx.cwd, p)).catch((e: Error) => ({
    failed: `无法读取材料包 ${p} 的清单：${e.name === 'ZodError' ? 'manifest.json 的内容不符合清单格式' : e.message.split('\n')[0]}`,
  }));
  const [a, b] = [await read(positionals[0]!), await read(positionals[1]!)];
  const failed = [a, b].flatMap((m) => ('failed' in m ? [m.failed] : []));
  if (failed.length > 0 || 'failed' in a || 'failed' in b) {
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, errors: failed.map((message) => ({ code: 'bundle-unreadable', severity: 'error', message })) }, null, 2));
    for (const f of failed) ctx.stderr(f);
    ctx.stderr('请用 eco-dossier verify 检查这个材料包；损坏的材料包无法比较');
    return EXIT.inputProblems;
  }
  const diff = diffManifests(a, b);
  ctx.stdout(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  return EXIT.ok;
}
