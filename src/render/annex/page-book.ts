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

export class PageBook {
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

/** `45` or `45—47` */
export function pageRange(first: number, last: number): string {
  return first === last ? `${first}` : `${first}—${last}`;
}
