import type { Automaton } from './aho-corasick.js';
import { caseFoldTable, foldPreimageTable } from './char-class.js';

/**
 * The source automaton recast for `scanCandidates` (source-scan.ts): states renumbered, their
 * transitions precomputed along the fail chain (a DFA, no fail links walked while scanning),
 * labelled with raw code units (case and width folding expanded into the labels, so the text
 * is never folded), plus a filter on the first two code units of every term.
 *
 * Why this shape (bench termScan: 1 M characters, 5,000 entries = 9,348 keys and 28,500
 * states, 92,000 matches; figures from a quiet run, where the `charCodeAt` loop takes
 * 2.8 ms): the scan is bound by data-dependent branches (~8–15 ns each when mispredicted)
 * and chains of dependent loads, not by how many lookups it makes. Reading every code unit
 * of a `Uint16Array` costs 1.35 ms; testing every position against the first-two-units
 * bitset 4.0 ms branch-free and 4.6 ms with the branch that leaves for the DFA (11.9 % of the
 * positions pass; the old loop, which left the root on the root's table, passed 37 % and
 * cost 6.0 ms for that alone). The DFA runs only from a position that passed, and hands back
 * to skipping as soon as it falls to depth ≤ 1: its steps and the recording of candidates
 * cost ~8 ms more. Tried and dropped, with the same output: one open-addressed hash of
 * (state, code unit) for every step (8 MB; misses land anywhere in it: 15.4 against 13.5 ms);
 * branch-free buckets of four labels per state (5.7 MB, 12.8 against 13.6 ms: in the noise);
 * labels kept folded and the text unit folded per step (no faster); two positions per
 * skipping iteration (no faster); a branch-free bisection of wide states (six dependent loads,
 * 17 % of the scan; they now have their own hash table).
 */
export interface ScanTables {
  /** The state after reading a raw code unit at the root (0: the unit starts no term). */
  rootRaw: Int32Array;
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
   * Per state, 4 ints: a 32-bit summary of its labels (bit `label & 31`: a clear bit proves
   * a miss without a search); its first edge in `edges`; its end edge, or for a state with its
   * own hash table minus that table's `labelHash` shift; and where a miss continues (`rest`:
   * 0 when the whole fail chain's edges are the state's own, else the ancestor to search).
   */
  states: Int32Array;
  /**
   * Per state, (label, target) pairs: sorted by raw label, or (from `HASH_FROM` labels) an
   * open-addressed table at most half full, label -1 where empty. Targets have depth ≥ 2.
   * 2.7 MB here, `states` 0.45 MB, `rootRaw` 0.25 MB: 3.7 MB in all for 5,000 entries.
   */
  edges: Int32Array;
  /** States numbered from this one up have outputs; lower ones have none (root = 0). */
  firstOutput: number;
  /** Per output state (minus `firstOutput`): its slice of `emitPattern`, longest first. */
  emitStart: Int32Array;
  emitPattern: Int32Array;
  lengths: Int32Array;
}

/**
 * A state takes over its fail chain's edges only while it would hold at most this many (in
 * raw labels); past that it keeps a `rest` link to the ancestor where the search goes on, so
 * a glossary where many terms end in a character that starts many others cannot make the
 * tables quadratic. Among 28,500 states here, 202 have a `rest` link (Latin ones mostly: a
 * letter expands to four raw labels).
 */
const INHERIT_LIMIT = 64;

/** A state with at least this many edges gets a hash table of them rather than a list. */
const HASH_FROM = 8;

/** Hash of a code unit within a state's own table, to `32 - shift` bits (inlined in the scan). */
export function labelHash(raw: number, shift: number): number {
  return Math.imul(raw, 0x9e3779b1) >>> shift;
}

/** Hash of two code units, `a` first, to `32 - shift` bits (Fibonacci hashing; inlined in the scan). */
export function bigramHash(a: number, b: number, shift: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> shift;
}

export function buildScanTables(a: Automaton): ScanTables {
  const { id, order, firstOutput } = numberStates(a);
  const { emitStart, emitPattern } = outputs(a, order);
  const { states, edges } = stateEdges(a, id, order);
  const fold = caseFoldTable();
  const pre = foldPreimageTable();
  const rootRaw = new Int32Array(65536);
  const single = new Int32Array(2048);
  const bigrams: number[] = [];
  for (let c = 0; c < 65536; c++) {
    const child = a.rootNext[fold[c]!]!;
    if (child === 0) continue;
    rootRaw[c] = id[child]!;
    if (id[child]! >= firstOutput) single[c >>> 5]! |= 1 << (c & 31);
    for (let k = a.edgeStart[child]!; k < a.edgeStart[child + 1]!; k++) {
      const label = a.edgeLabel[k]!;
      for (let r = pre.start[label]!; r < pre.start[label + 1]!; r++)
        bigrams.push((c << 16) | pre.units[r]!);
    }
  }
  // One bit in 64 set: 1.5 % of the positions that start no term pass (against 6 % at one in
  // 16, which measured ~0.6 ms slower per million characters for its false starts).
  let bits = 10;
  while (1 << bits < bigrams.length * 64) bits++;
  const starts = new Int32Array(1 << (bits - 5));
  const startShift = 32 - bits;
  for (const key of bigrams) {
    const h = bigramHash(key >>> 16, key & 0xffff, startShift);
    starts[h >>> 5]! |= 1 << (h & 31);
  }
  return {
    rootRaw,
    starts,
    startShift,
    single,
    anySingle: single.some((w) => w !== 0),
    states,
    edges,
    firstOutput,
    emitStart,
    emitPattern,
    lengths: a.lengths,
  };
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
function outputs(a: Automaton, order: Int32Array) {
  const emitStart: number[] = [];
  const emit: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    if (a.report[v]! < 0) continue;
    emitStart.push(emit.length);
    for (let o = a.report[v]!; o >= 0; o = a.dict[o]!) emit.push(a.out[o]!);
  }
  emitStart.push(emit.length);
  return { emitStart: Int32Array.from(emitStart), emitPattern: Int32Array.from(emit) };
}

/** Each state's DFA edges over raw code units (see `ScanTables.states`). */
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
