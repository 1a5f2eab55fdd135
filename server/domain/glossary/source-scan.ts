import { keepLongest } from './longest-match.js';
import { HEADER, type ScanTables } from './scan-tables.js';
import { growHits, hits, type TermHits } from './term-hits.js';

/**
 * The hot loop of source-term matching, over the original text (never a converted copy: the
 * script variants are in the automaton). Kept apart from the generic `scanAutomaton` because
 * here a call per character and per output is the cost: on 1 M characters of news text with
 * 5,000 terms the callback version ran at ~4 M chars/s (bench/README.md has the figures).
 *
 * wasm/term-scan.ts is a line-for-line port of `scanTerms` and `keepLongest` to WebAssembly,
 * which `scanSourceTerms` runs where it can (wasm-scan.ts); this one is the fallback and the
 * reference. Change both together: the tests run the reference matcher against each, and
 * compare the two on large and dense texts.
 */

/**
 * Decides a candidate whose pattern has no `simpleEntry` (a Latin boundary or a case-sensitive
 * entry to check): the entry it stands for at `start .. end` of `text`, or -1. Made once per
 * compiled glossary (no closure per scan).
 */
export type CandidateCheck = (pattern: number, text: string, start: number, end: number) => number;

/**
 * The text's UTF-16 code units, copied into a reused buffer by one native call (~0.1 ms per
 * million characters), with an `Int32Array` view of the same bytes: each word holds the units
 * at an even offset and the next one (`bigramKey`, on a little-endian machine). Reading a
 * `Uint16Array` costs about half of `charCodeAt` on the sliced strings that `slice` and
 * `join` produce (~1.2 against ~2.8 ms per million characters, bench termScan), and the scan
 * reads every code unit at least once. At least one unit past the text is allocated, so the
 * word holding the text's last unit can always be read.
 */
let unitBytes = Buffer.allocUnsafeSlow(4096);
let units = new Uint16Array(unitBytes.buffer, 0, 2048);
let words = new Int32Array(unitBytes.buffer, 0, 1024);

function codeUnits(text: string): Uint16Array {
  if (units.length < text.length + 2) {
    const size = Math.max(text.length + 2, 2 * units.length);
    unitBytes = Buffer.allocUnsafeSlow(2 * size + (size & 1) * 2);
    units = new Uint16Array(unitBytes.buffer, 0, unitBytes.length >>> 1);
    words = new Int32Array(unitBytes.buffer, 0, unitBytes.length >>> 2);
  }
  unitBytes.write(text, 0, 'utf16le');
  return units;
}

/** Whether an `Int32Array` over two code units reads them as `bigramKey` does. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The slot of `ScanTables.pairs` holding `key` (a pair of units that passed the `starts`
 * filter), or -1; `h` is the key's 32-bit product (scan-tables.ts `bigramHash`).
 */
function pairSlot(pairs: Int32Array, pairShift: number, h: number, key: number): number {
  const mask = (pairs.length >>> 2) - 1;
  for (let p = h >>> pairShift; ; p = (p + 1) & mask) {
    if (pairs[4 * p + 1] === 0) return -1;
    if (pairs[4 * p] === key) return 4 * p;
  }
}

/**
 * Finds the source terms of `text`: every pattern occurrence (overlapping ones included) as
 * a candidate, the longest-then-leftmost of them kept (longest-match.ts), into the shared
 * `TermHits` buffer (read it before the next scan).
 *
 * Reads each code unit once (twice where the automaton drops back), in two modes (scan-tables.ts
 * says why): skipping, where each position is tested against the first-two-units filter, and
 * from a position that passed, the depth-2 state its two units lead to (`pairs`), then DFA
 * steps until the DFA falls back to depth ≤ 1, where skipping resumes at the unit that made it
 * fall back. Both modes together are Aho–Corasick: a state of depth ≤ 1 after unit i is the
 * same as the root before it, with unit i tested again. A DFA run's candidates are selected as
 * the run ends: none of a later run can overlap them.
 */
