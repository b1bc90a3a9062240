import path from 'node:path';
import { initProject, readCatalogue, SelectionError, terrainClass } from '../../init/index.ts';
import { districtKindOf, TERRAIN_CLASSES } from '../../model/index.ts';
import { districtWords } from '../../common/index.ts';
import { CliUsageError, EXIT, parseCommandArgs, type CommandContext } from '../command.ts';
import { formatIssues, issuesToJson } from '../report-issues.ts';
import { outProblemIssue } from '../out-problems.ts';

const USAGE =
  'eco-dossier init 目录 --catalog 目录编号 --district 区县全称 [--short 简称] [--code 行政区划代码] [--coastal] [--terrain 地形] [--exclude 序号,序号… 或 序号=理由；序号=理由] [--batch 批次] [--year 年份] [--json]';

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `6,36` or, with reasons, `6=本区无…；36=…` (entries separated by ；). */
/** `8③` or `8.3` → { no: 8, sub: 3 }; `8` → { no: 8 }. */
function excludeKey(key: string): { no: number; sub?: number } {
  const m = /^(\d+)(?:[.．](\d+)|([①-⑳]))?$/u.exec(key.trim());
  if (!m) return { no: NaN };
  const sub = m[2] ? Number(m[2]) : m[3] ? m[3].codePointAt(0)! - 0x2460 + 1 : undefined;
  return { no: Number(m[1]), ...(sub !== undefined ? { sub } : {}) };
}

function parseExclude(text: string | undefined): { no: number; sub?: number; reason?: string }[] {
  if (!text) return [];
  if (/[=:：]/.test(text)) {
    return text.split(/[;；]/).map((p) => p.trim()).filter(Boolean).map((p) => {
      const m = /^(\d+(?:[.．]\d+|[①-⑳])?)\s*(?:[=:：]\s*(.*))?$/su.exec(p);
      if (!m) throw new CliUsageError(`--exclude 带理由时写成“目录序号=理由”（分项写 8③=理由），多项用；分隔（如 6=本区不涉及…；36=…），实际有“${p}”`, USAGE);
      return { ...excludeKey(m[1]!), ...(m[2]?.trim() ? { reason: m[2].trim() } : {}) };
    });
  }
  const parts = text.split(/[,，、\s]+/).filter(Boolean);
  const bad = parts.find((p) => Number.isNaN(excludeKey(p).no));
  if (bad !== undefined) throw new CliUsageError(`--exclude 应为目录序号，用逗号分隔（如 9,13,18），实际有“${bad}”`, USAGE);
  return parts.map(excludeKey);
}

/** Characters no name may hold: line breaks, tabs and the other controls (they would break the YAML written). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** A name given on the command line: refused, with where in it, when it holds a control character. */
function checkName(option: string, value: string | undefined): void {
  if (value === undefined) return;
  const at = CONTROL.exec(value);
  if (!at) return;
  const code = value.codePointAt(at.index)!;
  const what = code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 ? '换行符' : code === 0x09 ? '制表符' : '控制字符';
  throw new CliUsageError(`--${option} 的第 ${[...value.slice(0, at.index)].length + 1} 个字符是${what}（U+${code.toString(16).toUpperCase().padStart(4, '0')}），名称中不能有换行、制表等控制字符；实际为“${JSON.stringify(value).slice(1, -1)}”`, USAGE);
}

