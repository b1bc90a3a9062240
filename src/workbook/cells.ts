import type { IssueCode } from '../model/index.ts';
import type ExcelJS from 'exceljs';
import type { Comparison } from '../model/index.ts';
import { QualitativeStatus } from '../model/index.ts';

/**
 * Reading one cell of a filled workbook the way a person meant it: numbers typed as text, full-width
 * digits, 85% typed into a percent cell, formulas with their results. Each reader returns a value or a
 * Chinese message saying what was expected and what the cell holds.
 */

export type CellContent =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number; readonly percentFormat: boolean }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'other'; readonly shown: string }
  /** a formula saved without its result (written by a program, or never recalculated): its value is unknown */
  | { readonly kind: 'formula-no-value'; readonly formula: string };

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly code?: IssueCode };

/** The content of an exceljs cell, whatever way it was stored (rich text, formula result, hyperlink …). */
export function cellContent(cell: ExcelJS.Cell): CellContent {
  const percentFormat = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  const of = (v: unknown): CellContent => {
    if (v === null || v === undefined) return { kind: 'empty' };
    if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v, percentFormat } : { kind: 'other', shown: String(v) };
    if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: v.trim() };
    if (typeof v === 'boolean') return { kind: 'other', shown: v ? 'TRUE' : 'FALSE' };
    if (v instanceof Date) return { kind: 'other', shown: `日期 ${v.toISOString().slice(0, 10)}` };
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.richText)) return of((o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''));
      if ('formula' in o || 'sharedFormula' in o) {
        if (o.result === undefined || o.result === null) return { kind: 'formula-no-value', formula: String(o.formula ?? o.sharedFormula ?? '') };
        return of(o.result);
      }
      if ('error' in o) return { kind: 'other', shown: `错误值 ${String(o.error)}` };
      if ('text' in o) return of(o.text);
    }
    return { kind: 'other', shown: String(v) };
  };
  return of(cell.value);
}

/** Float noise from a spreadsheet (85.19999999999999) never reaches results.yaml. */
export function tidyNumber(n: number): number {
  return Number(n.toPrecision(12));
}

const NUMBER_TEXT = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * A number: a numeric cell (× 100 when the cell is formatted as a percentage and the unit is %), or a
 * text that is only a number (full-width digits and a trailing % accepted where the unit is %).
 */
export function readNumber(content: CellContent, unit: string): Read<number> {
  const percentUnit = unit.trim() === '%';
  if (content.kind === 'number') {
    return { ok: true, value: tidyNumber(content.percentFormat && percentUnit ? content.value * 100 : content.value) };
  }
  const shown = content.kind === 'text' ? content.value : content.kind === 'other' ? content.shown : '';
  if (content.kind === 'text') {
    let text = content.value.normalize('NFKC').replace(/\s+/g, '');
    if (percentUnit && text.endsWith('%')) text = text.slice(0, -1);
    if (NUMBER_TEXT.test(text)) return { ok: true, value: tidyNumber(Number(text.replace(/,/g, ''))) };
  }
  return { ok: false, message: `应为数字，实际为“${shown}”` };
}

export function readText(content: CellContent): Read<string> {
  if (content.kind === 'text') return { ok: true, value: content.value };
  if (content.kind === 'number') return { ok: true, value: String(tidyNumber(content.value)) };
  return { ok: false, message: `应为文字，实际为“${content.kind === 'other' ? content.shown : ''}”` };
}

const STATUS_VALUES = QualitativeStatus.options;

export function readStatus(content: CellContent): Read<QualitativeStatus> {
  const text = content.kind === 'text' ? content.value.replace(/\s+/g, '') : content.kind === 'number' ? String(content.value) : content.kind === 'other' ? content.shown : '';
  const found = STATUS_VALUES.find((s) => s === text);
  return found ? { ok: true, value: found } : { ok: false, message: `应为${STATUS_VALUES.map((s) => `“${s}”`).join('')}之一，实际为“${text}”` };
}

const OPS: Record<string, Comparison> = {
  '≥': '≥', '>=': '≥', '≧': '≥', '⩾': '≥',
  '≤': '≤', '<=': '≤', '≦': '≤', '⩽': '≤',
  '>': '>', '<': '<', '=': '=',
};

/** A comparison sign, full-width or ASCII spellings included (＞ → >, >= → ≥). */
export function readComparison(content: CellContent): Read<Comparison> {
  const raw = content.kind === 'text' ? content.value : content.kind === 'number' ? String(content.value) : content.kind === 'other' ? content.shown : '';
  const op = OPS[raw.normalize('NFKC').replace(/\s+/g, '')];
  return op ? { ok: true, value: op } : { ok: false, message: `应为比较符号 ≥、≤、＞、＜、＝ 之一，实际为“${raw}”` };
}
