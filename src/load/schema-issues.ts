import type { IssueCode } from '../model/index.ts';
import type { z } from 'zod';
import type { Issue, SourcePlace } from '../model/index.ts';
import type { DataPath } from './yaml-file.ts';

/** Chinese names of the keys of the project files, so a message says “单位” and not “unit”. */
const KEY_LABEL: Record<string, string> = {
  no: '序号', name: '名称', unit: '单位', target: '指标值', attribute: '指标属性', units: '责任单位',
  unitsNote: '责任单位说明', notes: '备注', subIndicators: '分项指标', when: '适用条件', better: '改善方向',
  measure: '比较方式', domains: '领域', tasks: '任务', indicators: '指标', indicator: '指标序号', sub: '分项序号',
  values: '各年数值', superiorTarget: '上级目标', status: '完成状态', description: '情况说明', source: '数据来源',
  op: '比较符号', value: '数值', text: '说明', results: '结果', evidence: '佐证材料', id: '编号', file: '文件',
  title: '标题', issuer: '出具单位', date: '日期', docNo: '文号', kind: '材料类型', district: '地区',
  shortName: '简称', code: '行政区划代码', government: '发文机关', programme: '创建项目', batch: '批次',
  year: '年度', recipient: '主送机关', basis: '依据文件', baselineYear: '基准年', currentYear: '现状年',
  deadlines: '时间节点', label: '时间说明', leadingGroup: '领导小组', leader: '组长', deputyLeaders: '副组长',
  members: '成员', post: '职务', office: '办公室', location: '设立单位', head: '办公室主任', deputyHead: '办公室副主任',
  contact: '联系方式', email: '电子邮箱', generatedAt: '生成日期', templates: '模板目录', aliases: '别名',
  fullName: '全称', sample: '示例数据标记', feedback: '审查意见', items: '意见条目', notApplicable: '不涉及的理由',
  round: '轮次', stage: '审查阶段', reviewer: '审查单位', responseDate: '答复日期', score: '得分',
  request: '重新印发的请示', answer: '答复', application: '申报文件', signer: '签发人', printDate: '印发日期',
};

/** Keys whose value is a date: a missing or wrong one is asked for as a date, not as “text”. */
const DATE_KEY = /^(?:date|responseDate|generatedAt|printDate)$/;

const TYPE_LABEL: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: 'true 或 false', array: '列表', object: '键值对（映射）',
  record: '键值对（映射）', date: '日期',
};

export function describeValue(v: unknown): string {
  if (v === undefined) return '缺失';
  if (v === null) return '空值';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '键值对（映射）';
  if (typeof v === 'number') return `数字 ${v}`;
  if (typeof v === 'boolean') return `布尔值 ${v}`;
  return `“${String(v)}”`;
}

/** "domains[0].tasks[1].indicators[2].unit" as written in YAML terms. */
export function formatDataPath(path: DataPath): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
    '',
  );
}

function fieldLabel(path: DataPath): string {
  const last = [...path].reverse().find((k) => typeof k === 'string');
  const label = last === undefined ? '' : /^\d{4}$/.test(last) ? `${last}年的数值` : (KEY_LABEL[last] ?? last);
  return label ? `“${label}”（${formatDataPath(path)}）` : formatDataPath(path) || '文件内容';
}

interface Located {
  locate(path: DataPath): SourcePlace;
  locateKey(path: DataPath): SourcePlace;
}

/**
 * What to write instead of a value that is not a number: the number alone (约97.5% → 97.5, full-width ９７.５ →
 * 97.5), no quotes around it, and no line at all for a year without data (—, 无, blank).
 */
function numberHint(input: unknown, path: DataPath): { hint?: string } {
  const yearly = /^\d{4}$/.test(String(path[path.length - 1] ?? ''));
  const noData = yearly ? '没有数据的年份不写：删去这一行（或这一项）' : '';
  if (input === null || input === undefined) return noData ? { hint: noData } : {};
  if (typeof input !== 'string') return {};
  const text = input.normalize('NFKC').trim();
  const number = /-?\d+(?:\.\d+)?/.exec(text)?.[0];
  if (number === undefined) return noData ? { hint: `${noData}；有数据的写数字，如 97.5` } : {};
  if (text === number) return { hint: input.trim() === number ? `去掉引号，写成 ${number}` : `用半角数字，写成 ${number}` };
  return { hint: `只写数字，如 ${number}：单位、“约”等字不写（单位在 indicators.yaml 中），说明写在 description 中` };
}

