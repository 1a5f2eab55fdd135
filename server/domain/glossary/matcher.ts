import { buildAutomaton, scanAutomaton, type Automaton } from './aho-corasick.js';
import { caseFold, foldPreimages, foldString, isWordChar, widthFold } from './char-class.js';
import type { GlossaryEntry } from './entry.js';
import { separatorSignature, tokenizeEnglish, type EnglishTokens } from './english.js';
import { scriptVariants } from './script-variants.js';
import { buildScanTables, type ScanTables } from './scan-tables.js';
import { scanTerms, type CandidateCheck } from './source-scan.js';
import type { TermHits } from './term-hits.js';
import { wasmScanner } from './wasm-scan.js';

export type { TermHits } from './term-hits.js';

/** A source term found in a text. Offsets are UTF-16 code units into the original text. */
export interface SourceMatch {
  entryId: number;
  start: number;
  end: number;
  /** The text as written (e.g. 模型權重 for the entry 模型权重). */
  text: string;
}

/** How a rendering relates to its entry (TBX: preferred / admitted / deprecated). */
export type RenderingKind = 'preferred' | 'alternative' | 'forbidden';

/** An English rendering of an entry found in a text. */
export interface RenderingMatch {
  entryId: number;
  start: number;
  end: number;
  text: string;
  kind: RenderingKind;
  /** The glossary form that matched ("model weights" for the text "Model weight"). */
  form: string;
}

interface SourcePayload {
  entry: number;
  /** The variant as written, width-folded, for the case-sensitive check. */
  exact: string;
  latinStart: boolean;
  latinEnd: boolean;
}

interface RenderingPayload {
  entry: number;
  kind: RenderingKind;
  form: string;
  formTokens: string[];
  separators: string;
}

/** A glossary prepared for matching: build once per glossary version, use for many texts. */
export interface CompiledGlossary {
  entries: readonly GlossaryEntry[];
  byId: ReadonlyMap<number, GlossaryEntry>;
  source: Automaton;
  sourcePayloads: SourcePayload[][];
  /**
   * Per source pattern: the entry index when its first payload needs no check (no Latin
   * boundary, not case-sensitive) and so always wins, else -1 (the payloads are examined).
   */
  sourceSimple: Int32Array;
  /** Per source pattern: 1 when the text as written always equals the pattern (Han only). */
  sourceVerbatim: Uint8Array;
  sourceTables: ScanTables;
  /** Decides a candidate of a pattern without `sourceSimple` (boundaries, case). */
  sourceCheck: CandidateCheck;
  /** Entry ids by entry index. */
  entryIds: Int32Array;
  target: Automaton;
  targetPayloads: RenderingPayload[][];
}

/** Prepares entries for matching: every script variant of every source, every rendering. */
export function compileGlossary(entries: readonly GlossaryEntry[]): CompiledGlossary {
  const source = new Map<string, SourcePayload[]>();
  const target = new Map<string, RenderingPayload[]>();
  entries.forEach((e, entry) => {
    for (const variant of scriptVariants(e.source.trim())) {
      const exact = foldString(variant, widthFold);
      const key = foldString(variant, caseFold);
      const list = source.get(key) ?? [];
      if (list.some((p) => p.entry === entry)) continue;
      list.push({
        entry,
        exact,
        latinStart: isWordChar(key.charCodeAt(0)),
        latinEnd: isWordChar(key.charCodeAt(key.length - 1)),
      });
      source.set(key, list);
    }
    const forms: [RenderingKind, string][] = [
      ['preferred', e.target],
      ...e.alternatives.map((a): [RenderingKind, string] => ['alternative', a]),
      ...e.forbidden.map((f): [RenderingKind, string] => ['forbidden', f]),
    ];
    for (const [kind, form] of forms) {
      const tokens = tokenizeEnglish(form);
      if (tokens.key === '') continue;
      const list = target.get(tokens.key) ?? [];
      list.push({
        entry,
        kind,
        form,
        formTokens: tokens.start.map((s, k) => form.slice(s, tokens.end[k])),
        separators: separatorSignature(form, tokens),
      });
      target.set(tokens.key, list);
    }
  });
  const sourcePayloads = [...source.values()];
  const sourceAutomaton = buildAutomaton([...source.keys()]);
  const sourceSimple = Int32Array.from(sourcePayloads, ([p]) =>
    p && !p.latinStart && !p.latinEnd && !entries[p.entry]!.caseSensitive ? p.entry : -1,
  );
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    source: sourceAutomaton,
    sourcePayloads,
    // A key none of whose code units is the fold of another one is the text it matched (Han
    // always; not Latin letters, digits, signs, nor ɓ, the fold of Ɓ).
    sourceVerbatim: Uint8Array.from(sourceAutomaton.patterns, (k) => (isVerbatim(k) ? 1 : 0)),
    sourceTables: buildScanTables(sourceAutomaton, sourceSimple),
    sourceCheck: sourceCheck(entries, sourcePayloads),
    entryIds: Int32Array.from(entries, (e) => e.id),
    sourceSimple,
    target: buildAutomaton([...target.keys()]),
    targetPayloads: [...target.values()],
  };
}

