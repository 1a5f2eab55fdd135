import type { Automaton } from './aho-corasick.js';
import { caseFoldTable, foldPreimageTable } from './char-class.js';

/**
 * The source automaton recast for `scanTerms` (source-scan.ts): states renumbered, their
 * transitions precomputed along the fail chain (a DFA, no fail links walked while scanning),
 * labelled with raw code units (case and width folding expanded into the labels, so the text
 * is never folded), each state's header next to its edges; plus three tables keyed by a pair
 * of raw code units: a filter on the first two units of every term, the exact state those two
 * units lead to, and a filter on every pair of neighbouring units inside a term.
 *
 * Why this shape (bench termScan: 1 M characters, 5,000 entries = 9,348 keys and 28,500
 * states; 123,000 candidates, 91,800 kept; 90,000 DFA runs, 72,000 of them one candidate; the
 * shares are of a CPU profile of the scan): the scan is bound by data-dependent branches
 * (~8–15 ns each when mispredicted) and chains of dependent loads, not by how many lookups it
 * makes. Testing every position against the first-two-units bitset is a quarter to a third of
 * the scan (11.9 % of the positions pass; the old loop, which left the root on the root's
 * table, passed 37 %); reading two positions per word of the text made the whole scan ~6 %
 * faster (paired runs). A position that passed finds its two units in `pairs` and lands
 * on the depth-2 state at once (was: the root's 65,536-entry table, then a DFA step: two more
 * dependent misses). Most runs end one step later, where the unit after a term continues
 * none: the pair (previous unit, this unit) tested against `inner` settles that without
 * touching the DFA (the wide states' hash probes were 12.5 % of the scan, 4 % with the test).
 * A step reads one state's header and edges from one region of `dfa` (was: a row in one
 * table, then its edges in another; 2 % faster here, 4–6 % on the dense case). Each output
 * state's patterns are one slice of `emits` (pattern, length, entry), and the commonest case,
 * a two-unit term alone in its state, is recorded from its `pairs` slot.
 *
 * A state takes over at most 16 raw labels of its fail chain (`INHERIT_LIMIT`; was 64): the
 * DFA is 0.93 MB rather than 3.4 (the copies of a common character's wide edge list were most
 * of it), for 4,455 `rest` hops per scan here; the stepping part of a scan (64,000 steps,
 * about 5 of 13 ms) is mostly misses in `dfa`, and the scan was 4–7 % faster (paired ratios
 * 0.93–0.96).
 *
 * Measured together with the selection fused into the scan (longest-match.ts) and no closure
 * per call, same machine, paired runs (load 3–4 from other work on 2 cores): scan and
 * selection 15.4–16.9 → 13.7–14.3 ms at best (the `charCodeAt` loop 3.1 ms). Then the limit
 * of 16 above and, in source-scan.ts, no calls left on the common paths of a run (the
 * spanning-candidate test and the emit loop written out), against the previous version: in
 * one process, paired, the scan takes 0.88–0.95 of the time (medians of 40–50 pairs); in 12
 * alternating processes (load 0.9–2.1, the loop itself 2.9–6.3 ms: a noisy host) the ratio
 * to the loop 0.255 → 0.294 (medians), the fastest scan 13.4 → 11.7 ms. The ratio is lowest
 * when the host is quiet (the loop ~3 ms, the scan, bound by misses and mispredicts, gaining
 * less): 0.19–0.22 before, 0.22–0.26 after.
 *
 * Tried and dropped, with the same output: one open-addressed hash of (state, code unit)
 * for every step (8 MB; misses land anywhere in it: 15.4 against 13.5 ms); branch-free
 * buckets of four labels per state (5.7 MB, 12.8 against 13.6 ms: in the noise); labels kept
 * folded and the text unit folded per step (no faster); two positions per skipping iteration
 * read as two `Uint16Array` units (no faster; as one word, above, faster); a branch-free
 * bisection of wide states (six dependent loads, 17 % of the scan; they now have their own
 * hash table); `starts` at 64 or 32 KB (the skipping loop 6 and 20 % slower: false passes)
 * or 256 KB (same);
 * `pairs` at two thirds full (same; again with the changes above, at 256 KB or at 1 MB);
 * `INHERIT_LIMIT` 4 or 8 (as 16, within the noise), 32 (2–4 % faster than 64, less than 16);
 * `HASH_FROM` 4 or 16 (same); loading a state's header before the `inner` test, to start the
 * miss earlier (same); four positions per skipping iteration from three words (0.95–1.0: in
 * the noise); the first passing position of a word chosen without a branch (same); the
 * skipping loop's filter collected branch-free into a buffer of candidate positions, then
 * probed (filter and probes 5.3–5.6 against 4.0–4.3 ms); states numbered depth first, so a
 * term's states lie together (0.98–1.0, in the noise); no label-summary test in a DFA step
 * (same: the `inner` test already screened the unit); the Latin-boundary check reading the
 * copied units rather than the string (10 % slower). The filter loop alone runs as fast over
 * a 32 KB `starts` as over 128 KB, and without its branch in 1.75 against 3.4 ms: it is bound
 * by that branch (one mispredicted exit per run), not by the cache. A path of its own for a
 * run that is one two-unit term would save nothing: of 88,900 runs the `inner` test ends
 * 86,500, a failed DFA step 2,400.
 */
