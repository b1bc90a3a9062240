import path from 'node:path';
import type { Verdict } from '../../judge/index.ts';
import { displayPath } from '../../common/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import { InternalError, type Issue } from '../../model/index.ts';
import type { EvidenceFile } from '../../model/index.ts';
import type { RenderInput } from '../render-input.ts';

/**
 * What the annex contains, decided before anything is drawn (pure).
 *
 * An evidence item that serves several indicators is printed under each of them: reviewers check one
 * indicator at a time and should find its proof in its own section. Only an item larger than
 * SHARED_EVIDENCE_LIMIT_BYTES is printed once, under the first indicator it serves, and the others
 * list it with a reference to that place.
 */
export const SHARED_EVIDENCE_LIMIT_BYTES = 10 * 1024 * 1024;

/** 1 MB in --max-volume-mb: 1024 × 1024 bytes, as everywhere (common/units.ts). */
export { MB } from '../../common/index.ts';
import { MB } from '../../common/index.ts';

/**
 * Room kept in every volume for its cover, contents, dividers and font subsets (a few hundred KB in practice):
 * 1 MB, or a tenth of a small limit.
 */
export function volumeOverheadBytes(maxVolumeMb: number): number {
  return Math.min(MB, (maxVolumeMb * MB) / 10);
}
const PER_INDICATOR_BYTES = 8 * 1024;
/** pdf-lib stores PNG pixels deflated without PNG's row filters: the result is often larger than the file */
const GROWTH: Record<EvidenceFile['type'], number> = { pdf: 1, jpeg: 1, png: 2 };

export type AnnexEntry =
  | { readonly kind: 'placed'; readonly evidence: EvidenceFile }
  | { readonly kind: 'reference'; readonly evidence: EvidenceFile; readonly placedUnder: number };

export interface AnnexSection {
  readonly indicator: PlacedIndicator;
  readonly verdict?: Verdict;
  readonly entries: readonly AnnexEntry[];
  /** estimated bytes this section adds to a volume */
  readonly estimatedBytes: number;
}

export interface AnnexVolumePlan {
  readonly no: number;
  readonly total: number;
  /** indicator numbers, in 附件1 order */
  readonly indicators: readonly number[];
  /** sum of the evidence file sizes printed in this volume */
  readonly evidenceBytes: number;
  /** one indicator whose evidence alone is over the limit (warned about when planning) */
  readonly oversize?: true;
}

/** Every indicator in 附件1 order (those without evidence too: their divider says so), with its evidence. */
export function annexSections(input: Pick<RenderInput, 'data' | 'verdicts'>): AnnexSection[] {
  const firstUse = new Map<string, number>();
  const verdicts = new Map(input.verdicts.map((v) => [v.no, v]));
  return input.data.indicators.map((indicator) => {
    const entries = input.data.evidence
      .filter((e) => e.indicators.includes(indicator.no))
      .map((evidence): AnnexEntry => {
        const first = firstUse.get(evidence.id);
        if (first === undefined) firstUse.set(evidence.id, indicator.no);
        return first !== undefined && evidence.bytes > SHARED_EVIDENCE_LIMIT_BYTES
          ? { kind: 'reference', evidence, placedUnder: first }
          : { kind: 'placed', evidence };
      });
    const estimatedBytes = entries.reduce(
      (n, e) => n + (e.kind === 'placed' ? e.evidence.bytes * GROWTH[e.evidence.type] : 0),
      PER_INDICATOR_BYTES,
    );
    const verdict = verdicts.get(indicator.no);
    return { indicator, ...(verdict ? { verdict } : {}), entries, estimatedBytes };
  });
}

