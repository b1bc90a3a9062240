import { circled } from '../../common/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';

/**
 * How an indicator's cells read in a table, shared by the report's table (三、) and 附件1:
 * the name with its sub-indicators ①②③ on their own lines, and unit and target per sub-indicator
 * where 附件1 gives them per sub-indicator (indicators 11, 21, 22).
 */
export interface CellStyle {
  /**
   * 'transcript': as 附件1 writes it (a blank line beside the indicator's own name, then one plain line per sub-indicator);
   * 'labelled': one line per sub-indicator prefixed ①②③, to read beside the 现状值 column.
   */
  readonly subLines: 'transcript' | 'labelled';
}

export function nameLines(indicator: PlacedIndicator): string[] {
  return [indicator.name, ...indicator.subIndicators.map((s) => `${circled(s.no)}${s.name}`)];
}

function perSub(indicator: PlacedIndicator, own: 'unit' | 'target', style: CellStyle): string[] | undefined {
  const whole = indicator[own];
  const values = indicator.subIndicators.map((s) => s[own] ?? whole);
  if (values.length === 0 || values.every((v) => v === whole)) return undefined;
  if (style.subLines === 'transcript') return ['', ...values];
  return indicator.subIndicators.map((s, i) => `${circled(s.no)}${values[i]}`);
}

export function unitLines(indicator: PlacedIndicator, style: CellStyle): string[] {
  return perSub(indicator, 'unit', style) ?? [indicator.unit];
}

export function targetLines(indicator: PlacedIndicator, style: CellStyle): string[] {
  return perSub(indicator, 'target', style) ?? [indicator.target];
}

/** 责任单位 in 附件1's order, with the words it writes after them: 市生态环境局兖州区分局（问卷调查…） */
export function unitsText(indicator: PlacedIndicator): string {
  return `${indicator.units.join('、')}${indicator.unitsNote ? `（${indicator.unitsNote}）` : ''}`;
}
