import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { DEFAULT_MAX_VOLUME_MB } from '../common/index.ts';
import { COMMANDS } from './commands-table.ts';
import { closest } from './suggest.ts';

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

/** `--help` or `-h` on a command: its help text is printed and the exit code is 0. */
export class CliHelpRequest extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export const DEFAULT_PROJECT = 'fixtures/yanzhou-2023';

export const EXIT = { ok: 0, inputProblems: 1, toolFailed: 2 } as const;

type OptionConfig = NonNullable<ParseArgsConfig['options']>[string];

/** What reading the options gives: a switch is true when given, a value option its text. */
export type OptionValues<O> = { [K in keyof O]?: O[K] extends { readonly type: 'boolean' } ? boolean : string };

/** What every option means, in the words of the help text, and the name of its value. One table for every command. */
const OPTION_TEXT: Record<string, { readonly value?: string; readonly text: string }> = {
  json: { text: '标准输出只输出一个 JSON 对象（供其他程序读取）；进度和日志在标准错误' },
  out: { value: '位置', text: '输出到这里（默认见上面的用法）' },
  'allow-missing': { text: '佐证材料无法读取时仍然生成：以“材料无法读取”页代替，并给出警告' },
  'max-volume-mb': { value: 'N', text: `佐证材料汇编每册的大小上限（MB，默认 ${DEFAULT_MAX_VOLUME_MB}；0 表示不分册）` },
  force: { text: '新版本与上一版内容完全相同时也生成' },
  'full-check': { text: '逐字节重新读取全部文件，不使用文件指纹' },
  'full-zip': { text: '生成完整的 zip（默认只含本版新增和替换的文件）' },
  from: { value: '上一版', text: '上一版材料包：zip 文件或文件夹' },
  feedback: { value: '文件', text: '本轮审查意见及答复（默认 feedback/round-<上一版版本号>.yaml）' },
  today: { value: 'YYYY-MM-DD', text: '按这一天计算剩余天数（默认今天，北京时间）' },
  overwrite: { text: '填报值与已有数据不一致时，以填报表为准' },
  'with-status': { text: '加上现状值、达标情况和佐证材料数量' },
  'allow-missing-narrative': { text: '报告的叙述部分（narrative/ 中的文件）缺少时仍然生成草稿，并给出警告' },
  days: { value: 'N', text: '现场核查的天数（默认见用法）' },
  start: { value: 'HH:MM', text: '每天上午的出发时间' },
  suggest: { text: '只列出从佐证照片的 GPS 信息推测的点位坐标' },
  catalog: { value: '目录编号', text: '指标目录，如 2021-county（eco-dossier catalogs 列出全部）' },
  district: { value: '全称', text: '区县全称，如 济宁市兖州区' },
  short: { value: '简称', text: '区县简称，如 兖州区' },
  code: { value: '代码', text: '6 位行政区划代码' },
  coastal: { text: '沿海区县：加上近岸海域等沿海指标' },
  terrain: { value: '地形', text: '山区、丘陵地区、平原地区、干旱半干旱地区或青藏高原地区（决定林草覆盖率的指标值）' },
  exclude: { value: 'N,N…', text: '不纳入的指标（目录中的序号），原因请在项目中写明' },
  batch: { value: '批次', text: '申报批次，如 第七批' },
  year: { value: 'YYYY', text: '申报年份' },
  html: { value: '文件', text: '把总览和责任单位写成一个可打印的网页文件' },
  port: { value: '端口', text: '网页工作台的端口' },
  to: { value: '接收单位', text: '材料包报送给谁，如 生态环境部' },
  date: { value: 'YYYY-MM-DD', text: '报送日期' },
  project: { value: '项目目录', text: '也写入这个项目的工作台记录（默认：材料包所在 out/ 的上一级是项目文件夹时用它）' },
  host: { value: '地址', text: '监听地址（默认 127.0.0.1，只有本机可访问；其他地址时每个请求都要凭据）' },
  open: { text: '启动后在默认浏览器中打开办公室页面' },
  'public-url': { value: 'http://地址:端口', text: '局域网模式下各单位电脑打开的地址（写进单位链接，也是接受的来源）' },
};

/** What each positional argument is, by the name the usage line gives it. */
const ARGUMENT_TEXT: Record<string, string> = {
  项目目录: `项目文件夹（默认 ${DEFAULT_PROJECT}，内置示例项目）`,
};

