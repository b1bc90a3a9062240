import { PX_PER_UNIT } from './geometry.ts';

/**
 * Where printed pages break. Left to itself, a spreadsheet program breaks pages wherever a page is full,
 * cutting a merged 任务 cell in two with its text on neither half. We put manual row breaks so that a
 * group of rows (the indicators of one task) never spans two pages unless it is taller than a page.
 *
 * Page: A4 landscape (842 × 595 pt), margins as write.ts sets them, the table scaled to one page wide.
 */

const PAGE = { width: 842, height: 595.3 } as const;
export const MARGINS_IN = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/** Points of a column width unit at 100 % (px at 96 dpi × 0.75). */
const PT_PER_UNIT = PX_PER_UNIT * 0.75;
/** Keep a little room: programs differ slightly in how they lay out rows. */
const SLACK = 0.99;

export interface RowGroup {
  readonly from: number;
  readonly to: number;
}

export interface PageInput {
  /** total width of the table in width units */
  readonly width: number;
  readonly titleHeight: number;
  readonly headerHeight: number;
  /** heights of the body rows, points */
  readonly body: readonly number[];
  /** runs of body rows to keep on one page; rows outside any group stand alone */
  readonly groups: readonly RowGroup[];
}

/** The scale fitting the table to one page wide (never above 100 %). */
export function fitScale(width: number): number {
  const printable = PAGE.width - (MARGINS_IN.left + MARGINS_IN.right) * 72;
  return Math.min(1, printable / (width * PT_PER_UNIT));
}

/** Body row indices (0-based) after which a new page starts. */
export function pageBreaks(input: PageInput): number[] {
  const scale = fitScale(input.width);
  const capacity = ((PAGE.height - (MARGINS_IN.top + MARGINS_IN.bottom) * 72) / scale) * SLACK;
  const units = groupsCovering(input.body.length, input.groups);
  const breaks: number[] = [];
  let used = input.titleHeight + input.headerHeight;
  let empty = true;
  const height = (from: number, to: number) => input.body.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const newPage = (after: number) => {
    breaks.push(after);
    used = input.headerHeight;
    empty = true;
  };
  for (const g of units) {
    const h = height(g.from, g.to);
    if (used + h <= capacity) {
      used += h;
      empty = false;
      continue;
    }
    if (!empty && input.headerHeight + h <= capacity) {
      newPage(g.from - 1);
      used += h;
      empty = false;
      continue;
    }
    // a group taller than a page: break between its rows
    for (let r = g.from; r <= g.to; r++) {
      const rh = input.body[r]!;
      if (!empty && used + rh > capacity) newPage(r - 1);
      used += rh;
      empty = false;
    }
  }
  return breaks;
}

/** The groups in order, with every row outside a group as a group of its own. */
function groupsCovering(rows: number, groups: readonly RowGroup[]): RowGroup[] {
  const out: RowGroup[] = [];
  const sorted = [...groups].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const g of sorted) {
    for (; next < g.from; next++) out.push({ from: next, to: next });
    if (g.from >= next) {
      out.push(g);
      next = g.to + 1;
    }
  }
  for (; next < rows; next++) out.push({ from: next, to: next });
  return out;
}