/**
 * Finds every glossary source term in `text` in one pass: Simplified and Traditional alike,
 * Latin terms only on word boundaries, case-sensitive entries only with their case. Where
 * matches overlap the longest wins (开源模型 is one match, not also 模型), then the leftmost.
 *
 * The matches as typed arrays (`TermHits`: a buffer reused by the next scan, so read it
 * before), for callers that need no object per match; `findSourceTerms` makes them. Scanned
 * by the WebAssembly build of the scan (wasm-scan.ts), or where it cannot run by the same scan
 * in JS (`scanTerms`), which gives the same hits.
 */
export function scanSourceTerms(g: CompiledGlossary, text: string): TermHits {
  const wasm = engine === 'wasm' ? wasmScanner(g.sourceTables, g.sourceCheck) : undefined;
  return wasm ? wasm.scan(text) : scanTerms(g.sourceTables, text, g.sourceCheck);
}

let engine: 'wasm' | 'js' = 'wasm';

/**
 * Which build of the scan `scanSourceTerms` uses (WebAssembly where it can run, by default);
 * for tests and benchmarks, which run both. Returns the previous choice.
 */
export function useTermScan(next: 'wasm' | 'js'): 'wasm' | 'js' {
  const previous = engine;
  engine = next;
  return previous;
}

/** `scanSourceTerms` as one `SourceMatch` per match, in text order. */
export function findSourceTerms(g: CompiledGlossary, text: string): SourceMatch[] {
  const { count, start: starts, end: ends, entry, pattern } = scanSourceTerms(g, text);
  // Sized up front: growing by `push` copies a large array several times (90,000 objects:
  // 2.0 against 1.0 ms at best, and the copies make the collector's pauses longer).
  const out = new Array<SourceMatch>(count);
  for (let k = 0; k < count; k++) {
    const start = starts[k]!;
    const end = ends[k]!;
    const p = pattern[k]!;
    // A Han-only key is the text it matched: no slice (and no string) per occurrence.
    const written = g.sourceVerbatim[p] ? g.source.patterns[p]! : text.slice(start, end);
    out[k] = { entryId: g.entryIds[entry[k]!]!, start, end, text: written };
  }
  return out;
}

