/**
 * `npx tsx bench/term-scan.ts`: the glossary matcher (findSourceTerms: one Aho–Corasick pass,
 * script variants, boundaries, longest-match selection) on 1,000,000 characters of Chinese
 * against 5,000 terms, beside String.prototype.indexOf scanning the same text for one term.
 * Prints medians of several runs. Terms are n-grams of the seed article plus the corpus
 * glossary, so many of them really occur.
 */
import { readCorpus } from '../server/corpus/read-corpus.js';
import {
  caseFold,
  compileGlossary,
  findSourceTerms,
  scanAutomaton,
  type GlossaryEntry,
} from '../server/domain/glossary/index.js';

const corpus = readCorpus();
const article = corpus.documents[0]!.segments.map((s) => s.source).join('\n');
const TEXT_CHARS = 1_000_000;
const TERMS = 5_000;
const text = article.repeat(Math.ceil(TEXT_CHARS / article.length)).slice(0, TEXT_CHARS);

// Deterministic pseudo-random n-grams of the article (2–6 characters, Han only).
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
const sources = new Set(corpus.glossary.map((e) => e.source));
while (sources.size < TERMS) {
  const n = 2 + Math.floor(rand() * 5);
  const at = Math.floor(rand() * (article.length - n));
  const gram = article.slice(at, at + n);
  if (/^[\u4e00-\u9fff]+$/.test(gram)) sources.add(gram);
}
const entries: GlossaryEntry[] = [...sources].map((source, i) => ({
  id: i + 1,
  source,
  target: `term ${i}`,
  alternatives: [],
  forbidden: [],
  note: '',
  caseSensitive: false,
  domain: '',
}));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
function time(runs: number, f: () => void): number {
  f(); // warm up
  return median(
    Array.from({ length: runs }, () => {
      const t = performance.now();
      f();
      return performance.now() - t;
    }),
  );
}

let t = performance.now();
const g = compileGlossary(entries);
const compileMs = performance.now() - t;
let matches = 0;
const scanMs = time(5, () => {
  matches = findSourceTerms(g, text).length;
});
const paragraphs = text.split('\n');
const perParagraphMs = time(5, () => {
  for (const p of paragraphs) findSourceTerms(g, p);
});
const needle = '模型权重';
let hits = 0;
const indexOfMs = time(9, () => {
  hits = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) hits++;
});
let outputs = 0;
const rawMs = time(5, () => {
  outputs = 0;
  scanAutomaton(g.source, text, () => void outputs++, caseFold);
});
// indexOf term by term, every occurrence: the approach whose cost grows as terms × text.
const sample = entries.slice(0, 50);
const perTermMs =
  time(3, () => {
    for (const e of sample)
      for (let i = text.indexOf(e.source); i >= 0; i = text.indexOf(e.source, i + 1));
  }) / sample.length;
// A sparse glossary (most terms never occur, as in real termbases): random Han strings.
const sparse: GlossaryEntry[] = entries.map((e, i) => ({
  ...e,
  source: Array.from({ length: 2 + (i % 5) }, () =>
    String.fromCharCode(0x4e00 + Math.floor(rand() * 20000)),
  ).join(''),
}));
const gs = compileGlossary([...sparse, ...entries.slice(0, 59)]);
const sparseMs = time(5, () => void findSourceTerms(gs, text));

const mcps = (ms: number) => (TEXT_CHARS / 1e6 / (ms / 1000)).toFixed(1);
console.log(
  `text: ${TEXT_CHARS.toLocaleString('en')} chars; glossary: ${entries.length.toLocaleString('en')} terms (compiled with script variants in ${compileMs.toFixed(0)} ms)`,
);
console.log(
  `findSourceTerms, whole text:   ${scanMs.toFixed(1)} ms  ${mcps(scanMs)} M chars/s  (${matches.toLocaleString('en')} matches after longest-match selection)`,
);
console.log(
  `findSourceTerms, per paragraph: ${perParagraphMs.toFixed(1)} ms  ${mcps(perParagraphMs)} M chars/s  (${paragraphs.length.toLocaleString('en')} paragraphs)`,
);
console.log(
  `indexOf, one term:             ${indexOfMs.toFixed(1)} ms  ${mcps(indexOfMs)} M chars/s  (${hits} hits of ${needle})`,
);
console.log(
  `automaton pass alone (all ${outputs.toLocaleString('en')} overlapping outputs): ${rawMs.toFixed(1)} ms  ${mcps(rawMs)} M chars/s`,
);
console.log(
  `findSourceTerms, sparse glossary (5,000 random + 59 real terms): ${sparseMs.toFixed(1)} ms  ${mcps(sparseMs)} M chars/s`,
);
console.log(
  `indexOf term by term, all occurrences, ${entries.length} terms: ~${((perTermMs * entries.length) / 1000).toFixed(1)} s  ${mcps(perTermMs * entries.length)} M chars/s`,
);
