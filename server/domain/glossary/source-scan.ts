import type { Automaton } from './aho-corasick.js';
import { caseFoldTable } from './char-class.js';

/**
 * The hot loop of source-term matching, over the original text (never a converted copy: the
 * script variants are in the automaton). Kept apart from the generic `scanAutomaton` because
 * here a call per character and per output is the cost: on 1 M characters of news text with
 * 5,000 terms the callback version ran at ~4 M chars/s (bench/README.md has the figures).
 */

/** Candidates found by a scan: start, length, entry, pattern for each, in the order found (by end). */
export interface Candidates {
  count: number;
  data: Int32Array;
}

/** Tables derived from an automaton for the scan; built once per compiled glossary. */
export interface ScanTables {
  /** The root's transition for a raw (unfolded) code unit: case folding fused into the table. */
  rootRaw: Int32Array;
  /**
   * Per node, a 32-bit summary of its edge labels (bit `label & 31`): a clear bit proves the
   * node has no edge for a code unit without searching its edges. Most steps out of a node
   * are misses that fall back along the fail chain, and this settles ~3/4 of them.
   */
  edgeMask: Int32Array;
}

export function buildScanTables(a: Automaton): ScanTables {
  const fold = caseFoldTable();
  const rootRaw = new Int32Array(65536);
  for (let c = 0; c < 65536; c++) rootRaw[c] = a.rootNext[fold[c]!]!;
  const nodes = a.fail.length;
  const edgeMask = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++)
    for (let k = a.edgeStart[v]!; k < a.edgeStart[v + 1]!; k++)
      edgeMask[v]! |= 1 << (a.edgeLabel[k]! & 31);
  return { rootRaw, edgeMask };
}

/**
 * Reads each code unit once, steps the automaton and records every pattern ending there as a
 * candidate: directly when `simpleEntry[pattern]` names its entry, else via `candidate`, which
 * checks boundaries and case and returns the entry or -1.
 */
export function scanCandidates(
  a: Automaton,
  tables: ScanTables,
  text: string,
  simpleEntry: Int32Array,
  candidate: (pattern: number, start: number, end: number) => number,
): Candidates {
  const fold = caseFoldTable();
  const { rootRaw, edgeMask } = tables;
  const { edgeStart, edgeLabel, edgeTarget, fail, report, out, dict, lengths } = a;
  let data = new Int32Array(Math.max(64, (text.length >> 3) * 4));
  let count = 0;
  let s = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const raw = text.charCodeAt(i);
    if (s === 0) {
      s = rootRaw[raw]!;
      if (s === 0) continue;
    } else {
      const c = fold[raw]!;
      const bit = 1 << (c & 31);
      for (;;) {
        if ((edgeMask[s]! & bit) === 0) {
          s = fail[s]!;
          if (s === 0) {
            s = rootRaw[raw]!;
            break;
          }
          continue;
        }
        let lo = edgeStart[s]!;
        let hi = edgeStart[s + 1]! - 1;
        let t = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const label = edgeLabel[mid]!;
          if (label === c) {
            t = edgeTarget[mid]!;
            break;
          }
          if (label < c) lo = mid + 1;
          else hi = mid - 1;
        }
        if (t >= 0) {
          s = t;
          break;
        }
        s = fail[s]!;
        if (s === 0) {
          s = rootRaw[raw]!;
          break;
        }
      }
      if (s === 0) continue;
    }
    let o = report[s]!;
    while (o >= 0) {
      const p = out[o]!;
      const len = lengths[p]!;
      let entry = simpleEntry[p]!;
      if (entry < 0) entry = candidate(p, i + 1 - len, i + 1);
      if (entry >= 0) {
        if (count * 4 + 4 > data.length) {
          const grown = new Int32Array(data.length * 2);
          grown.set(data);
          data = grown;
        }
        data[count * 4] = i + 1 - len;
        data[count * 4 + 1] = len;
        data[count * 4 + 2] = entry;
        data[count * 4 + 3] = p;
        count++;
      }
      o = dict[o]!;
    }
  }
  return { count, data };
}

/** Clusters up to this size are resolved by a small insertion sort; larger ones by buckets. */
const SMALL = 8;

/**
 * Longest first, then leftmost; a candidate overlapping one already taken is dropped. Returns
 * a 0/1 flag per candidate. Candidates come sorted by end, so they fall into clusters of
 * transitively overlapping ones, and no decision crosses a cluster: most clusters in real
 * text are one candidate (taken at once) or a few (sorted in place); a large one (text where
 * every position starts a term) gets a counting sort by length and an occupancy map, so the
 * whole stays linear.
 */
export function selectLongest(c: Candidates): Uint8Array {
  const { count, data } = c;
  const chosen = new Uint8Array(count);
  const order = new Int32Array(SMALL);
  let first = 0;
  while (first < count) {
    let last = first + 1;
    let reach = data[first * 4]! + data[first * 4 + 1]!;
    while (last < count && data[last * 4]! < reach) {
      reach = Math.max(reach, data[last * 4]! + data[last * 4 + 1]!);
      last++;
    }
    if (last - first === 1) chosen[first] = 1;
    else if (last - first <= SMALL) pickSmall(data, first, last, order, chosen);
    else pickLarge(data, first, last, chosen);
    first = last;
  }
  return chosen;
}

/** Longer first; equal lengths in start order (equal starts cannot have equal lengths). */
function before(data: Int32Array, a: number, b: number): boolean {
  const la = data[a * 4 + 1]!;
  const lb = data[b * 4 + 1]!;
  return la > lb || (la === lb && data[a * 4]! < data[b * 4]!);
}

function pickSmall(
  data: Int32Array,
  first: number,
  last: number,
  order: Int32Array,
  chosen: Uint8Array,
): void {
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
    if (free) chosen[k] = 1;
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
  const order = new Int32Array(last - first);
  for (let k = first; k < last; k++) order[slot[maxLen - data[k * 4 + 1]!]!++] = k;
  const used = new Uint8Array(hi - lo);
  next: for (const k of order) {
    const start = data[k * 4]! - lo;
    const end = start + data[k * 4 + 1]!;
    for (let i = start; i < end; i++) if (used[i]) continue next;
    used.fill(1, start, end);
    chosen[k] = 1;
  }
}
