import { InternalError } from '../model/issue.ts';
import { CliUsageError, type CommandContext, type CommandModule } from './command.ts';

/** The command table: each command is one file under commands/, loaded only when it runs. */
const COMMANDS: Record<string, string> = {
  validate: '检查项目数据并判定各项指标',
  status: '按责任单位列出准备情况和各时间节点剩余天数',
  'export-table': '导出指标任务分解表（Excel）',
  collect: '为每个责任单位生成填报表（Excel）',
  import: '读回各单位填好的填报表，写入 results.yaml',
  report: '生成申报报告（Word）',
  annex: '生成佐证材料汇编（PDF）',
  build: '生成完整申报材料包（文件夹 + zip + 清单）',
  verify: '校验申报材料包是否完整、未被改动',
  revise: '根据审查意见生成新一版申报材料',
  diff: '比较两版申报材料包的差异',
  'site-visit': '现场核查准备：点位路线、核查手册、会议方案、汇报演示、档案目录',
};

async function loadCommand(name: string): Promise<CommandModule> {
  return (await import(`./commands/${name}.ts`)) as CommandModule;
}

const USAGE = () =>
  [
    '用法: eco-dossier <命令> [项目目录] [选项]',
    '',
    '命令:',
    ...Object.entries(COMMANDS).map(([name, summary]) => `  ${name.padEnd(14)}${summary}`),
    '',
    '项目目录默认为 fixtures/yanzhou-2023（内置示例项目）。',
    '每个命令都接受 --json：标准输出只输出一个 JSON 对象。',
    '退出码: 0 正常；1 输入数据有问题；2 程序自身出错。',
  ].join('\n');

/** Runs one command and returns the exit code; only bin/ sets process.exitCode. */
export async function runCli(argv: readonly string[], ctx: CommandContext = defaultContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout(USAGE());
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout((await import('../version.ts')).GENERATOR.version);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    ctx.stderr(`不认识的命令“${name}”。\n\n${USAGE()}`);
    return 2;
  }
  try {
    const command = await loadCommand(name);
    return await command.run(rest, ctx);
  } catch (e) {
    if (e instanceof CliUsageError) {
      ctx.stderr(`${e.message}\n用法: ${e.usage}`);
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

function defaultContext(): CommandContext {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
