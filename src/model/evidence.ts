import { z } from 'zod';
import { IsoDate } from './common.ts';

export const EvidenceKind = z.enum(['文件', '报告', '台账', '统计数据', '照片', '其他']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** A sub-indicator an evidence item names: `'11②'` (or `'11.2'`) or `{ indicator: 11, sub: 2 }` in evidence.yaml. */
export interface SubRef {
  readonly indicator: number;
  readonly sub: number;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** `'11②'`, `'11.2'`, `'11-2'` or `{ indicator: 11, sub: 2 }` → { indicator: 11, sub: 2 }; anything else undefined. */
export function readSubRef(ref: unknown): SubRef | undefined {
  if (typeof ref === 'string') {
    const s = ref.normalize('NFC').trim();
    const circled = /^(\d+)\s*([①-⑳])$/u.exec(s);
    if (circled) return { indicator: Number(circled[1]), sub: [...CIRCLED].indexOf(circled[2]!) + 1 };
    const dotted = /^(\d+)[.\-－](\d+)$/.exec(s);
    if (dotted) return { indicator: Number(dotted[1]), sub: Number(dotted[2]) };
    return undefined;
  }
  if (ref && typeof ref === 'object' && !Array.isArray(ref)) {
    const o = ref as Record<string, unknown>;
    const keys = Object.keys(o).sort().join(',');
    if (keys === 'indicator,sub' && Number.isInteger(o.indicator) && Number.isInteger(o.sub)) return { indicator: o.indicator as number, sub: o.sub as number };
  }
  return undefined;
}

/**
 * evidence.yaml lets `indicators` name sub-indicators ('11②', { indicator: 11, sub: 2 }); the parsed item keeps the
 * indicator's number in place (so every reader of `indicators` sees the indicators served, and a problem keeps its
 * place) and lists the sub-indicators named in `subs`.
 */
function splitSubRefs(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (!Array.isArray(o.indicators)) return input;
  const subs: SubRef[] = [];
  const indicators = o.indicators.map((ref) => {
    const sub = readSubRef(ref);
    if (!sub) return ref;
    subs.push(sub);
    return sub.indicator;
  });
  return subs.length ? { ...o, indicators, subs: [...((o.subs as unknown[]) ?? []), ...subs] } : input;
}

const IndicatorNo = z.number({ error: '应为指标序号（如 11），或分项（如 \'11②\' 或 { indicator: 11, sub: 2 }）' }).int().min(1);

/**
 * Where an evidence item's date comes from. `evidence scan` writes it: a date read from the document itself
 * (its text, a photo's EXIF) stands; any other guess (the PDF's creation date, which a scanner sets to the
 * day of scanning; a file name; the file's modification time) is 待核对 until the office checks it and
 * writes 已核对 (or deletes the line). build refuses an item whose date is still 待核对.
 */
export const EvidenceDateSource = z.enum(['正文', 'EXIF', '已核对', '待核对：PDF属性', '待核对：文件名', '待核对：文件修改时间']);
export type EvidenceDateSource = z.infer<typeof EvidenceDateSource>;

/** The fields of one evidence item, before sub-indicator references are read (for schemas that extend it). */
export const EvidenceItemFields = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能由字母、数字、点、连字符和下划线组成'),
  /** path relative to the project's evidence/ folder */
  file: z.string().min(1),
  /**
   * 序号 of the indicators it serves; empty only while the office has not decided (a warning). A sub-indicator is
   * named '11②' or { indicator: 11, sub: 2 }: the item then proves that sub-indicator (and serves indicator 11).
   */
  indicators: z.array(IndicatorNo).default([]),
  /** the sub-indicators named in `indicators` (filled by the loader; may also be written out) */
  subs: z.array(z.strictObject({ indicator: z.number().int().min(1), sub: z.number().int().min(1) })).optional(),
  title: z.string().min(1),
  /** 发文/出具单位 */
  issuer: z.string().min(1),
  date: IsoDate,
  /** 文号, where there is one */
  docNo: z.string().optional(),
  kind: EvidenceKind,
  /** where `date` came from; absent: written by the office */
  dateSource: EvidenceDateSource.optional(),
});

/** One piece of 佐证材料: a file under evidence/ and what it proves. */
export const EvidenceItem = z.preprocess(splitSubRefs, EvidenceItemFields);
export type EvidenceItem = z.infer<typeof EvidenceItemFields>;

/** True when the item names the indicator as a whole, not only some of its sub-indicators. */
export function servesWhole(item: { readonly indicators: readonly number[]; readonly subs?: readonly SubRef[] | undefined }, no: number): boolean {
  const named = item.indicators.filter((n) => n === no).length;
  const viaSub = (item.subs ?? []).filter((s) => s.indicator === no).length;
  return named > viaSub;
}

/** evidence.yaml */
export const EvidenceList = z.strictObject({
  evidence: z.array(EvidenceItem).default([]),
});
export type EvidenceList = z.infer<typeof EvidenceList>;

/** File types the annex can place: decided from the file's first bytes, never from its name alone. */
export type EvidenceFileType = 'pdf' | 'jpeg' | 'png';
