/** Marks every page of a document made from illustrative data. */
export const SAMPLE_HEADER = '示例数据 · 非官方数据';

/** What rendering the report takes besides its input. */
export interface ReportOptions {
  /** a folder where drawn figures are kept for the next run (documents/charts/cache.ts) */
  readonly chartCache?: string;
}
