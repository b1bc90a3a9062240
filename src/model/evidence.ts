import { z } from 'zod';
import { IsoDate } from './common.ts';

export const EvidenceKind = z.enum(['文件', '报告', '台账', '统计数据', '照片', '其他']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/**
 * Where an evidence item's date comes from. `evidence scan` writes it: a date read from the document itself
 * (its text, a photo's EXIF) stands; any other guess (the PDF's creation date, which a scanner sets to the
 * day of scanning; a file name; the file's modification time) is 待核对 until the office checks it and
 * writes 已核对 (or deletes the line). build refuses an item whose date is still 待核对.
 */
export const EvidenceDateSource = z.enum(['正文', 'EXIF', '已核对', '待核对：PDF属性', '待核对：文件名', '待核对：文件修改时间']);
export type EvidenceDateSource = z.infer<typeof EvidenceDateSource>;

/** One piece of 佐证材料: a file under evidence/ and what it proves. */
export const EvidenceItem = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能由字母、数字、点、连字符和下划线组成'),
  /** path relative to the project's evidence/ folder */
  file: z.string().min(1),
  /** 序号 of the indicators it serves; empty only while the office has not decided (a warning) */
  indicators: z.array(z.number().int().min(1)).default([]),
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
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** evidence.yaml */
export const EvidenceList = z.strictObject({
  evidence: z.array(EvidenceItem).default([]),
});
export type EvidenceList = z.infer<typeof EvidenceList>;

/** File types the annex can place: decided from the file's first bytes, never from its name alone. */
export type EvidenceFileType = 'pdf' | 'jpeg' | 'png';
