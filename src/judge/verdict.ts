/**
 * What the judge says about one indicator: 达标 / 未达标 / 待补充 with a one-line Chinese reason; 不涉及 for an
 * indicator the district marked as not applying (with its reason): not judged, left out of the 申报条件 counts.
 */
export type VerdictKind = '达标' | '未达标' | '待补充' | '不涉及';

export interface SubVerdict {
  /** 1 for ① … */
  readonly no: number;
  readonly name: string;
  /**
   * false for a conditional sub-indicator whose condition the current level does not meet (or cannot be checked);
   * false also for a line of another terrain class or a coastal line inland (verdict 不适用), and for a sub-indicator
   * marked 不涉及 (verdict 不涉及). A sub-indicator that does not apply is left out of every count.
   */
  readonly applies: boolean;
  readonly verdict: VerdictKind | '不适用';
  readonly reason: string;
  readonly current?: number;
  readonly baseline?: number;
}

export interface Verdict {
  /** indicator 序号 */
  readonly no: number;
  readonly verdict: VerdictKind;
  /** one line, Chinese, showing the numbers: `现状值 86.2% ≥ 85%` */
  readonly reason: string;
  /** 现状值 as a table shows it: `86.2%`, `已建立（…）`, `—` when missing; sub-indicators on lines prefixed ①②③ */
  readonly currentText: string;
  readonly evidenceCount: number;
  readonly subs: readonly SubVerdict[];
}

export interface Years {
  readonly baselineYear: number;
  readonly currentYear: number;
}

/** Placeholder for a value a table cell cannot show. */
export const MISSING_TEXT = '—';

/** One sub-indicator's verdict as --json and manifest.json carry it under its indicator. */
export interface SubVerdictRecord {
  readonly no: number;
  /** ①②③ */
  readonly mark: string;
  readonly name: string;
  readonly applies: boolean;
  readonly verdict: SubVerdict['verdict'];
  readonly reason: string;
}

/** The sub-indicator verdicts of an indicator for machine output (validate --json, build --json, manifest.json). */
export function subVerdictRecords(verdict: Pick<Verdict, 'subs'>): SubVerdictRecord[] {
  return verdict.subs.map((s) => ({ no: s.no, mark: String.fromCodePoint(0x2460 + s.no - 1), name: s.name, applies: s.applies, verdict: s.verdict, reason: s.reason }));
}