export interface ScanTables {
  /** The state after reading a raw code unit at the root (0: the unit starts no term). */
  rootRaw: Int32Array;
  /**
   * Open addressing over `bigramHash(bigramKey(c0, c1), pairShift)`, at most half full: per
   * slot (4 ints) the key, the depth-2 state it leads to from the root (0: empty slot), and
   * when that state emits one pattern only, of length 2 and with a simple entry, the pattern
   * and entry (else -1). The same pairs as `starts`, exactly (11,159 here: 32,768 slots).
   */
  pairs: Int32Array;
  pairShift: number;
  /**
   * Bitset over `bigramHash` of every pair of neighbouring raw units inside a term: a clear
   * bit proves that a DFA step reading the second unit after the first falls back to depth ≤ 1
   * (a state of depth ≥ 2 ends with such a pair). One bit in 32 set (26,795 pairs, 128 KB;
   * the Latin terms' pairs in all cases and widths are most of them).
   */
  inner: Int32Array;
  innerShift: number;
  /**
   * Bitset over `bigramHash` of the first two raw code units of every term of length ≥ 2:
   * a clear bit proves no term starts there. Sized for ≤ 1/64 of its bits set (128 KB here).
   */
  starts: Int32Array;
  startShift: number;
  /** Bitset over raw code units that are themselves a term (65,536 bits), if `anySingle`. */
  single: Int32Array;
  anySingle: boolean;
  /**
   * The DFA, a state being the offset of its header (root = 0). The header, `HEADER` ints: a
   * 32-bit summary of its labels (bit `label & 31`: a clear bit proves a miss without a
   * search); the width of its edges in ints, or for a state with its own hash table minus that
   * table's `labelHash` shift; where a miss continues (`rest`: 0 when the whole fail chain's
   * edges are the state's own, else the ancestor to search); its slice of `emits` (from, to).
   * Then its edges, (label, target) pairs: sorted by raw label, or (from `HASH_FROM` labels)
   * an open-addressed table at most half full, label -1 where empty. Targets have depth ≥ 2.
   * 0.93 MB here (388 states with their own hash table), `pairs` 0.5 MB, `rootRaw` 0.25 MB
   * (read for one-unit terms only).
   */
  dfa: Int32Array;
  /** States from this offset up have outputs; lower ones have none. */
  firstOutput: number;
  /**
   * Per pattern ending at an output state, longest first: pattern, length, and its entry
   * when `simpleEntry` gave one (no boundary or case check needed), else -1.
   */
  emits: Int32Array;
  /** The most patterns ending at one state (the room a scan makes before recording them). */
  maxEmits: number;
}

/**
 * A state takes over its fail chain's edges only while it would hold at most this many (in
 * raw labels); past that it keeps a `rest` link to the ancestor where the search goes on, so
 * a glossary where many terms end in a character that starts many others cannot make the
 * tables quadratic. Among 28,500 states here, 3,248 have a `rest` link (202 at a limit of
 * 64, where the DFA was 3.4 MB rather than 0.93: see the top of this file); a scan follows
 * 4,455 of them, the wide edge lists they lead to shared and so in cache.
 */
const INHERIT_LIMIT = 16;

/** A state with at least this many edges gets a hash table of them rather than a list. */
const HASH_FROM = 8;

/** Hash of a code unit within a state's own table, to `32 - shift` bits (inlined in the scan). */
export function labelHash(raw: number, shift: number): number {
  return Math.imul(raw, 0x9e3779b1) >>> shift;
}

/**
 * Two code units as one int, `a` first, in the order a little-endian `Int32Array` over the
 * text's units reads them: the scan reads the pair at an even offset as one word.
 */
export function bigramKey(a: number, b: number): number {
  return a | (b << 16);
}

