import { z } from 'zod';
import { Indicator, SubIndicator } from './catalog.ts';
export { TERRAIN_CLASSES } from './catalog.ts';

/**
 * A versioned indicator catalogue (建设指标) as the Ministry publishes it, shipped as data in catalogs/<id>.yaml:
 * the national list a district's indicators.yaml is made from by `init`. Not to be confused with `Catalog`,
 * which is one district's indicators.yaml.
 */


/**
 * Where an entry applies (适用范围): everywhere; coastal districts only; a terrain class; only where relevant
 * (the 2024 lists' `*`); city level only (not a county's application).
 */
export const Applies = z.union([
  z.enum(['all', 'coastal', 'relevant', 'city']),
  z.strictObject({ terrain: z.array(z.string().min(1)).min(1) }),
]);
export type Applies = z.infer<typeof Applies>;

/** Fields of an entry that no source seen could confirm (e.g. catalogueNo, target). */
const Unconfirmed = z.array(z.string().min(1)).default([]);

/** A sub-indicator as indicators.yaml has it, with where it applies and what could not be confirmed. */
export const CatalogueSubIndicator = SubIndicator.omit({ notApplicable: true }).extend({
  applies: Applies.default('all'),
  appliesNote: z.string().optional(),
  unconfirmed: Unconfirmed,
});
export type CatalogueSubIndicator = z.infer<typeof CatalogueSubIndicator>;

/**
 * An indicator as indicators.yaml has it, less what a district decides (序号, 责任单位, 备注), plus the
 * catalogue's own number, where it applies, its 数据来源 and what could not be confirmed.
 */
export const CatalogueIndicator = Indicator.pick({ name: true, unit: true, target: true, attribute: true, better: true, measure: true, yearValue: true, valueUnit: true }).extend({
  /** 序号 in the published table */
  catalogueNo: z.number().int().min(1).max(99),
  applies: Applies,
  /** the table's own wording of where it applies (适用范围 市县 / 县, or `*`) */
  appliesNote: z.string().optional(),
  /** 数据来源 as the 指标解释 names it: a default for responsible units and evidence issuers */
  dataSource: z.string().optional(),
  unconfirmed: Unconfirmed,
  subIndicators: z.array(CatalogueSubIndicator).default([]),
});
export type CatalogueIndicator = z.infer<typeof CatalogueIndicator>;

/**
 * 申报条件: all 约束性 indicators 达标 (bindingAll) and at least `referenceShare` of the 参考性 ones.
 * `confirmed: false` while the article of the 管理规程 has not been read.
 */
export const EligibilityRule = z.strictObject({
  bindingAll: z.boolean(),
  referenceShare: z.number().min(0).max(1),
  confirmed: z.boolean(),
  source: z.string().min(1),
  text: z.string().min(1),
});
export type EligibilityRule = z.infer<typeof EligibilityRule>;

export const CatalogueFile = z.strictObject({
  /** stable id, also the file name: 2021-county */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能由小写字母、数字和连字符组成'),
  title: z.string().min(1),
  docNo: z.string().min(1),
  issuer: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  level: z.enum(['county', 'city']),
  source: z.strictObject({ title: z.string().min(1), url: z.string().min(1).optional() }),
  eligibility: EligibilityRule,
  domains: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        tasks: z.array(z.strictObject({ no: z.number().int().min(1), name: z.string().min(1), indicators: z.array(CatalogueIndicator).min(1) })).min(1),
      }),
    )
    .min(1),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;

/** Entries in table order with their domain and task. */
export function catalogueEntries(catalogue: CatalogueFile) {
  return catalogue.domains.flatMap((d) =>
    d.tasks.flatMap((t) => t.indicators.map((indicator) => ({ domain: d.name, taskNo: t.no, taskName: t.name, indicator }))),
  );
}
