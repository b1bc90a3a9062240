import { circled } from '../common/index.ts';
import { formatPlace, type Issue, type SourcePlace } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import type { CellEntry, EntryValue, ResultField } from './read.ts';

/**
 * What the filled workbooks change in results.yaml: new values are added, equal ones ignored, and a value
 * that differs from what the project (or another workbook) already says is a conflict, never silently
 * overwritten.
 */

export interface Change {
  readonly indicator: number;
  readonly sub?: number;
  readonly field: ResultField;
  /** the value before, absent when the field was empty */
  readonly old?: EntryValue;
  readonly value: EntryValue;
  readonly place: SourcePlace;
}

export interface Conflict {
  readonly indicator: number;
  readonly sub?: number;
  readonly field: ResultField;
  readonly old: EntryValue;
  readonly value: EntryValue;
  /** the cell that gives the new value */
  readonly place: SourcePlace;
  /** where the old value comes from: results.yaml, or the cell of another workbook */
  readonly against: 'results.yaml' | SourcePlace;
}

export interface ImportPlan {
  /** one per field that ends up different from results.yaml (conflicting ones with the workbook's value) */
  readonly changes: readonly Change[];
  readonly conflicts: readonly Conflict[];
}

export function fieldLabel(field: ResultField): string {
  switch (field.kind) {
    case 'value': return `${field.year}年数值`;
    case 'superiorOp': return '上级目标符号';
    case 'superiorValue': return '上级目标数值';
    case 'superiorText': return '上级目标说明';
    case 'status': return '完成状态';
    case 'description': return '情况说明';
    case 'source': return '数据来源';
  }
}

export function indicatorLabel(indicator: number, sub?: number): string {
  return `指标${indicator}${sub !== undefined ? circled(sub) : ''}`;
}

function fieldKey(e: { indicator: number; sub?: number; field: ResultField }): string {
  return `${e.indicator}/${e.sub ?? ''}/${e.field.kind}/${e.field.kind === 'value' ? e.field.year : ''}`;
}

export function currentValue(results: readonly Result[], indicator: number, sub: number | undefined, field: ResultField): EntryValue | undefined {
  const r = results.find((x) => x.indicator === indicator && x.sub === sub);
  if (!r) return undefined;
  switch (field.kind) {
    case 'value': return r.values[String(field.year)];
    case 'superiorOp': return r.superiorTarget?.op;
    case 'superiorValue': return r.superiorTarget?.value;
    case 'superiorText': return r.superiorTarget?.text;
    case 'status': return r.status;
    case 'description': return r.description;
    case 'source': return r.source;
  }
}

export function sameValue(a: EntryValue, b: EntryValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return String(a).trim() === String(b).trim();
}

export function showValue(v: EntryValue | undefined): string {
  if (v === undefined) return '（空）';
  return typeof v === 'number' ? String(v) : `“${v}”`;
}

export function planImport(results: readonly Result[], entries: readonly CellEntry[]): ImportPlan {
  const byField = new Map<string, CellEntry[]>();
  for (const e of entries) byField.set(fieldKey(e), [...(byField.get(fieldKey(e)) ?? []), e]);
  const changes: Change[] = [];
  const conflicts: Conflict[] = [];
  for (const group of byField.values()) {
    const first = group[0]!;
    const base = { indicator: first.indicator, ...(first.sub !== undefined ? { sub: first.sub } : {}), field: first.field };
    const old = currentValue(results, first.indicator, first.sub, first.field);
    // workbooks disagreeing among themselves (two units sharing an indicator)
    for (const later of group.slice(1)) {
      if (!sameValue(later.value, first.value)) conflicts.push({ ...base, old: first.value, value: later.value, place: later.place, against: first.place });
    }
    const last = group[group.length - 1]!;
    if (old !== undefined) {
      for (const e of group) {
        if (!sameValue(e.value, old) && !conflicts.some((c) => c.place === e.place)) {
          conflicts.push({ ...base, old, value: e.value, place: e.place, against: 'results.yaml' });
        }
      }
    }
    if (old === undefined || !sameValue(last.value, old)) changes.push({ ...base, ...(old !== undefined ? { old } : {}), value: last.value, place: last.place });
  }
  return { changes, conflicts };
}

/** A conflict as an issue at the workbook cell: an error without --overwrite, a note of what was replaced with it. */
export function conflictIssue(c: Conflict, overwrite: boolean): Issue {
  const what = `${indicatorLabel(c.indicator, c.sub)} ${fieldLabel(c.field)}：${showValue(c.old)} → ${showValue(c.value)}`;
  const against = c.against === 'results.yaml' ? 'results.yaml 中已有的值' : `${formatPlace(c.against)} 填写的值`;
  return {
    code: 'import-conflict',
    severity: overwrite ? 'info' : 'error',
    path: [],
    ...c.place,
    message: overwrite ? `已用填报表的值覆盖 ${against}（${what}）` : `与 ${against}不同（${what}）`,
    ...(overwrite ? {} : { hint: '确认以填报表为准时，加 --overwrite 重新导入' }),
  };
}