/** Hash of a `bigramKey` to `32 - shift` bits (Fibonacci hashing; inlined in the scan). */
export function bigramHash(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

/**
 * `simpleEntry`: per pattern, the entry it always stands for, or -1 where the matcher must
 * check boundaries or case (see `CompiledGlossary.sourceSimple`).
 */
export function buildScanTables(a: Automaton, simpleEntry: Int32Array): ScanTables {
  const { id, order, firstOutput } = numberStates(a);
  const { emitFrom, emits, maxEmits } = outputs(a, order, simpleEntry);
  const { states, edges } = stateEdges(a, id, order);
  const fold = caseFoldTable();
  const pre = foldPreimageTable();
  const rootRaw = new Int32Array(65536);
  const single = new Int32Array(2048);
  const bigrams: number[] = [];
  const targets: number[] = [];
  for (let c = 0; c < 65536; c++) {
    const child = a.rootNext[fold[c]!]!;
    if (child === 0) continue;
    rootRaw[c] = id[child]!;
    if (id[child]! >= firstOutput) single[c >>> 5]! |= 1 << (c & 31);
    for (let k = a.edgeStart[child]!; k < a.edgeStart[child + 1]!; k++) {
      const label = a.edgeLabel[k]!;
      for (let r = pre.start[label]!; r < pre.start[label + 1]!; r++) {
        bigrams.push(bigramKey(c, pre.units[r]!));
        targets.push(id[a.edgeTarget[k]!]!);
      }
    }
  }
  // One bit in 64 set: 1.5 % of the positions that start no term pass (against 6 % at one in
  // 16, which measured ~0.6 ms slower per million characters for its false starts).
  let bits = 10;
  while (1 << bits < bigrams.length * 64) bits++;
  const starts = new Int32Array(1 << (bits - 5));
  const startShift = 32 - bits;
  for (const key of bigrams) {
    const h = bigramHash(key, startShift);
    starts[h >>> 5]! |= 1 << (h & 31);
  }
  const { pairs, pairShift } = pairTable(bigrams, targets, firstOutput, emitFrom, emits);
  const { inner, innerShift } = innerPairs(a.patterns, pre);
  // States as offsets into `dfa`, each header next to its own edges.
  const { dfa, offset } = colocate(states, edges, emitFrom, firstOutput);
  for (let c = 0; c < 65536; c++) rootRaw[c] = offset[rootRaw[c]!]!;
  for (let k = 1; k < pairs.length; k += 4) pairs[k] = offset[pairs[k]!]!;
  return {
    rootRaw,
    pairs,
    pairShift,
    inner,
    innerShift,
    starts,
    startShift,
    single,
    anySingle: single.some((w) => w !== 0),
    dfa,
    firstOutput: offset[firstOutput]!,
    emits,
    maxEmits,
  };
}

/**
 * `ScanTables.dfa` from the per-state rows and the separate edge table: every state's header
 * directly before its edges, targets and `rest` links as offsets. `offset` maps a state number
 * to its offset, and has one more entry: the end (so `offset[firstOutput]` works when no state
 * has outputs).
 */
function colocate(
  states: Int32Array,
  edges: Int32Array,
  emitFrom: Int32Array,
  firstOutput: number,
) {
  const n = states.length >>> 2;
  const offset = new Int32Array(n + 1);
  const width = (v: number) => {
    const e = states[4 * v + 2]!;
    return e >= 0 ? e - states[4 * v + 1]! : 2 << (32 + e);
  };
  let size = 0;
  for (let v = 0; v < n; v++) {
    offset[v] = size;
    size += HEADER + width(v);
  }
  offset[n] = size;
  const dfa = new Int32Array(size);
  for (let v = 0; v < n; v++) {
    const o = offset[v]!;
    const e = states[4 * v + 2]!;
    const w = width(v);
    dfa[o] = states[4 * v]!;
    dfa[o + 1] = e >= 0 ? w : e;
    dfa[o + 2] = offset[states[4 * v + 3]!]!;
    dfa[o + 3] = v >= firstOutput ? emitFrom[v - firstOutput]! : 0;
    dfa[o + 4] = v >= firstOutput ? emitFrom[v - firstOutput + 1]! : 0;
    const at = states[4 * v + 1]!;
    for (let k = 0; k < w; k += 2) {
      const label = edges[at + k]!;
      dfa[o + HEADER + k] = label;
      dfa[o + HEADER + k + 1] = label < 0 ? 0 : offset[edges[at + k + 1]!]!;
    }
  }
  return { dfa, offset };
}

/** Ints before a state's edges in `ScanTables.dfa`: mask, width, rest, emits from, to. */
export const HEADER = 5;

/** `ScanTables.pairs` for the given keys and their depth-2 states. */
function pairTable(
  keys: number[],
  targets: number[],
  firstOutput: number,
  emitFrom: Int32Array,
  emits: Int32Array,
) {
  let bits = 4;
  while (1 << bits < 2 * keys.length) bits++;
  const slots = 1 << bits;
  const pairs = new Int32Array(4 * slots);
  const pairShift = 32 - bits;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    let h = bigramHash(key, pairShift);
    while (pairs[4 * h + 1] !== 0) h = (h + 1) & (slots - 1);
    const s = targets[k]!;
    pairs[4 * h] = key;
    pairs[4 * h + 1] = s;
    pairs[4 * h + 2] = -1;
    const o = s - firstOutput;
    if (o >= 0 && emitFrom[o + 1]! - emitFrom[o]! === 3) {
      const e = emitFrom[o]!;
      if (emits[e + 1] === 2 && emits[e + 2]! >= 0) {
        pairs[4 * h + 2] = emits[e]!;
        pairs[4 * h + 3] = emits[e + 2]!;
      }
    }
  }
  return { pairs, pairShift };
}

