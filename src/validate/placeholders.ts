import type { PlacedIndicator } from '../model/index.ts';
import type { Issue, SourcePlace } from '../model/index.ts';

type DataPath = readonly (string | number)[];
export interface Located {
  readonly file: string;
  readonly data: unknown;
  locate(path: DataPath): SourcePlace;
}

/** What `init` writes where only the office knows the answer; validate warns until each is replaced. */
export const PLACEHOLDER = '待填写';
/** The 行政区划代码 `init` writes when none is given. */
export const PLACEHOLDER_CODE = '000000';

/** Every string value in parsed YAML data, with its data path. */
export function stringsOf(data: unknown, path: (string | number)[] = []): [DataPath, string][] {
  if (typeof data === 'string') return [[path, data]];
  if (Array.isArray(data)) return data.flatMap((v, i) => stringsOf(v, [...path, i]));
  if (data && typeof data === 'object' && !(data instanceof Date)) {
    return Object.entries(data).flatMap(([k, v]) => stringsOf(v, [...path, k]));
  }
  return [];
}

const dotted = (path: DataPath) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');

/** Placeholders `init` wrote and the office has not replaced yet: warnings, one per place. */
export function checkPlaceholders(source: Located): Issue[] {
  return stringsOf(source.data)
    .filter(([path, text]) => text.includes(PLACEHOLDER) || (text === PLACEHOLDER_CODE && path.at(-1) === 'code'))
    .map(([path, text]) => ({
      code: 'placeholder-unfilled', severity: 'warning', path, ...source.locate(path),
      message: `${dotted(path)} 还是占位内容“${text}”，请填写本地的实际内容`, actual: text,
    }));
}

/**
 * The ways the sample marks its text as illustrative: （示例）, 示例数据, 示例文字, 示例材料 …, 示例： at the start.
 * A bare 示例 inside a name (测试市示例区) is not a mark.
 */
export const SAMPLE_MARK = /[（(【\[]\s*示例\s*[)）】\]]|示例(?:数据|文字|材料|文件|内容|值|说明|照片)|^\s*示例\s*[:：，,]|是示例/;

/** With `sample: false`, text still marked as illustrative (示例) is an error at its place. */
export function checkSampleText(source: Located): Issue[] {
  return stringsOf(source.data)
    .filter(([, text]) => SAMPLE_MARK.test(text))
    .map(([path, text]) => ({
      code: 'sample-text-left', severity: 'error', path, ...source.locate(path),
      message: `project.yaml 写明 sample: false（正式项目），但 ${dotted(path)} 仍标有“示例”：“${[...text].slice(0, 40).join('')}${[...text].length > 40 ? '…' : ''}”`,
      actual: text, hint: '换成本地的真实内容；如果这是示例项目，请在 project.yaml 中写 sample: true',
    }));
}

/** One warning listing the indicators without a responsible unit. */
export function checkUnassigned(indicators: readonly PlacedIndicator[], file: string): Issue[] {
  const open = indicators.filter((i) => i.units.length === 0).map((i) => i.no);
  if (open.length === 0) return [];
  return [{
    code: 'units-unassigned', severity: 'warning', file, path: ['domains'],
    message: `${open.length} 项指标尚未分配责任单位：第 ${open.join('、')} 项`,
  }];
}
