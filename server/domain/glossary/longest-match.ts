import { hits } from './term-hits.js';

/** Batches up to this size are resolved by a small insertion sort; clusters past it by buckets. */
const SMALL = 8;

let flags = new Uint8Array(1024);

/**
 * Longest first, then leftmost; a candidate overlapping one already taken is dropped. Applied
 * to the candidates `hits[from .. to]` of one DFA run (source-scan.ts), which come sorted by
 * end; the kept ones are moved down to `from`, in start order, and the new end returned.
 *
 * A run of the scan ends where the automaton falls back to the root, so no candidate of a
 * later run can overlap one of this run: selecting run by run is the same as selecting over
 * the whole text, and the scan does it as each run closes, on candidates still in cache
 * (bench termScan: 90,000 runs, 72,000 of them one candidate, kept as found by the scan;
 * 12,000 of three, e.g. 模型, 模型开源 and 开源, and 1,100 of two, each resolved by a few
 * comparisons, 1–6 % faster than through the general path in paired runs; the scan now settles
 * the batches where one candidate spans all the others itself, 12,400 of 15,300 here, and calls
 * this for the rest: the call alone cost ~8 % of the scan). The selection used
 * to be a pass of its own over the 123,000 candidates of the text, 2.3 ms where the
 * `charCodeAt` loop takes 2.9.
 *
 * Inside a run the candidates fall into clusters of transitively overlapping ones, and no
 * decision crosses a cluster. A small run is sorted whole; a large one (text where every
 * position starts a term: a run can span the text) is split into clusters, each resolved
 * alone, a large cluster by a counting sort by length and an occupancy map, so the whole
 * stays linear. Sorted by end, a later (longer) candidate can reach back over several earlier
 * clusters (模型 and 权重 inside 开源模型和权重测试), so clusters are found walking backwards:
 * one starts at candidate k exactly when no candidate from k on starts before candidate k − 1
 * ends.
 */
export function keepLongest(from: number, to: number): number {
  const m = to - from;
  if (m === 2) return keepOfTwo(from);
  if (m === 3) return keepOfThree(from);
  if (flags.length < m) flags = new Uint8Array(Math.max(m, flags.length * 2));
  if (m <= SMALL) pickSmall(from, to, from);
  else {
    const { start, end } = hits;
    let last = to;
    let minStart = 0x7fffffff;
    for (let k = to - 1; k >= from; k--) {
      minStart = Math.min(minStart, start[k]!);
      if (k > from && minStart < end[k - 1]!) continue;
      if (last - k === 1) flags[k - from] = 1;
      else if (last - k <= SMALL) pickSmall(k, last, from);
      else pickLarge(k, last, from);
      last = k;
    }
  }
  const { start, end, entry, pattern } = hits;
  let w = from;
  for (let k = from; k < to; k++) {
    if (flags[k - from] === 0) continue;
    if (w !== k) {
      start[w] = start[k]!;
      end[w] = end[k]!;
      entry[w] = entry[k]!;
      pattern[w] = pattern[k]!;
    }
    w++;
  }
  return w;
}

const order = new Int32Array(SMALL);

/** Flags `hits[first .. last]` (at most `SMALL`; `flags[0]` stands for `hits[base]`). */
function pickSmall(first: number, last: number, base: number): void {
  const { start, end } = hits;
  const m = last - first;
  for (let k = 0; k < m; k++) {
    const x = first + k;
    const lx = end[x]! - start[x]!;
    let j = k;
    for (; j > 0; j--) {
      const y = order[j - 1]!;
      const ly = end[y]! - start[y]!;
      // Longer first; equal lengths in start order (equal starts cannot have equal lengths).
      if (lx < ly || (lx === ly && start[x]! > start[y]!)) break;
      order[j] = y;
    }
    order[j] = x;
  }
  for (let r = 0; r < m; r++) {
    const k = order[r]!;
    const s = start[k]!;
    const e = end[k]!;
    let free = 1;
    for (let q = 0; q < r; q++) {
      const t = order[q]!;
      if (flags[t - base] === 1 && start[t]! < e && s < end[t]!) {
        free = 0;
        break;
      }
    }
    flags[k - base] = free;
  }
}

/** Flags one large cluster `hits[first .. last]` (`flags[0]` stands for `hits[base]`). */
function pickLarge(first: number, last: number, base: number): void {
  const { start, end } = hits;
  let maxLen = 0;
  let lo = Infinity;
  let hi = 0;
  for (let k = first; k < last; k++) {
    maxLen = Math.max(maxLen, end[k]! - start[k]!);
    lo = Math.min(lo, start[k]!);
    hi = Math.max(hi, end[k]!);
  }
  const slot = new Int32Array(maxLen + 2);
  for (let k = first; k < last; k++) slot[maxLen - (end[k]! - start[k]!) + 1]!++;
  for (let l = 1; l <= maxLen + 1; l++) slot[l]! += slot[l - 1]!;
  const sorted = new Int32Array(last - first);
  for (let k = first; k < last; k++) sorted[slot[maxLen - (end[k]! - start[k]!)]!++] = k;
  const used = new Uint8Array(hi - lo);
  next: for (const k of sorted) {
    flags[k - base] = 0;
    const s = start[k]! - lo;
    const e = end[k]! - lo;
    for (let i = s; i < e; i++) if (used[i]) continue next;
    used.fill(1, s, e);
    flags[k - base] = 1;
  }
}

/** Whether `hits[x]` goes before `hits[y]`: longer, or as long and starting earlier. */
function better(x: number, y: number): boolean {
  const lx = hits.end[x]! - hits.start[x]!;
  const ly = hits.end[y]! - hits.start[y]!;
  return lx > ly || (lx === ly && hits.start[x]! < hits.start[y]!);
}

function overlap(x: number, y: number): boolean {
  return hits.start[x]! < hits.end[y]! && hits.start[y]! < hits.end[x]!;
}

/** Moves `hits[from]` to `hits[at]`. */
function move(from: number, at: number): void {
  hits.start[at] = hits.start[from]!;
  hits.end[at] = hits.end[from]!;
  hits.entry[at] = hits.entry[from]!;
  hits.pattern[at] = hits.pattern[from]!;
}

/** `keepLongest` of two candidates (a run through two terms, or one inside the other). */
function keepOfTwo(a: number): number {
  const b = a + 1;
  if (!overlap(a, b)) return a + 2;
  if (better(b, a)) move(b, a);
  return a + 1;
}

/**
 * `keepLongest` of three candidates, the commonest batch after one (a compound and its two
 * words: 模型, 模型开源, 开源): sorted by a network of three comparisons, then taken greedily.
 */
function keepOfThree(a: number): number {
  let p = a;
  let q = a + 1;
  let r = a + 2;
  if (better(q, p)) {
    q = p;
    p = a + 1;
  }
  if (better(r, q)) {
    const t = q;
    q = r;
    r = t;
    if (better(q, p)) {
      const u = p;
      p = q;
      q = u;
    }
  }
  const keepQ = !overlap(q, p);
  const keepR = !overlap(r, p) && !(keepQ && overlap(r, q));
  // Kept ones in index order (= start order: they do not overlap).
  let w = a;
  for (let k = a; k < a + 3; k++) {
    if (k === p || (k === q && keepQ) || (k === r && keepR)) {
      if (w !== k) move(k, w);
      w++;
    }
  }
  return w;
}