/** Turns zod's issues into located, worded issues. Wording lives here, checks live in the schemas. */
export function schemaIssues(error: z.ZodError, source: Located): Issue[] {
  const out: Issue[] = [];
  for (const zi of error.issues) {
    const path = zi.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) as (string | number)[];
    const base = { code: `schema-${zi.code}` as IssueCode, severity: 'error' as const, path };
    const input = (zi as { input?: unknown }).input;
    switch (zi.code) {
      case 'invalid_type': {
        const last = [...path].reverse().find((k) => typeof k === 'string');
        const isDate = zi.expected === 'string' && last !== undefined && DATE_KEY.test(String(last));
        const expected = isDate ? '日期（写成 2023-07-12 的形式）' : (TYPE_LABEL[zi.expected] ?? zi.expected);
        const missing = input === undefined;
        out.push({
          ...base,
          ...source.locate(path),
          message: missing ? `缺少${fieldLabel(path)}，应为${expected}` : `${fieldLabel(path)}应为${expected}，实际为${describeValue(input)}`,
          expected,
          actual: describeValue(input),
          ...(zi.expected === 'number' ? numberHint(input, path) : {}),
        });
        break;
      }
      case 'invalid_key': {
        // a record's key its own schema refused: a year written with 年 or as 2022.0; the inner message says what is wanted
        const key = String(path[path.length - 1] ?? '');
        const wanted = (zi as { issues?: { message: string }[] }).issues?.map((i) => i.message).filter((m) => !/^Invalid/.test(m))[0] ?? '键的写法不对';
        out.push({
          ...base,
          ...source.locateKey(path),
          message: `${fieldLabel(path.slice(0, -1))}中的“${key}”：${wanted}`,
          actual: key,
          ...(/^\d{4}/.test(key) ? { hint: `写成 ${key.slice(0, 4)}: 数值` } : {}),
        });
        break;
      }
      case 'unrecognized_keys':
        for (const key of zi.keys) {
          out.push({
            ...base,
            path: [...path, key],
            ...source.locateKey([...path, key]),
            message: `不认识的键“${key}”${path.length ? `（位于 ${formatDataPath(path)}）` : ''}`,
            hint: '检查拼写；各文件允许的键见使用说明 docs/reference.md',
          });
        }
        break;
      case 'invalid_value': {
        const expected = zi.values.map((v) => `“${String(v)}”`).join('、');
        out.push({ ...base, ...source.locate(path), message: `${fieldLabel(path)}应为 ${expected} 之一，实际为${describeValue(input)}`, expected, actual: describeValue(input) });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = zi.code === 'too_small' ? zi.minimum : zi.maximum;
        const what =
          zi.origin === 'array' ? `至少 ${bound} 项` : zi.origin === 'string' ? '不能为空' : `${zi.code === 'too_small' ? '不小于' : '不大于'} ${bound}`;
        const text = zi.code === 'too_big' && zi.origin === 'array' ? `最多 ${bound} 项` : zi.origin === 'string' && Number(bound) > 1 ? `至少 ${bound} 个字` : what;
        // a schema's own words (请写明不涉及的原因) say it best; zod's default ones are English
        const own = /^(?:Too |Invalid )/.test(zi.message) ? undefined : zi.message;
        const said = own ? `：${own}` : text === '不能为空' ? '不能为空' : `应${text}`;
        out.push({ ...base, ...source.locate(path), message: `${fieldLabel(path)}${said}，实际为${describeValue(input)}`, expected: own ?? text, actual: describeValue(input) });
        break;
      }
      default:
        out.push({ ...base, ...source.locate(path), message: `${fieldLabel(path)}：${zi.message}，实际为${describeValue(input)}`, actual: describeValue(input) });
    }
  }
  return out;
}
