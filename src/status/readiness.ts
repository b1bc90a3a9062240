import { assessEligibility, clerkHints, type Eligibility, type Verdict, type VerdictKind } from '../judge/index.ts';
import type { ProjectData } from '../model/index.ts';
import { chineseDate } from '../common/index.ts';

export interface DeadlineStatus {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly label?: string;
  /** negative once the date has passed */
  readonly daysLeft: number;
}

export interface UnitIndicatorStatus {
  readonly no: number;
  readonly name: string;
  /** 牵头 when the unit is listed first, 配合 otherwise */
  readonly role: '牵头' | '配合';
  readonly valuesGiven: boolean;
  readonly evidenceCount: number;
  readonly verdict: VerdictKind;
  readonly missing: readonly string[];
}

export interface UnitStatus {
  readonly unit: string;
  readonly leads: readonly number[];
  readonly shares: readonly number[];
  readonly indicators: readonly UnitIndicatorStatus[];
  /** indicators the unit is on that are not 达标 yet */
  readonly open: number;
}

export interface Readiness {
  readonly today: string;
  readonly deadlines: readonly DeadlineStatus[];
  readonly units: readonly UnitStatus[];
  readonly totals: Readonly<Record<VerdictKind, number>>;
  /** 申报条件 */
  readonly eligibility: Eligibility;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What an indicator still lacks, part by part: for one with sub-indicators, each part that is not 达标 with its mark
 * and reason (②缺少…); a part that is met, or does not apply (不适用, 不涉及), is never listed.
 */
export function missingOf(v: Verdict | undefined, resultGiven: boolean): string[] {
  const missing: string[] = [];
  if (!resultGiven) missing.push('未填报结果');
  if ((v?.evidenceCount ?? 0) === 0) missing.push('缺少佐证材料');
  if (!v || v.verdict === '达标') return missing;
  if (v.subs.length === 0) {
    if (v.verdict === '待补充' && !missing.some((m) => v.reason.includes(m))) missing.push(v.reason);
    return missing;
  }
  for (const s of v.subs) {
    if (s.verdict === '达标' || s.verdict === '不适用' || s.verdict === '不涉及') continue;
    const line = `${String.fromCodePoint(0x2460 + s.no - 1)}${s.verdict === '未达标' ? '未达标：' : ''}${s.reason}`;
    // conditional parts not yet decided share one reason
    if (!missing.some((m) => m.slice(1) === line.slice(1))) missing.push(line);
  }
  return missing;
}

/** Readiness by responsible unit: what the leading-group office checks every week before 6/30. Pure. */
export function readiness(data: ProjectData, verdicts: readonly Verdict[], today: string): Readiness {
  const byNo = new Map(verdicts.map((v) => [v.no, v]));
  const resultKeys = new Set(data.results.map((r) => r.indicator));
  const units = data.project.units
    .map<UnitStatus>((u) => {
      const rows = data.indicators
        .filter((ind) => ind.units.includes(u.name))
        .map<UnitIndicatorStatus>((ind) => {
          const v = byNo.get(ind.no);
          const verdict = v?.verdict ?? '待补充';
          const missing = verdict === '不涉及' ? [] : [...missingOf(v, resultKeys.has(ind.no)), ...(v ? clerkHints(v) : [])];
          return {
            no: ind.no, name: ind.name, role: ind.units[0] === u.name ? '牵头' : '配合',
            valuesGiven: resultKeys.has(ind.no), evidenceCount: v?.evidenceCount ?? 0, verdict, missing,
          };
        });
      return {
        unit: u.name,
        leads: rows.filter((r) => r.role === '牵头').map((r) => r.no),
        shares: rows.filter((r) => r.role === '配合').map((r) => r.no),
        indicators: rows,
        open: rows.filter((r) => r.verdict !== '达标' && r.verdict !== '不涉及').length,
      };
    })
    .filter((u) => u.indicators.length > 0);
  const totals = { 达标: 0, 未达标: 0, 待补充: 0, 不涉及: 0 } as Record<VerdictKind, number>;
  for (const v of verdicts) totals[v.verdict]++;
  return {
    today,
    deadlines: data.project.deadlines.map((d) => ({ ...d, daysLeft: daysBetween(today, d.date) })),
    units,
    totals,
    eligibility: assessEligibility(data.indicators, verdicts, data.eligibilityRule),
  };
}

export function formatReadiness(r: Readiness): string {
  const lines = [`今天 ${chineseDate(r.today)}`, '时间节点:'];
  for (const d of r.deadlines) {
    const when = d.label ?? chineseDate(d.date);
    const left = d.daysLeft > 0 ? `还剩 ${d.daysLeft} 天` : d.daysLeft === 0 ? '就是今天' : `已过 ${-d.daysLeft} 天`;
    lines.push(`  ${when}  ${d.name}（${left}）`);
  }
  lines.push(`指标: 达标 ${r.totals.达标} · 未达标 ${r.totals.未达标} · 待补充 ${r.totals.待补充}${r.totals.不涉及 ? ` · 不涉及 ${r.totals.不涉及}` : ''}`, r.eligibility.line, '');
  for (const u of r.units) {
    lines.push(`${u.unit}  牵头 ${u.leads.length} 项，配合 ${u.shares.length} 项，未完成 ${u.open} 项`);
    for (const i of u.indicators) {
      const detail = i.missing.length ? `  缺: ${i.missing.join('；')}` : '';
      lines.push(`  ${String(i.no).padStart(2)} ${i.name}〔${i.role}〕 ${i.verdict}  材料 ${i.evidenceCount} 份${detail}`);
    }
  }
  return lines.join('\n');
}
