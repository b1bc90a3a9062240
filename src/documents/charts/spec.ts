/**
 * What a chart shows, as plain data the chart toolkit draws (svg.ts into SVG, png.ts into PNG). It knows no
 * indicator: the artifacts that draw charts (the report's figures, the dashboard) build these specs.
 */

/** Bars stacked per group, one coloured series per kind (e.g. verdicts per 领域). */
export interface StackedBarChart {
  readonly kind: 'stacked-bars';
  readonly title: string;
  readonly groups: readonly string[];
  /** in legend and stacking order: each series has one value per group */
  readonly series: readonly { readonly name: string; readonly colour: string; readonly values: readonly number[] }[];
}

/** Values by year, with the line to reach where there is one. */
export interface TrendChart {
  readonly kind: 'trend';
  readonly title: string;
  readonly unit: string;
  readonly years: readonly string[];
  readonly values: readonly number[];
  readonly target?: { readonly op: string; readonly value: number; readonly label: string };
}

export type ChartSpec = StackedBarChart | TrendChart;
