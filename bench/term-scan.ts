/**
 * termScan: Simplified/Traditional-insensitive glossary matching over 1,000,000 characters of
 * synthetic Chinese news text with 5,000 entries, beside a plain loop reading every character
 * with charCodeAt (the ceiling for any automaton written in JS). The judged figure is
 * `scanSourceTerms`: one Aho–Corasick pass over the original text (script variants expanded
 * into the terms), boundaries and case checked, longest-leftmost selection, the matches as
 * typed arrays (`TermHits`), run by the scan's WebAssembly build (glossary/wasm-scan.ts). The
 * same scan in JS (`scanTerms`, the fallback) is reported beside it (`jsScanMcps`,
 * `jsScanRatio`, each paired with its own loop runs). `findSourceTerms`, the same plus one `SourceMatch` object per
 * match (~90,000 here, which alone cost about as much as the loop), is reported beside it
 * with its own ratio to the same loop (`objectsMcps`, `objectsRatio`), as are `indexOf` for
 * one term, `findSourceTerms` per paragraph, and a dense worst case: 5,000 n-grams of the
 * seed article matched against the article itself (every position starts several terms),
 * which is judged by nothing but reported.
 */
import { readCorpus } from '../server/corpus/read-corpus.js';
import {
  compileGlossary,
  findSourceTerms,
  scanSourceTerms,
} from '../server/domain/glossary/index.js';
import { scanTerms } from '../server/domain/glossary/source-scan.js';
import {
  asEntries,
  chineseText,
  glossaryEntries,
  median,
  round,
  seededRandom,
  timeMedian,
  type BenchResult,
} from './lib.js';

/** The dense worst case: n-grams of the seed article, 2–6 Han characters. */
function denseCase(chars: number, terms: number) {
  const article = readCorpus()
    .documents[0]!.segments.map((s) => s.source)
    .join('\n');
  const text = article.repeat(Math.ceil(chars / article.length)).slice(0, chars);
  const rand = seededRandom(42);
  const sources = new Set<string>();
  while (sources.size < terms) {
    const n = 2 + Math.floor(rand() * 5);
    const at = Math.floor(rand() * (article.length - n));
    const gram = article.slice(at, at + n);
    if (/^[\u4e00-\u9fff]+$/.test(gram)) sources.add(gram);
  }
  return { text, entries: asEntries([...sources].map((source) => ({ source, target: 'x' }))) };
}

/** The baseline: read every code unit once, the least any scanner written in JS must do. */
function charLoop(text: string): number {
  let s = 0;
  for (let i = 0; i < text.length; i++) s += text.charCodeAt(i);
  return s;
}

export async function benchTermScan(opts: {
  chars: number;
  terms: number;
  runs: number;
}): Promise<BenchResult> {
  const rand = seededRandom(8);
  const text = chineseText(rand, opts.chars);
  const entries = asEntries(glossaryEntries(rand, opts.terms));
  let t = performance.now();
  const g = compileGlossary(entries);
  const compileMs = performance.now() - t;
  const mcps = (ms: number) => round(text.length / 1e3 / ms, 1);

  let matches = 0;
  let objects = 0;
  let jsMatches = 0;
  let sum = 0;
  const scan = () => (matches = scanSourceTerms(g, text).count);
  const scanJs = () => (jsMatches = scanTerms(g.sourceTables, text, g.sourceCheck).count);
  const find = () => (objects = findSourceTerms(g, text).length);
  const read = () => (sum += charLoop(text));
  // Warmed up (so that all run optimised code), then interleaved so that all see the same
  // machine noise; each loop figure is paired with the scan timed just before it.
  for (let w = 0; w < 3; w++) [scan, read, find, read, scanJs, read].forEach((f) => f());
  const ours: number[] = [];
  const loop: number[] = [];
  const withObjects: number[] = [];
  const loop2: number[] = [];
  const js: number[] = [];
  const loop3: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    ours.push(timeMedian(1, scan));
    loop.push(timeMedian(1, read));
    withObjects.push(timeMedian(1, find));
    loop2.push(timeMedian(1, read));
    js.push(timeMedian(1, scanJs));
    loop3.push(timeMedian(1, read));
  }
  if (objects !== matches)
    throw new Error(`findSourceTerms ${objects} ≠ scanSourceTerms ${matches}`);
  if (jsMatches !== matches) throw new Error(`JS scan ${jsMatches} ≠ scanSourceTerms ${matches}`);
  const scanMs = median(ours);
  const loopMs = median(loop);
  const objectsMs = median(withObjects);
  const objectsLoopMs = median(loop2);
  const jsMs = median(js);
  const jsLoopMs = median(loop3);
  const needle = '人工智能';
  let hits = 0;
  const indexOfMs = timeMedian(opts.runs, () => {
    hits = 0;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) hits++;
  });
  const paragraphs = text.split('\n');
  const perParagraphMs = timeMedian(opts.runs, () => {
    for (const p of paragraphs) findSourceTerms(g, p);
  });
  const dense = denseCase(opts.chars, opts.terms);
  const gd = compileGlossary(dense.entries);
  let denseMatches = 0;
  const denseMs = timeMedian(opts.runs, () => {
    denseMatches = findSourceTerms(gd, dense.text).length;
  });

  const ratio = mcps(scanMs) / mcps(loopMs);
  return {
    value: mcps(scanMs),
    unit: 'M chars/s',
    baseline: mcps(loopMs),
    ratio: round(ratio, 3),
    target: '≥ 0.25× the charCodeAt loop',
    pass: ratio >= 0.25,
    chars: text.length,
    entries: entries.length,
    compileMs: round(compileMs, 0),
    matches,
    objectsMcps: mcps(objectsMs),
    objectsRatio: round(mcps(objectsMs) / mcps(objectsLoopMs), 3),
    jsScanMcps: mcps(jsMs),
    jsScanRatio: round(mcps(jsMs) / mcps(jsLoopMs), 3),
    perParagraphMcps: mcps(perParagraphMs),
    indexOfOneTermMcps: mcps(indexOfMs),
    indexOfHits: hits,
    denseWorstCaseMcps: mcps(denseMs),
    denseWorstCaseMatches: denseMatches,
    checksum: sum & 1,
  };
}