/** `ScanTables.inner`: every neighbouring pair inside a (folded) pattern, in all raw forms. */
function innerPairs(patterns: readonly string[], pre: { start: Int32Array; units: Uint16Array }) {
  const all: number[] = [];
  for (const p of patterns) {
    for (let k = 0; k + 1 < p.length; k++) {
      const a = p.charCodeAt(k);
      const b = p.charCodeAt(k + 1);
      for (let r = pre.start[a]!; r < pre.start[a + 1]!; r++)
        for (let q = pre.start[b]!; q < pre.start[b + 1]!; q++)
          all.push(bigramKey(pre.units[r]!, pre.units[q]!));
    }
  }
  const sorted = Int32Array.from(all).sort();
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
  // One bit in 32: a false pass costs one DFA step that fails (one in 16 measured the same,
  // within the noise).
  let bits = 10;
  while (1 << bits < distinct * 32) bits++;
  const inner = new Int32Array(1 << (bits - 5));
  const innerShift = 32 - bits;
  for (const key of sorted) {
    const h = bigramHash(key, innerShift);
    inner[h >>> 5]! |= 1 << (h & 31);
  }
  return { inner, innerShift };
}

/**
 * Breadth-first numbering (states near the root, visited most, stay close together), the
 * states with outputs last so that one comparison tells whether a state emits.
 */
function numberStates(a: Automaton): { id: Int32Array; order: Int32Array; firstOutput: number } {
  const n = a.fail.length;
  const order = new Int32Array(n);
  let tail = 1;
  for (let h = 0; h < tail; h++) {
    const v = order[h]!;
    for (let k = a.edgeStart[v]!; k < a.edgeStart[v + 1]!; k++) order[tail++] = a.edgeTarget[k]!;
  }
  const id = new Int32Array(n);
  let next = 0;
  for (let k = 0; k < n; k++) if (a.report[order[k]!]! < 0) id[order[k]!] = next++;
  const firstOutput = next;
  for (let k = 0; k < n; k++) if (a.report[order[k]!]! >= 0) id[order[k]!] = next++;
  return { id, order, firstOutput };
}

/** Per output state, in numbering order: the patterns ending there, longest first. */
function outputs(a: Automaton, order: Int32Array, simpleEntry: Int32Array) {
  const emitFrom: number[] = [];
  const emits: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    if (a.report[v]! < 0) continue;
    emitFrom.push(emits.length);
    for (let o = a.report[v]!; o >= 0; o = a.dict[o]!) {
      const p = a.out[o]!;
      emits.push(p, a.lengths[p]!, simpleEntry[p]!);
    }
  }
  emitFrom.push(emits.length);
  let maxEmits = 0;
  for (let o = 0; o + 1 < emitFrom.length; o++)
    maxEmits = Math.max(maxEmits, (emitFrom[o + 1]! - emitFrom[o]!) / 3);
  return { emitFrom: Int32Array.from(emitFrom), emits: Int32Array.from(emits), maxEmits };
}

/**
 * Each state's DFA edges over raw code units, by state number: 4 ints per state in `states`
 * (label summary, first edge in `edges`, end edge or minus the hash shift, `rest`), laid out
 * into `ScanTables.dfa` by `colocate`.
 */
function stateEdges(a: Automaton, id: Int32Array, order: Int32Array) {
  const b: EdgeBuilder = {
    a,
    id,
    pre: foldPreimageTable(),
    states: new Int32Array(4 * order.length + 4),
    edges: new Int32Array(4 * order.length + 64),
    used: 0,
    seenBy: new Int32Array(65536),
    targetOf: new Int32Array(65536),
    raws: new Int32Array(INHERIT_LIMIT + 64),
  };
  // One small function per state rather than one long loop: it is optimised after a few
  // hundred states, where the long loop ran interpreted for most of the build (~200 ms).
  for (let k = 1; k < order.length; k++) addState(b, order[k]!);
  return { states: b.states, edges: b.edges.slice(0, b.used) };
}

