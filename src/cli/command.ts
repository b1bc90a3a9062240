import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';

/** What a command may touch of the outside world: injected so tests can capture it. */
export interface CommandContext {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** progress bars only on a terminal */
  readonly isTTY: boolean;
}

export interface CommandModule {
  run(argv: readonly string[], ctx: CommandContext): Promise<number>;
}

/** Wrong arguments: exit code 2 with the command's usage line. */
export class CliUsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

export const DEFAULT_PROJECT = 'fixtures/yanzhou-2023';

export const EXIT = { ok: 0, inputProblems: 1, toolFailed: 2 } as const;

/** parseArgs with Chinese error messages and the default project folder. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  usage: string,
  maxPositionals = 1,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliUsageError(`参数错误：${(e as Error).message}`, usage);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new CliUsageError(`多余的参数：${parsed.positionals.slice(maxPositionals).join(' ')}`, usage);
  }
  return parsed;
}

export function projectDir(ctx: CommandContext, given: string | undefined): string {
  return path.resolve(ctx.cwd, given ?? DEFAULT_PROJECT);
}