function optionLabel(name: string, config: OptionConfig): string {
  const value = config.type === 'string' ? ` ${OPTION_TEXT[name]?.value ?? '值'}` : '';
  return `${config.short ? `-${config.short}, ` : ''}--${name}${value}`;
}

/** The help of one command, from its usage line, the command table and its options. */
export function helpText(usage: string, options: Readonly<Record<string, OptionConfig>>): string {
  const name = usage.split(' ')[1] ?? '';
  const args = [...usage.matchAll(/\[?([\u4e00-\u9fff][^\s\]|.]*)/g)].map((m) => m[1]!).filter((a) => ARGUMENT_TEXT[a]);
  const rows = [
    ...Object.entries(options).map(([opt, config]) => [optionLabel(opt, config), OPTION_TEXT[opt]?.text ?? ''] as const),
    ['-h, --help', '显示本帮助'] as const,
  ];
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    `用法: ${usage}`,
    '',
    COMMANDS[name] ?? '',
    ...(args.length ? ['', '参数:', ...args.map((a) => `  ${a.padEnd(width)}${ARGUMENT_TEXT[a]}`)] : []),
    '',
    '选项:',
    ...rows.map(([label, text]) => `  ${label.padEnd(width)}${text}`),
    '',
    '退出码: 0 正常；1 输入数据有问题；2 程序自身出错或用法不对。',
  ].join('\n');
}

/**
 * `--days -1` → `--days=-1`: a negative number after an option that takes a value is its value (node's
 * parser would take it for an option and stop with an English message); the command then says in Chinese
 * what it expects.
 */
function negativeValuesJoined(argv: readonly string[], options: Readonly<Record<string, OptionConfig>>): readonly string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const next = argv[k + 1];
    if (a === '--') return [...out, ...argv.slice(k)];
    if (a.startsWith('--') && !a.includes('=') && options[a.slice(2)]?.type === 'string' && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${a}=${next}`);
      k++;
    } else out.push(a);
  }
  return out;
}

/**
 * Reads a command's arguments against its options: `--help`/`-h` asks for its help (CliHelpRequest); an
 * unknown option (with the closest known one suggested), a value missing or given where none is taken,
 * and a positional too many are CliUsageErrors in Chinese saying what was expected.
 */
export function parseCommandArgs<O extends Readonly<Record<string, OptionConfig>>>(
  argv: readonly string[],
  options: O,
  usage: string,
  maxPositionals = 1,
): { values: OptionValues<O>; positionals: string[] } {
  argv = negativeValuesJoined(argv, options);
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  if (flags.includes('--help') || flags.includes('-h')) throw new CliHelpRequest(helpText(usage, options));
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const known = Object.keys(options);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const config = options[token.name];
    if (!config) {
      const guess = closest(token.name, known);
      const list = known.map((k) => `--${k}`).join('、');
      throw new CliUsageError(`不认识的选项 ${token.rawName}${guess ? `，你是不是想输入 --${guess}？` : '。'}可用的选项：${list || '（无）'}`, usage);
    }
    if (config.type === 'boolean' && token.inlineValue) throw new CliUsageError(`选项 --${token.name} 不带值，实际写成了“${token.rawName}=${token.value}”`, usage);
    if (config.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))) {
      throw new CliUsageError(`选项 --${token.name} 后面应写${OPTION_TEXT[token.name]?.value ?? '一个值'}`, usage);
    }
  }
  const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  if (parsed.positionals.length > maxPositionals) {
    throw new CliUsageError(`多余的参数：${parsed.positionals.slice(maxPositionals).join(' ')}（最多 ${maxPositionals} 个）`, usage);
  }
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

export function projectDir(ctx: CommandContext, given: string | undefined): string {
  return path.resolve(ctx.cwd, given ?? DEFAULT_PROJECT);
}

/**
 * --max-volume-mb, the one reading of it for every command: absent → the default (100 MB); 0 → one volume;
 * otherwise a number not below 0. An empty value is an error, as is anything else.
 */
export function volumeLimitOption(text: string | undefined, usage: string): number {
  if (text === undefined) return DEFAULT_MAX_VOLUME_MB;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliUsageError(`--max-volume-mb 应为不小于 0 的数字（0 表示不分册），实际为“${text}”`, usage);
  }
  return n;
}
