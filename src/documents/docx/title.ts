import { textWidth } from './elements.ts';

/** Characters of 2号 (22 pt) a title line holds: 20 on a portrait page, 28 on a landscape one. */
export const TITLE_CHARS = { portrait: 20, landscape: 28 } as const;

/**
 * Breaks a title that does not fit on one line into lines joined by `<br>`, as GB/T 9704 asks (回行时要做到
 * 词意完整，排列对称): after a phrase given as a hint (e.g. 国家生态文明建设示范区) when that leaves both lines
 * short enough, else at the middle. Characters of the text are never changed.
 */
export function breakTitle(text: string, maxChars: number = TITLE_CHARS.portrait, hints: readonly string[] = []): string {
  if (textWidth(text) <= maxChars) return text;
  const letters = [...text];
  const candidates: number[] = [];
  for (const hint of hints) {
    for (let at = text.indexOf(hint); hint && at >= 0; at = text.indexOf(hint, at + 1)) candidates.push([...text.slice(0, at + hint.length)].length);
  }
  const fits = (cut: number) => textWidth(letters.slice(0, cut).join('')) <= maxChars && cut < letters.length;
  const byBalance = (a: number, b: number) => Math.abs(letters.length / 2 - a) - Math.abs(letters.length / 2 - b);
  const cut = candidates.filter(fits).sort(byBalance)[0] ?? Math.min(Math.ceil(letters.length / 2), maxChars);
  return `${letters.slice(0, cut).join('')}<br>${breakTitle(letters.slice(cut).join(''), maxChars, hints)}`;
}
