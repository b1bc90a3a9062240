/**
 * One shape for every problem any stage finds: plain data with a code for machines,
 * a place a person can open (file + line/column, or file + sheet!cell) and a Chinese message.
 */
import { diagnosticOf, type IssueCode } from './diagnostics.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface SourcePlace {
  /** Path of the file as the user knows it (relative to the project folder where possible). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly sheet?: string;
  readonly cell?: string;
}

export interface Issue extends SourcePlace {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Data path inside the file, e.g. ['domains', 0, 'tasks', 1, 'indicators', 2, 'unit']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly hint?: string;
}

/** "indicators.yaml:42:7" or "区水务局.xlsx 填报!F7" or just the file. */
export function formatPlace(place: SourcePlace): string {
  if (place.sheet !== undefined) {
    return `${place.file} ${place.sheet}${place.cell ? `!${place.cell}` : ''}`;
  }
  if (place.line !== undefined) {
    return `${place.file}:${place.line}${place.column !== undefined ? `:${place.column}` : ''}`;
  }
  return place.file;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/**
 * An issue in the vocabulary of model/diagnostics.ts: its code's title, and the remedy (the raising code's
 * own hint, else the code's usual one). Every place that shows issues to a person or a program uses this.
 */
export function explainIssue(issue: Issue): Issue & { readonly title: string } {
  const { title, hint } = diagnosticOf(issue.code);
  const remedy = issue.hint ?? hint;
  return { ...issue, title, ...(remedy ? { hint: remedy } : {}) };
}

/** One line a person reads: place, severity, message, the remedy, and the kind of problem it is. */
export function formatIssue(issue: Issue): string {
  const { title, hint } = explainIssue(issue);
  const parts = [`${formatPlace(issue)}: ${SEVERITY_LABEL[issue.severity]}: ${issue.message}`];
  if (hint) parts.push(`（${hint}）`);
  if (title !== issue.message) parts.push(`【${title}】`);
  return parts.join('');
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** A bug in eco-dossier itself, never bad input: the CLI reports it with exit code 2. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`eco-dossier 内部错误（这是程序缺陷，请报告）：${message}`);
    this.name = 'InternalError';
  }
}
