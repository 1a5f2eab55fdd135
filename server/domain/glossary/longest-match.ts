import type { Candidates } from './source-scan.js';

/** Clusters up to this size are resolved by a small insertion sort; larger ones by buckets. */
const SMALL = 8;

let flags = new Uint8Array(1024);
let picks = new Int32Array(1024);

/** The candidates kept, by index, in order: `picked[from .. to]` (a buffer reused by the next call). */
export interface Selection {
  picked: Int32Array;
  from: number;
  to: number;
}

/**
 * Longest first, then leftmost; a candidate overlapping one already taken is dropped.
 *
 * Candidates come sorted by end, so they fall into clusters of transitively overlapping ones,
 * and no decision crosses a cluster: most clusters in real text are one candidate (taken at
 * once) or a few (sorted in place); a large one (text where every position starts a term)
 * gets a counting sort by length and an occupancy map, so the whole stays linear. Sorted by
 * end, a later (longer) candidate can reach back over several earlier clusters (模型 and 权重
 * inside 开源模型和权重测试), so clusters are found walking backwards: one starts at candidate
 * k exactly when no candidate from k on starts before candidate k − 1 ends. That walk also
 * resolves each cluster as it closes and lists the kept candidates from the back, so the
 * caller reads only those.
 */
export function selectLongest(c: Candidates): Selection {
  const { count, data } = c;
  if (flags.length < count) flags = new Uint8Array(Math.max(count, flags.length * 2));
  if (picks.length < count) picks = new Int32Array(Math.max(count, picks.length * 2));
  const picked = picks;
  let from = count;
  let end = count;
  let minStart = 0x7fffffff;
  for (let k = count - 1; k >= 0; k--) {
    minStart = Math.min(minStart, data[k * 4]!);
    if (k > 0 && minStart < data[k * 4 - 4]! + data[k * 4 - 3]!) continue;
    if (end - k === 1) picked[--from] = k;
    else {
      if (end - k <= SMALL) pickSmall(data, k, end, flags);
      else pickLarge(data, k, end, flags);
      for (let j = end - 1; j >= k; j--) if (flags[j]) picked[--from] = j;
    }
    end = k;
  }
  return { picked, from, to: count };
}

/** Longer first; equal lengths in start order (equal starts cannot have equal lengths). */
function before(data: Int32Array, a: number, b: number): boolean {
  const la = data[a * 4 + 1]!;
  const lb = data[b * 4 + 1]!;
  return la > lb || (la === lb && data[a * 4]! < data[b * 4]!);
}

const order = new Int32Array(SMALL);

function pickSmall(data: Int32Array, first: number, last: number, chosen: Uint8Array): void {
  const m = last - first;
  for (let k = 0; k < m; k++) {
    let j = k;
    while (j > 0 && before(data, first + k, order[j - 1]!)) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = first + k;
  }
  for (let r = 0; r < m; r++) {
    const k = order[r]!;
    const start = data[k * 4]!;
    const end = start + data[k * 4 + 1]!;
    let free = true;
    for (let q = 0; q < r && free; q++) {
      const t = order[q]!;
      if (!chosen[t]) continue;
      const ts = data[t * 4]!;
      if (ts < end && start < ts + data[t * 4 + 1]!) free = false;
    }
    chosen[k] = free ? 1 : 0;
  }
}

function pickLarge(data: Int32Array, first: number, last: number, chosen: Uint8Array): void {
  let maxLen = 0;
  let lo = Infinity;
  let hi = 0;
  for (let k = first; k < last; k++) {
    maxLen = Math.max(maxLen, data[k * 4 + 1]!);
    lo = Math.min(lo, data[k * 4]!);
    hi = Math.max(hi, data[k * 4]! + data[k * 4 + 1]!);
  }
  const slot = new Int32Array(maxLen + 2);
  for (let k = first; k < last; k++) slot[maxLen - data[k * 4 + 1]! + 1]!++;
  for (let l = 1; l <= maxLen + 1; l++) slot[l]! += slot[l - 1]!;
  const sorted = new Int32Array(last - first);
  for (let k = first; k < last; k++) sorted[slot[maxLen - data[k * 4 + 1]!]!++] = k;
  const used = new Uint8Array(hi - lo);
  next: for (const k of sorted) {
    chosen[k] = 0;
    const start = data[k * 4]! - lo;
    const end = start + data[k * 4 + 1]!;
    for (let i = start; i < end; i++) if (used[i]) continue next;
    used.fill(1, start, end);
    chosen[k] = 1;
  }
}
