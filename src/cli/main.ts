import { InternalError } from '../model/index.ts';
import { CliHelpRequest, CliUsageError, type CommandContext, type CommandModule } from './command.ts';
import { COMMANDS } from './commands-table.ts';
import { closest } from './suggest.ts';

/** Each command's module, loaded only when it runs (static paths, so compilation rewrites them). */
const LOADERS: Record<string, () => Promise<CommandModule>> = {
  catalogs: () => import('./commands/catalogs.ts'),
  init: () => import('./commands/init.ts'),
  evidence: () => import('./commands/evidence.ts'),
  validate: () => import('./commands/validate.ts'),
  status: () => import('./commands/status.ts'),
  'export-table': () => import('./commands/export-table.ts'),
  collect: () => import('./commands/collect.ts'),
  import: () => import('./commands/import.ts'),
  report: () => import('./commands/report.ts'),
  annex: () => import('./commands/annex.ts'),
  build: () => import('./commands/build.ts'),
  verify: () => import('./commands/verify.ts'),
  submit: () => import('./commands/submit.ts'),
  revise: () => import('./commands/revise.ts'),
  diff: () => import('./commands/diff.ts'),
  serve: () => import('./commands/serve.ts'),
  'site-visit': () => import('./commands/site-visit.ts'),
};

const USAGE = () =>
  [
    '用法: eco-dossier <命令> [项目目录] [选项]',
    '',
    '命令:',
    ...Object.entries(COMMANDS).map(([name, summary]) => `  ${name.padEnd(14)}${summary}`),
    '',
    '项目目录默认为 fixtures/yanzhou-2023（内置示例项目）。',
    '每个命令都接受 --json：标准输出只输出一个 JSON 对象。',
    '查看某个命令的参数和选项：eco-dossier <命令> --help',
    '退出码: 0 正常；1 输入数据有问题；2 程序自身出错或用法不对。',
  ].join('\n');

/** Runs one command and returns the exit code; only bin/ sets process.exitCode. */
export async function runCli(argv: readonly string[], ctx: CommandContext = defaultContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout(USAGE());
    return 0;
  }
  if (!name) {
    ctx.stderr(`请给出要运行的命令。\n\n${USAGE()}`);
    return 2;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout((await import('../common/index.ts')).GENERATOR.version);
    return 0;
  }
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  if (!load) {
    const guess = closest(name, Object.keys(COMMANDS));
    ctx.stderr(`不认识的命令“${name}”。${guess ? `你是不是想输入 ${guess}？` : ''}\n\n${USAGE()}`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest, ctx);
  } catch (e) {
    if (e instanceof CliHelpRequest) {
      ctx.stdout(e.text);
      return 0;
    }
    if (e instanceof CliUsageError) {
      ctx.stderr(`${e.message}\n用法: ${e.usage}\n查看全部参数和选项：eco-dossier ${name} --help`);
      return 2;
    }
    const internal = e instanceof InternalError;
    const message = internal ? e.message : `eco-dossier 运行失败：${(e as Error)?.message ?? String(e)}`;
    ctx.stderr(message);
    // --json promises one JSON object on stdout, also when the tool itself fails
    if (rest.includes('--json')) ctx.stdout(JSON.stringify({ ok: false, errors: [{ code: internal ? 'internal' : 'tool-failed', severity: 'error', file: '', message }] }, null, 2));
    if (process.env.ECO_DOSSIER_DEBUG) ctx.stderr(String((e as Error)?.stack));
    return 2;
  }
}

/** The process's own terminal; a command thread is told whether its stderr is a terminal (it is a pipe there). */
export function defaultContext(isTTY = Boolean(process.stderr.isTTY)): CommandContext {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    isTTY,
  };
}
