/**
 * The page numbers of a volume: filled in once every part's page count is known, read when the contents and
 * dividers are drawn. (Layout never depends on the numbers: they sit in fixed columns or lines of their own.)
 */
export interface ItemPages {
  /** printed page numbers (continuous across volumes) */
  readonly first: number;
  readonly last: number;
  /** pages within the indicator's section, counting its first evidence page as 1 (the header stamp) */
  readonly relFirst: number;
  readonly relLast: number;
}

/**
 * The label printed for page `n` of a volume whose numbers end at `last`: `n` itself, or for a page beyond
 * `last` an inserted page (插页) `last-1`, `last-2` …. A volume re-rendered in a revision keeps the range of
 * numbers it had, so the volumes after it keep theirs and need not be regenerated; pages it gained are
 * inserted pages after its old last number. Without a kept range (`last` infinite) every page is plain.
 */
export function pageLabel(n: number, last = Number.POSITIVE_INFINITY): string {
  return n > last ? `${last}-${n - last}` : `${n}`;
}

export class PageBook {
  constructor(readonly keepLast?: number) {}

  /** the printed label of page number `n` of this volume */
  label(n: number): string {
    return pageLabel(n, this.keepLast);
  }

  /** `45` or `45—47`, as printed */
  range(first: number, last: number): string {
    return first === last ? this.label(first) : `${this.label(first)}—${this.label(last)}`;
  }

  readonly dividers = new Map<number, { first: number; last: number }>();
  readonly sections = new Map<number, { first: number; last: number }>();
  readonly items = new Map<string, ItemPages>();
  contentsFirst = 0;

  static key(indicator: number, id: string): string {
    return `${indicator}/${id}`;
  }

  item(indicator: number, id: string): ItemPages | undefined {
    return this.items.get(PageBook.key(indicator, id));
  }

  divider(indicator: number): { first: number; last: number } {
    const d = this.dividers.get(indicator);
    if (!d) throw new Error(`内部错误：指标${indicator}的分隔页还没有页码`);
    return d;
  }
}