interface EdgeBuilder {
  a: Automaton;
  id: Int32Array;
  pre: { start: Int32Array; units: Uint16Array };
  states: Int32Array;
  edges: Int32Array;
  used: number;
  /** Per raw code unit: the state (+ 1) whose edges last took it, and the edge's target. */
  seenBy: Int32Array;
  targetOf: Int32Array;
  raws: Int32Array;
}

function addState(b: EdgeBuilder, v: number): void {
  const { a, pre, seenBy } = b;
  const stamp = v + 1;
  let count = 0;
  let rest = 0;
  for (let f = v; f !== 0; f = a.fail[f]!) {
    let added = 0;
    for (let k = a.edgeStart[f]!; k < a.edgeStart[f + 1]!; k++) {
      const label = a.edgeLabel[k]!;
      if (seenBy[label] !== stamp) added += pre.start[label + 1]! - pre.start[label]!;
    }
    if (f !== v && count + added > INHERIT_LIMIT) {
      rest = b.id[f]!;
      break;
    }
    count = takeEdges(b, f, stamp, count, added);
  }
  sortPrefix(b.raws, count);
  const { raws, targetOf, states } = b;
  const size = count < HASH_FROM ? 2 * count : 2 * tableSize(count);
  if (b.used + size > b.edges.length) {
    const grown = new Int32Array(2 * (b.used + size));
    grown.set(b.edges);
    b.edges = grown;
  }
  const { edges } = b;
  let used = b.used;
  const s = b.id[v]! * 4;
  let mask = 0;
  for (let k = 0; k < count; k++) mask |= 1 << (raws[k]! & 31);
  states[s] = mask;
  states[s + 1] = used;
  if (count < HASH_FROM) {
    for (let k = 0; k < count; k++) {
      edges[used++] = raws[k]!;
      edges[used++] = targetOf[raws[k]!]!;
    }
    states[s + 2] = used;
  } else {
    // Its own open-addressed table, at most half full: one or two probes, where even a
    // branch-free bisection of ~50 labels was a chain of six dependent loads.
    const slots = size / 2;
    const shift = 32 - Math.log2(slots);
    edges.fill(-1, used, used + size);
    for (let k = 0; k < count; k++) {
      const raw = raws[k]!;
      let h = labelHash(raw, shift);
      while (edges[used + 2 * h] !== -1) h = (h + 1) & (slots - 1);
      edges[used + 2 * h] = raw;
      edges[used + 2 * h + 1] = targetOf[raw]!;
    }
    used += size;
    states[s + 2] = -shift;
  }
  states[s + 3] = rest;
  b.used = used;
}

/** Adds the edges of state `f` whose labels state `stamp - 1` has not taken yet. */
function takeEdges(b: EdgeBuilder, f: number, stamp: number, count: number, added: number) {
  const { a, pre, seenBy, targetOf } = b;
  if (count + added > b.raws.length) {
    const grown = new Int32Array(2 * (count + added));
    grown.set(b.raws);
    b.raws = grown;
  }
  const { raws } = b;
  for (let k = a.edgeStart[f]!; k < a.edgeStart[f + 1]!; k++) {
    const label = a.edgeLabel[k]!;
    if (seenBy[label] === stamp) continue;
    // A label is a folded unit, and its preimages fold to it alone: marking the label marks
    // them all.
    const target = b.id[a.edgeTarget[k]!]!;
    for (let r = pre.start[label]!; r < pre.start[label + 1]!; r++) {
      const raw = pre.units[r]!;
      seenBy[raw] = stamp;
      targetOf[raw] = target;
      raws[count++] = raw;
    }
  }
  return count;
}

/** Sorts `a[0 .. count]` in place: insertion sort for the usual handful, else the built-in. */
function sortPrefix(a: Int32Array, count: number): void {
  if (count > 16) {
    a.subarray(0, count).sort();
    return;
  }
  for (let k = 1; k < count; k++) {
    const x = a[k]!;
    let j = k;
    for (; j > 0 && a[j - 1]! > x; j--) a[j] = a[j - 1]!;
    a[j] = x;
  }
}

/** The power of two of slots for a state's own table of `count` labels: at most half full. */
function tableSize(count: number): number {
  let slots = 2;
  while (slots < 2 * count) slots *= 2;
  return slots;
}