function placedBytes(section: AnnexSection): number {
  return section.entries.reduce((n, e) => n + (e.kind === 'placed' ? e.evidence.bytes : 0), 0);
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

/**
 * Splits the annex into volumes at indicator boundaries, each estimated under `maxVolumeMb` (0: one volume).
 * An indicator whose evidence alone exceeds the limit gets a volume of its own, with a warning.
 */
export function planAnnexVolumes(
  input: Pick<RenderInput, 'data' | 'verdicts'>,
  maxVolumeMb: number,
  keep?: readonly (readonly number[])[],
): { volumes: AnnexVolumePlan[]; issues: Issue[] } {
  if (!Number.isFinite(maxVolumeMb) || maxVolumeMb < 0) throw new InternalError(`每册大小上限应为非负数，收到 ${maxVolumeMb}`);
  const sections = annexSections(input);
  const kept = keep && keptSplit(sections, keep, maxVolumeMb, input.data.dir);
  if (kept) return kept;
  const issues: Issue[] = [];
  const groups: AnnexSection[][] = [];
  const oversize = new Set<number>();
  const budget = maxVolumeMb * MB - volumeOverheadBytes(maxVolumeMb);
  let current: AnnexSection[] = [];
  let used = 0;
  for (const section of sections) {
    const size = section.estimatedBytes;
    if (maxVolumeMb > 0 && size > budget) {
      if (current.length) groups.push(current);
      groups.push([section]);
      oversize.add(groups.length);
      current = [];
      used = 0;
      issues.push({
        code: 'annex-indicator-oversize', severity: 'warning', file: displayPath(path.join(input.data.dir, 'evidence.yaml')), path: [],
        message: `指标${section.indicator.no}（${section.indicator.name}）的佐证材料约 ${mb(size)} MB，超过每册上限 ${maxVolumeMb} MB，单独成册（第${groups.length}册），该册会超过上限`,
        hint: '压缩扫描件（如把分辨率降到 200 dpi）后替换，或提高 --max-volume-mb',
      });
      continue;
    }
    if (maxVolumeMb > 0 && current.length && used + size > budget) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(section);
    used += size;
  }
  if (current.length || groups.length === 0) groups.push(current);
  return { volumes: volumesOf(groups, oversize), issues };
}

/** `oversize`: the numbers (from 1) of the volumes that are one indicator over the limit. */
function volumesOf(groups: readonly (readonly AnnexSection[])[], oversize: ReadonlySet<number> = new Set()): AnnexVolumePlan[] {
  return groups.map((group, i) => ({
    no: i + 1,
    total: groups.length,
    indicators: group.map((s) => s.indicator.no),
    evidenceBytes: group.reduce((n, s) => n + placedBytes(s), 0),
    ...(oversize.has(i + 1) ? { oversize: true as const } : {}),
  }));
}

/**
 * A revision keeps the previous revision's split into volumes, so a volume that grew does not push
 * indicators into the next one and change it too. Used when it still covers every indicator once, in
 * order; a volume now over the limit gets a warning, not a new split.
 */
function keptSplit(sections: readonly AnnexSection[], keep: readonly (readonly number[])[], maxVolumeMb: number, dir: string) {
  const order = sections.map((s) => s.indicator.no);
  if (keep.some((g) => g.length === 0) || keep.flat().join(',') !== order.join(',')) return undefined;
  const byNo = new Map(sections.map((s) => [s.indicator.no, s]));
  const groups = keep.map((g) => g.map((no) => byNo.get(no)!));
  const budget = maxVolumeMb * MB - volumeOverheadBytes(maxVolumeMb);
  const issues: Issue[] = [];
  groups.forEach((group, i) => {
    const size = group.reduce((n, s) => n + s.estimatedBytes, 0);
    if (maxVolumeMb > 0 && groups.length > 1 && size > budget) {
      issues.push({
        code: 'annex-volume-oversize', severity: 'warning', file: displayPath(path.join(dir, 'evidence.yaml')), path: [],
        message: `修订沿用上一版的分册，第${i + 1}册的佐证材料约 ${mb(size)} MB，超过每册上限 ${maxVolumeMb} MB`,
        hint: '为使其他各册保持不变，修订时不重新分册；如需按上限重新分册，请用 eco-dossier build 生成新的完整材料包',
      });
    }
  });
  return { volumes: volumesOf(groups), issues };
}

/** The title the annex files are named after. */
export const ANNEX_FILE_TITLE = '佐证材料汇编';

/** 佐证材料汇编.pdf for a single volume, 佐证材料汇编-第2册.pdf when split. */
export function annexFileName(title: string, volume: Pick<AnnexVolumePlan, 'no' | 'total'>): string {
  return volume.total > 1 ? `${title}-第${volume.no}册.pdf` : `${title}.pdf`;
}

/** The marks of the sub-indicators an evidence item names under an indicator ('11②' → ②), '' when it names the whole. */
export function subMarks(evidence: Pick<EvidenceFile, 'subs'>, indicatorNo: number): string {
  return (evidence.subs ?? [])
    .filter((r) => r.indicator === indicatorNo)
    .map((r) => String.fromCodePoint(0x2460 + r.sub - 1))
    .join('');
}