export function scanTerms(t: ScanTables, text: string, check: CandidateCheck): TermHits {
  const { starts, startShift, pairs, pairShift, inner, innerShift, single, anySingle } = t;
  const { rootRaw, dfa, firstOutput, emits } = t;
  // Room for the most candidates one output state can add, checked once per output state.
  const room = 64 + t.maxEmits;
  const u = codeUnits(text);
  const n = text.length;
  let count = 0;
  let kept = 0;
  let cap = hits.start.length;
  let i = 0;
  scan: for (;;) {
    if (count - kept > 1) {
      // The commonest batch of several (12,400 of 15,300 here): one candidate spanning the
      // others, a compound and its words (模型开源 over 模型 and 开源), kept alone. Among the
      // candidates ending last the first is the longest (a state's patterns come longest
      // first); it spans the batch when none starts before it (which the test proves of
      // whichever candidate it looks at). Tested here rather than in `keepLongest`: the call
      // alone, from this loop, cost ~8 % of the scan (paired ratios 0.91–0.92).
      const { start, end } = hits;
      const lastEnd = end[count - 1]!;
      let k = count - 1;
      while (k > kept && end[k - 1] === lastEnd) k--;
      const first = start[k]!;
      let j = kept;
      while (j < count && start[j]! >= first) j++;
      if (j === count) {
        if (k !== kept) {
          start[kept] = first;
          end[kept] = lastEnd;
          hits.entry[kept] = hits.entry[k]!;
          hits.pattern[kept] = hits.pattern[k]!;
        }
        count = kept + 1;
      } else count = keepLongest(kept, count);
    }
    kept = count;
    if (i >= n) break;
    // Skipping: find a position whose first two units start a term (or whose unit is one).
    let s = 0;
    let slot = -1;
    found: {
      if (LITTLE_ENDIAN && !anySingle) {
        // Two positions per iteration, from one word read (the pair at the even offset) and
        // the next (the odd one); one branch for both. 12 % of the positions pass. Measured
        // on the filter alone: 4.3–4.8 against 6.2–6.5 ms a position at a time; the whole
        // scan ~6 % faster.
        // From the even offset at or before `i`, not testing that offset if it is before `i`
        // (a branch on `i & 1` would be mispredicted half the time).
        const from = i;
        let both = 3 ^ (i & 1);
        i -= i & 1;
        const w = words;
        let w0 = w[i >>> 1]!;
        for (; i + 2 < n; i += 2) {
          const w1 = w[(i >>> 1) + 1]!;
          const k1 = w0;
          const k2 = (w0 >>> 16) | (w1 << 16);
          const h1 = Math.imul(k1, 0x9e3779b1);
          const h2 = Math.imul(k2, 0x9e3779b1);
          const b1 = h1 >>> startShift;
          const b2 = h2 >>> startShift;
          const bits =
            (((starts[b1 >>> 5]! >>> b1) & 1) | (((starts[b2 >>> 5]! >>> b2) & 1) << 1)) & both;
          both = 3;
          if (bits !== 0) {
            if ((bits & 1) !== 0) {
              slot = pairSlot(pairs, pairShift, h1, k1);
              if (slot >= 0) {
                i += 2;
                break found;
              }
            }
            if ((bits & 2) !== 0) {
              slot = pairSlot(pairs, pairShift, h2, k2);
              if (slot >= 0) {
                i += 3;
                break found;
              }
            }
          }
          w0 = w1;
        }
        if (i < from) i = from;
      }
      // A position at a time: where one-unit terms are (tested at every position), or the
      // last position or two.
      let c0 = u[i]!;
      for (;;) {
        if (i + 1 >= n) {
          if (i >= n || !anySingle || ((single[c0 >>> 5]! >>> c0) & 1) === 0) break scan;
          s = rootRaw[c0]!;
          i++;
          break found;
        }
        const c1 = u[i + 1]!;
        const key = c0 | (c1 << 16);
        const h = Math.imul(key, 0x9e3779b1);
        const bit = h >>> startShift;
        if (anySingle && ((single[c0 >>> 5]! >>> c0) & 1) !== 0) {
          // The one-unit term first (it ends first), then on as from any other position. Its
          // candidates stay in the batch of the next run: they cannot overlap it, and
          // `keepLongest` takes any candidates sorted by end.
          if (count + room > cap) cap = growHits(count + room, count);
          count = emitRange(t, rootRaw[c0]!, i + 1, count, text, check);
        }
        if (((starts[bit >>> 5]! >>> bit) & 1) !== 0) {
          slot = pairSlot(pairs, pairShift, h, key);
          if (slot >= 0) {
            i += 2;
            break found;
          }
        }
        c0 = c1;
        i++;
      }
    }
    // Stepping from state `s`, reached by reading `u[i - 1]`: the depth-2 state of `slot`,
    // or a one-unit term's at the end of the text.
    if (slot >= 0) {
      s = pairs[slot + 1]!;
      if (pairs[slot + 2]! >= 0) {
        // The commonest case (a two-character word): the two units are a term, and the only
        // one ending there; recorded from the slot, without reading `emits`.
        if (count + room > cap) cap = growHits(count + room, count);
        const { start, end, entry, pattern } = hits;
        start[count] = i - 2;
        end[count] = i;
        entry[count] = pairs[slot + 3]!;
        pattern[count] = pairs[slot + 2]!;
        count++;
      } else if (s >= firstOutput) {
        if (count + room > cap) cap = growHits(count + room, count);
        count = emitRange(t, s, i, count, text, check);
      }
    } else if (s >= firstOutput) {
      if (count + room > cap) cap = growHits(count + room, count);
      count = emitRange(t, s, i, count, text, check);
    }
    let prev = u[i - 1]!;
    for (;;) {
      if (i === n) continue scan;
      const raw = u[i]!;
      const ih = Math.imul(prev | (raw << 16), 0x9e3779b1) >>> innerShift;
      if (((inner[ih >>> 5]! >>> ih) & 1) === 0) continue scan;
      let next = 0;
      do {
        if (((dfa[s]! >>> raw) & 1) !== 0) {
          const width = dfa[s + 1]!;
          const at = s + HEADER;
          if (width >= 0) {
            for (let k = at, end = at + width; k < end; k += 2) {
              const label = dfa[k]!;
              if (label >= raw) {
                if (label === raw) next = dfa[k + 1]!;
                break;
              }
            }
          } else {
            // A state with many edges: its own hash table, `-width` being the hash's shift.
            const mask = (1 << (32 + width)) - 1;
            for (let h = Math.imul(raw, 0x9e3779b1) >>> -width; ; h = (h + 1) & mask) {
              const label = dfa[at + 2 * h]!;
              if (label === raw) {
                next = dfa[at + 2 * h + 1]!;
                break;
              }
              if (label < 0) break;
            }
          }
        }
        s = dfa[s + 2]!;
      } while (next === 0 && s !== 0);
      if (next === 0) continue scan;
      s = next;
      prev = raw;
      i++;
      if (s >= firstOutput) {
        // `emitRange` written out: called from here (34,000 times) it cost ~9 % of the scan
        // (paired ratios 0.89–0.92).
        if (count + room > cap) cap = growHits(count + room, count);
        const { start, end, entry, pattern } = hits;
        for (let k = dfa[s + 3]!, last = dfa[s + 4]!; k < last; k += 3) {
          const from = i - emits[k + 1]!;
          let e = emits[k + 2]!;
          if (e < 0) e = check(emits[k]!, text, from, i);
          if (e < 0) continue;
          start[count] = from;
          end[count] = i;
          entry[count] = e;
          pattern[count] = emits[k]!;
          count++;
        }
      }
    }
  }
  if (count - kept > 1) count = keepLongest(kept, count);
  hits.count = count;
  return hits;
}

/**
 * Records every pattern ending at `end` in output state `s` as a candidate, its entry from
 * `emits` or else from `check`; returns the new count (room was made by the caller).
 */
function emitRange(
  t: ScanTables,
  s: number,
  at: number,
  count: number,
  text: string,
  check: CandidateCheck,
): number {
  const { dfa, emits } = t;
  const { start, end, entry, pattern } = hits;
  for (let k = dfa[s + 3]!, last = dfa[s + 4]!; k < last; k += 3) {
    const from = at - emits[k + 1]!;
    let e = emits[k + 2]!;
    if (e < 0) e = check(emits[k]!, text, from, at);
    if (e < 0) continue;
    start[count] = from;
    end[count] = at;
    entry[count] = e;
    pattern[count] = emits[k]!;
    count++;
  }
  return count;
}