/** One candidate per pattern and position: the first entry whose checks pass, or -1. */
function sourceCheck(
  entries: readonly GlossaryEntry[],
  payloads: SourcePayload[][],
): CandidateCheck {
  return (p, text, start, end) => {
    for (const pay of payloads[p]!) {
      if (pay.latinStart && start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
      if (pay.latinEnd && end < text.length && isWordChar(text.charCodeAt(end))) continue;
      if (entries[pay.entry]!.caseSensitive && !sameWidthFolded(text, start, pay.exact)) continue;
      return pay.entry;
    }
    return -1;
  };
}

function isVerbatim(key: string): boolean {
  for (let i = 0; i < key.length; i++)
    if (foldPreimages(key.charCodeAt(i)).length !== 1) return false;
  return true;
}

function sameWidthFolded(text: string, start: number, exact: string): boolean {
  for (let i = 0; i < exact.length; i++) {
    if (widthFold(text.charCodeAt(start + i)) !== exact.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Longest first, then leftmost; a match overlapping one already taken is dropped. An occupancy
 * map keeps this linear in the total length of the candidates (a pairwise overlap test would
 * be quadratic on long texts with many matches).
 */
function pickLongest<T extends { start: number; end: number; entry: number }>(found: T[]): T[] {
  if (found.length < 2) return found;
  found.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.entry - b.entry,
  );
  let size = 0;
  for (const m of found) if (m.end > size) size = m.end;
  const used = new Uint8Array(size);
  const taken: T[] = [];
  outer: for (const m of found) {
    for (let i = m.start; i < m.end; i++) if (used[i]) continue outer;
    used.fill(1, m.start, m.end);
    taken.push(m);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/**
 * Finds the English renderings (preferred, admitted, forbidden) of glossary entries in `text`,
 * tolerant of inflection, sentence-start capitals and hyphen/space variants. Each entry is
 * resolved on its own (so "open-source model" can satisfy 开源模型 while "open-source" inside
 * it satisfies 开源); within an entry the longest form wins, so the forbidden "ENFORCE Act Act"
 * is not also read as "ENFORCE Act". `onlyEntries` limits the search to some entry ids.
 */
export function findRenderings(
  g: CompiledGlossary,
  text: string,
  onlyEntries?: ReadonlySet<number>,
): RenderingMatch[] {
  if (onlyEntries?.size === 0) return [];
  const tokens = tokenizeEnglish(text);
  const key = tokens.key;
  const byEntry = new Map<number, (RenderingMatch & { entry: number })[]>();
  scanAutomaton(g.target, key, (p, endKey) => {
    const startKey = endKey - g.target.patterns[p]!.length;
    if (startKey > 0 && key.charCodeAt(startKey - 1) !== 0x20) return;
    if (endKey < key.length && key.charCodeAt(endKey) !== 0x20) return;
    const first = tokenIndex(tokens, startKey);
    const count = countSpaces(g.target.patterns[p]!) + 1;
    const start = tokens.start[first]!;
    const end = tokens.end[first + count - 1]!;
    const separators = separatorSignature(text, tokens, first, first + count);
    for (const pay of choosePayloads(g, g.targetPayloads[p]!, separators, onlyEntries)) {
      if (g.entries[pay.entry]!.caseSensitive && !sameCase(text, tokens, first, pay.formTokens))
        continue;
      const entryId = g.entries[pay.entry]!.id;
      const list = byEntry.get(entryId) ?? [];
      list.push({
        entry: pay.entry,
        entryId,
        start,
        end,
        text: text.slice(start, end),
        kind: pay.kind,
        form: pay.form,
      });
      byEntry.set(entryId, list);
    }
  });
  const out: RenderingMatch[] = [];
  for (const list of byEntry.values()) {
    for (const { entry: _e, ...m } of pickLongest(list)) out.push(m);
  }
  return out.sort((a, b) => a.start - b.start || a.entryId - b.entryId);
}

/**
 * One payload per entry for a matched key. When an entry has several forms with the same key
 * ("GPT-4" preferred, "GPT 4" forbidden), the one whose separators match the text wins; if
 * none does, an admitted form is preferred over a forbidden one (tolerance goes to the writer).
 */
function choosePayloads(
  g: CompiledGlossary,
  payloads: RenderingPayload[],
  separators: string,
  only: ReadonlySet<number> | undefined,
): RenderingPayload[] {
  const perEntry = new Map<number, RenderingPayload[]>();
  for (const pay of payloads) {
    if (only && !only.has(g.entries[pay.entry]!.id)) continue;
    perEntry.set(pay.entry, [...(perEntry.get(pay.entry) ?? []), pay]);
  }
  const chosen: RenderingPayload[] = [];
  for (const list of perEntry.values()) {
    const exact = list.find((p) => p.separators === separators);
    chosen.push(exact ?? list.find((p) => p.kind !== 'forbidden') ?? list[0]!);
  }
  return chosen;
}

/** Case-sensitive entries: each token must start as the form's token does (inflection aside). */
function sameCase(text: string, tokens: EnglishTokens, first: number, formTokens: string[]) {
  return formTokens.every((f, k) => {
    const t = text.slice(tokens.start[first + k], tokens.end[first + k]);
    const n = Math.min(t.length, f.length);
    return t.slice(0, n) === f.slice(0, n);
  });
}

function tokenIndex(tokens: EnglishTokens, keyOffset: number): number {
  let lo = 0;
  let hi = tokens.keyStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (tokens.keyStart[mid]! <= keyOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function countSpaces(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x20) n++;
  return n;
}
