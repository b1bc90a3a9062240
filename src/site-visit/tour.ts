/**
 * The order of visits inside one route: a closed tour from node 0 (the start point) through the given
 * nodes and back, on a matrix of travel minutes. Pure.
 *
 * Heuristic: nearest neighbour from the start, then local search to a local optimum with two moves —
 * 2-opt (reverse a stretch of the tour) and Or-opt (move a run of 1–3 stops elsewhere, either way round) —
 * repeated until neither shortens the tour. The search is run from the nearest-neighbour tour and from
 * the tours that begin with each stop, and the shortest result is kept. For the dozen stops of a visiting
 * plan this stays within a few per cent of the optimum (tests compare it with brute force).
 */
export type Matrix = readonly (readonly number[])[];

/** Length of the closed tour 0 → order… → 0. */
export function tourLength(order: readonly number[], m: Matrix): number {
  let total = 0;
  let prev = 0;
  for (const n of order) {
    total += m[prev]![n]!;
    prev = n;
  }
  return total + m[prev]![0]!;
}

function nearestNeighbour(nodes: readonly number[], m: Matrix, first?: number): number[] {
  const left = new Set(nodes);
  const order: number[] = [];
  let at = 0;
  if (first !== undefined) {
    order.push(first);
    left.delete(first);
    at = first;
  }
  while (left.size) {
    let best = -1;
    for (const n of left) if (best < 0 || m[at]![n]! < m[at]![best]! || (m[at]![n]! === m[at]![best]! && n < best)) best = n;
    order.push(best);
    left.delete(best);
    at = best;
  }
  return order;
}

/** Whether the matrix reads the same both ways (then a reversed stretch costs what it did). */
export function isSymmetric(m: Matrix): boolean {
  for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) if (m[i]![j] !== m[j]![i]) return false;
  return true;
}

/** One improving 2-opt or Or-opt move applied to `t` (with 0 at both ends); false when none exists. */
function improveOnce(t: number[], m: Matrix, symmetric = false): boolean {
  const n = t.length;
  // 2-opt: reverse t[i..j]
  for (let i = 1; i < n - 2; i++) {
    for (let j = i + 1; j < n - 1; j++) {
      const before = m[t[i - 1]!]![t[i]!]! + m[t[j]!]![t[j + 1]!]!;
      const after = m[t[i - 1]!]![t[j]!]! + m[t[i]!]![t[j + 1]!]!;
      // the inner stretch changes direction: count it for asymmetric matrices
      let inner = 0;
      if (!symmetric) for (let k = i; k < j; k++) inner += m[t[k + 1]!]![t[k]!]! - m[t[k]!]![t[k + 1]!]!;
      if (after + inner < before) {
        t.splice(i, j - i + 1, ...t.slice(i, j + 1).reverse());
        return true;
      }
    }
  }
  // Or-opt: move the run t[i..i+len-1] between t[k] and t[k+1], forwards or reversed
  for (let len = 1; len <= 3; len++) {
    for (let i = 1; i + len - 1 < n - 1; i++) {
      const run = t.slice(i, i + len);
      const rest = [...t.slice(0, i), ...t.slice(i + len)];
      const removed = m[t[i - 1]!]![run[0]!]! + m[run[len - 1]!]![t[i + len]!]! - m[t[i - 1]!]![t[i + len]!]!;
      for (let k = 0; k < rest.length - 1; k++) {
        if (k === i - 1) continue;
        for (const seq of len > 1 ? [run, [...run].reverse()] : [run]) {
          let innerDelta = 0;
          if (seq !== run) for (let q = 0; q < len - 1; q++) innerDelta += m[seq[q]!]![seq[q + 1]!]! - m[run[q]!]![run[q + 1]!]!;
          const added = m[rest[k]!]![seq[0]!]! + m[seq[len - 1]!]![rest[k + 1]!]! - m[rest[k]!]![rest[k + 1]!]!;
          if (added + innerDelta < removed) {
            t.splice(0, t.length, ...rest.slice(0, k + 1), ...seq, ...rest.slice(k + 1));
            return true;
          }
        }
      }
    }
  }
  return false;
}

function localSearch(order: readonly number[], m: Matrix, symmetric = false): number[] {
  const t = [0, ...order, 0];
  // each move shortens the tour by at least one minute (integer matrix) or by a positive amount: it ends
  for (let guard = 0; guard < 100_000 && improveOnce(t, m, symmetric); guard++);
  return t.slice(1, -1);
}

/** Up to this many stops, the local search starts from every stop; beyond, from this many spread over the list. */
const EVERY_START_UP_TO = 12;
const STARTS_BEYOND = 6;

/**
 * A short visiting order of `nodes` (indices into `m`, never 0) for the closed tour from and back to 0.
 * Beyond a dozen stops the search starts from the nearest-neighbour tour and a few others only: each
 * start costs a local search of about n³ steps, and the extra starts rarely gain anything there.
 */
export function shortTour(nodes: readonly number[], m: Matrix, symmetric = isSymmetric(m)): number[] {
  if (nodes.length <= 1) return [...nodes];
  const firsts = nodes.length <= EVERY_START_UP_TO ? nodes : Array.from({ length: STARTS_BEYOND }, (_, k) => nodes[Math.floor((k * nodes.length) / STARTS_BEYOND)]!);
  const starts: number[][] = [nearestNeighbour(nodes, m), ...firsts.map((first) => nearestNeighbour(nodes, m, first))];
  let best: number[] | undefined;
  let bestLength = Infinity;
  for (const start of starts) {
    const tour = localSearch(start, m, symmetric);
    const length = tourLength(tour, m);
    if (length < bestLength - 1e-9) {
      best = tour;
      bestLength = length;
    }
  }
  return best!;
}

/** The shortest closed tour, exactly (Held–Karp dynamic programming; for tests and small sets, n ≤ 15). */
export function optimalTourLength(nodes: readonly number[], m: Matrix): number {
  const n = nodes.length;
  if (n === 0) return 0;
  if (n > 15) throw new Error('optimalTourLength: at most 15 nodes');
  const full = 1 << n;
  const dp = new Float64Array(full * n).fill(Infinity);
  for (let i = 0; i < n; i++) dp[(1 << i) * n + i] = m[0]![nodes[i]!]!;
  for (let mask = 1; mask < full; mask++) {
    for (let last = 0; last < n; last++) {
      const here = dp[mask * n + last]!;
      if (here === Infinity || !(mask & (1 << last))) continue;
      for (let next = 0; next < n; next++) {
        if (mask & (1 << next)) continue;
        const to = (mask | (1 << next)) * n + next;
        const cost = here + m[nodes[last]!]![nodes[next]!]!;
        if (cost < dp[to]!) dp[to] = cost;
      }
    }
  }
  let best = Infinity;
  for (let last = 0; last < n; last++) best = Math.min(best, dp[(full - 1) * n + last]! + m[nodes[last]!]![0]!);
  return best;
}
