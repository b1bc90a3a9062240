import path from 'node:path';
import { diffManifests, formatDiff } from '../../package/diff.ts';
import { readManifest } from '../../package/manifest-read.ts';
import { CliUsageError, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';

const USAGE = 'eco-dossier diff 旧材料包(zip|目录) 新材料包(zip|目录) [--json]';

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, 2);
  if (positionals.length !== 2) throw new CliUsageError('请给出两个材料包：旧的和新的', USAGE);
  const read = async (p: string) => {
    try {
      return await readManifest(path.resolve(ctx.cwd, p));
    } catch (e) {
      throw new CliUsageError(`无法读取材料包 ${p} 的清单：${(e as Error).message}`, USAGE);
    }
  };
  const diff = diffManifests(await read(positionals[0]!), await read(positionals[1]!));
  ctx.stdout(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  return EXIT.ok;
}
