import type { ResponsibleUnit } from '../model/index.ts';

/** Edit distance over characters (names are short: a plain DP is enough). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

export type UnitLookup =
  | { readonly found: true; readonly canonical: string }
  | { readonly found: false; readonly suggestion?: string };

/** Finds the canonical name of a responsible unit from its name or an alias; suggests the closest one otherwise. */
export function resolveUnit(name: string, units: readonly ResponsibleUnit[]): UnitLookup {
  const wanted = name.trim();
  for (const u of units) {
    if (u.name === wanted || u.fullName === wanted || u.aliases.includes(wanted)) return { found: true, canonical: u.name };
  }
  let best: { name: string; distance: number } | undefined;
  for (const u of units) {
    for (const candidate of [u.name, u.fullName, ...u.aliases]) {
      if (!candidate) continue;
      const distance = editDistance(wanted, candidate);
      if (!best || distance < best.distance) best = { name: u.name, distance };
    }
  }
  const close = best && best.distance <= Math.max(2, Math.ceil([...wanted].length / 2));
  return close ? { found: false, suggestion: best!.name } : { found: false };
}
