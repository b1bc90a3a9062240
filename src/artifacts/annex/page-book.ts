/** Where an evidence item's pages are in a volume. */
export interface ItemPages {
  /** positions of its first and last page (see PageBook) */
  readonly first: number;
  readonly last: number;
  /** pages within the indicator's section, counting its first evidence page as 1 (the header stamp) */
  readonly relFirst: number;
  readonly relLast: number;
}

/** The number printed on a page: a plain number, or an inserted page (插页) `base-insert`, e.g. 79-1. */
export interface PrintedNumber {
  readonly base: number;
  /** 0 for a plain page */
  readonly insert: number;
}

export function printedLabel(n: PrintedNumber): string {
  return n.insert ? `${n.base}-${n.insert}` : `${n.base}`;
}

/** An evidence item's place in a volume, as the manifest records it. */
export interface PlacedPages {
  readonly id: string;
  /** the number of its first page (for an inserted page, the number it follows) */
  readonly firstPage: number;
  readonly pages: number;
  /** the numbers printed on its first and last page, when they include inserted pages */
  readonly printed?: { readonly first: string; readonly last: string };
}

/** The numbers printed on an item's first and last page. */
export function evidenceRange(item: Pick<PlacedPages, 'firstPage'> & { readonly pages?: number; readonly printed?: PlacedPages['printed'] }): { first: string; last: string } {
  return item.printed ?? { first: `${item.firstPage}`, last: `${item.firstPage + (item.pages ?? 1) - 1}` };
}

/**
 * Where an item sits in the annex, as every document that points into it cites it (材料清单, the response
 * documents, the 现场核查手册): the labels printed on its pages, taken from the layout the annex itself used
 * (an inserted page is 15-1, never the 15 it follows), with the volume once there are several.
 * 第15-1页, 第15—16页, 第2册第15-1页.
 */
export function annexPageText(at: { readonly volume: number; readonly volumes: number; readonly first: string; readonly last?: string }): string {
  const range = at.last === undefined || at.last === at.first ? at.first : `${at.first}—${at.last}`;
  return `${at.volumes > 1 ? `第${at.volume}册` : ''}第${range}页`;
}

/** An item's place as the layout of its volume gives it: the volume and the labels of its first and last page. */
export interface AnnexPlace {
  readonly volume: number;
  readonly volumes: number;
  readonly first: string;
  readonly last: string;
}

/**
 * Where every evidence item starts in the annex, keyed `指标序号:材料id`, from the contents the volumes
 * recorded as they were laid out (a bundle's manifest, or the volumes just rendered): `volumes` lists them in
 * order, each with its contents.
 */
export function annexPlaces(volumes: readonly { readonly contents?: readonly { readonly indicator: number; readonly evidence: readonly PlacedPages[] }[] | undefined }[]): Map<string, AnnexPlace> {
  const places = new Map<string, AnnexPlace>();
  volumes.forEach((v, k) => {
    for (const section of v.contents ?? []) {
      for (const e of section.evidence) places.set(`${section.indicator}:${e.id}`, { volume: k + 1, volumes: volumes.length, ...evidenceRange(e) });
    }
  });
  return places;
}

/**
 * The numbers a revision keeps for a re-rendered volume: the range each part of it (the contents, each
 * indicator's section) had in the previous revision.
 */
export interface KeptNumbers {
  readonly contents: { readonly first: number; readonly last: number };
  readonly sections: ReadonlyMap<number, { readonly first: number; readonly last: number }>;
}

/** A part of a volume, in order: the contents (`indicator` undefined) or an indicator's section. */
export interface VolumePart {
  readonly indicator?: number;
  readonly pages: number;
}

/**
 * The printed number of every page after the cover. A first revision numbers them on from `start`. A volume
 * re-rendered in a later revision gives every part the range it had: a part that grew prints its extra pages
 * as inserted pages after its old last number (79, then 79-1, 79-2), a part that shrank leaves the rest of
 * its range unused; so every page of an unchanged part keeps its number, here and in the volumes after.
 * A part the kept numbers do not know (cannot happen while the split into volumes is kept) drops them.
 */
export function numberPages(start: number, parts: readonly VolumePart[], kept?: KeptNumbers): PrintedNumber[] {
  const ranges = kept && parts.map((p) => (p.indicator === undefined ? kept.contents : kept.sections.get(p.indicator)));
  if (!ranges || ranges.some((r) => !r)) {
    const total = parts.reduce((n, p) => n + p.pages, 0);
    return Array.from({ length: total }, (_, i) => ({ base: start + i, insert: 0 }));
  }
  return parts.flatMap((part, k) => {
    const { first, last } = ranges[k]!;
    return Array.from({ length: part.pages }, (_, i) => (first + i <= last ? { base: first + i, insert: 0 } : { base: last, insert: first + i - last }));
  });
}

/**
 * The page numbers of a volume: filled in once every part's page count is known, read when the contents and
 * dividers are drawn (layout never depends on the numbers: they sit in fixed columns or lines of their
 * own). Pages are addressed by position (the cover is 0, the first page after it `start`);
 * `label` gives the number printed on a position.
 */
export class PageBook {
  private numbers: readonly PrintedNumber[] = [];
  private start = 1;

  setNumbers(start: number, numbers: readonly PrintedNumber[]): void {
    this.start = start;
    this.numbers = numbers;
  }

  /** every page's number after the cover, in order */
  get printed(): readonly PrintedNumber[] {
    return this.numbers;
  }

  /** the number printed on the page at `position` */
  numberAt(position: number): PrintedNumber {
    const n = this.numbers[position - this.start];
    if (!n) throw new Error(`内部错误：第${position}个位置没有页码`);
    return n;
  }

  label(position: number): string {
    return printedLabel(this.numberAt(position));
  }

  /** `45` or `45—47` (`79—79-1`), as printed */
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

