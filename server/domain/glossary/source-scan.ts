import type { ScanTables } from './scan-tables.js';

/**
 * The hot loop of source-term matching, over the original text (never a converted copy: the
 * script variants are in the automaton). Kept apart from the generic `scanAutomaton` because
 * here a call per character and per output is the cost: on 1 M characters of news text with
 * 5,000 terms the callback version ran at ~4 M chars/s (bench/README.md has the figures).
 */

/**
 * Candidates found by a scan: start, length, entry, pattern for each, in the order found (by
 * end). `data` is a buffer reused by the next scan: read it before scanning again.
 */
export interface Candidates {
  count: number;
  data: Int32Array;
}

let found = new Int32Array(1024);

/**
 * The text's UTF-16 code units, copied into a reused buffer by one native call (~0.1 ms per
 * million characters). Reading a `Uint16Array` costs about half of `charCodeAt` on the
 * sliced strings that `slice` and `join` produce (~1.2 against ~2.8 ms per million
 * characters, bench termScan), and the scan reads every code unit at least once.
 */
let unitBytes = Buffer.allocUnsafeSlow(2048);
let units = new Uint16Array(unitBytes.buffer, 0, 1024);

function codeUnits(text: string): Uint16Array {
  if (units.length < text.length) {
    unitBytes = Buffer.allocUnsafeSlow(2 * Math.max(text.length, 2 * units.length));
    units = new Uint16Array(unitBytes.buffer, 0, unitBytes.length >>> 1);
  }
  unitBytes.write(text, 0, 'utf16le');
  return units;
}

/**
 * Records every pattern ending at `end` in state `s` (an output state) as a candidate:
 * directly when `simpleEntry[pattern]` names its entry, else via `candidate`, which checks
 * boundaries and case and returns the entry or -1. Returns the new count.
 */
function record(
  t: ScanTables,
  s: number,
  end: number,
  count: number,
  simpleEntry: Int32Array,
  candidate: (pattern: number, start: number, end: number) => number,
): number {
  const { emitStart, emitPattern, lengths } = t;
  const o = s - t.firstOutput;
  for (let k = emitStart[o]!, last = emitStart[o + 1]!; k < last; k++) {
    const p = emitPattern[k]!;
    const len = lengths[p]!;
    let entry = simpleEntry[p]!;
    if (entry < 0) entry = candidate(p, end - len, end);
    if (entry < 0) continue;
    if (count * 4 + 4 > found.length) {
      const grown = new Int32Array(found.length * 2);
      grown.set(found);
      found = grown;
    }
    found[count * 4] = end - len;
    found[count * 4 + 1] = len;
    found[count * 4 + 2] = entry;
    found[count * 4 + 3] = p;
    count++;
  }
  return count;
}

/**
 * Reads each code unit once (twice where the automaton drops back) and records every pattern
 * occurrence, overlapping ones included. Two modes (scan-tables.ts says why): skipping, where
 * each position is tested against the first-two-units filter, and stepping the DFA from a
 * position that passed, until the DFA falls back to depth ≤ 1, where skipping resumes at the
 * unit that made it fall back. Both modes together are Aho–Corasick: a state of depth ≤ 1
 * after unit i is the same as the root before it, with unit i tested again.
 */
export function scanCandidates(
  t: ScanTables,
  text: string,
  simpleEntry: Int32Array,
  candidate: (pattern: number, start: number, end: number) => number,
): Candidates {
  const { rootRaw, starts, startShift, single, anySingle, states, edges, firstOutput } = t;
  const u = codeUnits(text);
  const n = text.length;
  let count = 0;
  let i = 0;
  scan: while (i < n) {
    // Skipping: find a position whose first two units may start a term (or whose unit is one).
    let c0 = u[i]!;
    let s = 0;
    for (;;) {
      if (i + 1 === n) {
        if (((single[c0 >>> 5]! >>> c0) & 1) === 0) break scan;
        s = rootRaw[c0]!;
        break;
      }
      const c1 = u[i + 1]!;
      const h = Math.imul((c0 << 16) | c1, 0x9e3779b1) >>> startShift;
      // One-unit terms are rare: testing for them only when there are any saves ~1 ms.
      if (
        ((starts[h >>> 5]! >>> h) & 1) !== 0 ||
        (anySingle && ((single[c0 >>> 5]! >>> c0) & 1) !== 0)
      ) {
        s = rootRaw[c0]!;
        if (s !== 0) break;
      }
      c0 = c1;
      i++;
    }
    if (s >= firstOutput) count = record(t, s, i + 1, count, simpleEntry, candidate);
    // Stepping: the state has depth 1 here, ≥ 2 after every step that does not drop.
    for (i++; i < n; i++) {
      const raw = u[i]!;
      let next = 0;
      do {
        const b = s << 2;
        if (((states[b]! >>> raw) & 1) !== 0) {
          const at = states[b + 1]!;
          const end = states[b + 2]!;
          if (end >= 0) {
            for (let k = at; k < end; k += 2) {
              const label = edges[k]!;
              if (label >= raw) {
                if (label === raw) next = edges[k + 1]!;
                break;
              }
            }
          } else {
            // A state with many edges: its own hash table, `-end` being the hash's shift.
            const mask = (1 << (32 + end)) - 1;
            for (let h = Math.imul(raw, 0x9e3779b1) >>> -end; ; h = (h + 1) & mask) {
              const label = edges[at + 2 * h]!;
              if (label === raw) {
                next = edges[at + 2 * h + 1]!;
                break;
              }
              if (label < 0) break;
            }
          }
        }
        s = states[b + 3]!;
      } while (next === 0 && s !== 0);
      if (next === 0) continue scan;
      s = next;
      if (s >= firstOutput) count = record(t, s, i + 1, count, simpleEntry, candidate);
    }
  }
  return { count, data: found };
}