export async function run(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      catalog: { type: 'string' }, district: { type: 'string' }, short: { type: 'string' }, code: { type: 'string' },
      coastal: { type: 'boolean' }, terrain: { type: 'string' }, exclude: { type: 'string' }, batch: { type: 'string' },
      year: { type: 'string' }, json: { type: 'boolean' },
    },
    USAGE,
  );
  const dir = positionals[0];
  if (!dir) throw new CliUsageError('缺少要新建的项目目录', USAGE);
  if (!values.catalog) throw new CliUsageError('缺少 --catalog（可用 eco-dossier catalogs 查看目录编号，如 2021-county）', USAGE);
  if (!values.district) throw new CliUsageError('缺少 --district（区县全称，如 济宁市兖州区）', USAGE);
  for (const option of ['district', 'short', 'batch'] as const) checkName(option, values[option]);
  checkName('目录', dir);
  if (values.code !== undefined && !/^\d{6}$/.test(values.code)) throw new CliUsageError(`--code 应为 6 位行政区划代码，实际为“${values.code}”`, USAGE);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new CliUsageError(`--year 应为 4 位年份，实际为“${values.year}”`, USAGE);
  const terrain = values.terrain === undefined ? undefined : terrainClass(values.terrain);
  if (values.terrain !== undefined && !terrain) {
    throw new CliUsageError(`--terrain 应为 ${TERRAIN_CLASSES.map((c) => c.replace(/地区$/, '')).join('、')} 之一，实际为“${values.terrain}”`, USAGE);
  }
  const read = await readCatalogue(values.catalog);
  if (!read.catalogue) {
    if (read.issues.every((i) => i.code === 'catalog-unknown')) throw new CliUsageError(read.issues.map((i) => i.message).join('\n'), USAGE);
    ctx.stderr(formatIssues(read.issues));
    return EXIT.toolFailed;
  }
  let result;
  try {
    result = await initProject({
      dir: path.resolve(ctx.cwd, dir), catalogue: read.catalogue, district: values.district,
      ...(values.short ? { shortName: values.short } : {}), ...(values.code ? { code: values.code } : {}),
      coastal: values.coastal ?? false, ...(terrain ? { terrain } : {}), exclude: parseExclude(values.exclude),
      ...(values.batch ? { batch: values.batch } : {}), ...(values.year ? { year: Number(values.year) } : {}),
      today: todayInChina(),
    });
  } catch (e) {
    if (e instanceof SelectionError) throw new CliUsageError(e.message, USAGE);
    const issue = await outProblemIssue(e, path.resolve(ctx.cwd, dir));
    if (!issue) throw e;
    if (values.json) ctx.stdout(JSON.stringify({ ok: false, errors: issuesToJson([issue]), dir: null }, null, 2));
    else ctx.stdout(`${formatIssues([issue])}\n未新建项目。`);
    return EXIT.inputProblems;
  }
  if (values.json) {
    ctx.stdout(JSON.stringify({
      ok: result.ok, errors: issuesToJson(result.issues.filter((i) => i.severity === 'error')),
      warnings: issuesToJson(result.issues.filter((i) => i.severity === 'warning')), dir: result.dir, catalog: read.catalogue.id,
      indicators: result.indicators, binding: result.binding, reference: result.reference,
      leftOut: result.leftOut, relevant: result.relevant, notApplicable: result.notApplicable, evidenceFolders: result.evidenceFolders,
    }, null, 2));
  } else if (!result.ok) {
    ctx.stdout(formatIssues(result.issues));
  } else {
    ctx.stdout([
      `已新建项目：${result.dir}`,
      `指标目录 ${read.catalogue.id}：${districtWords(districtKindOf(values.district)).own}适用 ${result.indicators} 项（约束性 ${result.binding} 项，参考性 ${result.reference} 项）`,
      ...result.leftOut.map((l) => `  未列入：目录第 ${l.catalogueNo} 项 ${l.name}（${l.why}）`),
      ...result.notApplicable.map((n) => `  不涉及：第 ${n.no} 项 ${n.name}（${n.attribute}）：${n.reason}`),
      ...(terrain ? [] : ['  未指定 --terrain：林草覆盖率保留了全部地形行，请在 project.yaml 的 district 下写 terrain（本区的地形类别）']),
      ...(result.issues.length ? [formatIssues(result.issues)] : []),
      '下一步：打开 使用说明.txt，先填写 project.yaml 中“待填写”的地方，再为各指标分配责任单位。',
    ].join('\n'));
  }
  return result.ok ? EXIT.ok : EXIT.inputProblems;
}
