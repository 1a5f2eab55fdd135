/**
 * The alignment evaluation set: real news paragraphs (the seed article and its translation)
 * reshuffled into longer documents, then damaged the way pasted translations are: paragraphs
 * merged or split on one side, dropped on one side. The gold beads are known by construction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { joinTexts, splitSentences, type Bead } from '../../../server/domain/align/index.js';
import { splitParagraphs } from '../../../server/domain/segment/index.js';
import { seededRandom } from '../../seeded-random.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../corpus/documents');

/** The seed article's paragraph pairs. */
export function seedPairs(): { source: string; target: string }[] {
  const [name] = fs.readdirSync(CORPUS);
  const read = (f: string) => fs.readFileSync(path.join(CORPUS, name!, f), 'utf8');
  const src = splitParagraphs(read('source.zh.txt'));
  const tgt = splitParagraphs(read('target.en.txt'));
  return src.map((source, i) => ({ source, target: tgt[i] ?? '' }));
}

export interface EvalCase {
  source: string[];
  target: string[];
  gold: { source: number[]; target: number[] }[];
}

/** Splits a paragraph at a sentence boundary near its middle, or undefined if it has one sentence. */
function splitInTwo(text: string, lang: string): [string, string] | undefined {
  const s = splitSentences(text, lang);
  if (s.length < 2) return undefined;
  const cut = Math.ceil(s.length / 2);
  return [s.slice(0, cut).join('').trimEnd(), s.slice(cut).join('')];
}

/** One damaged document of `size` paragraph pairs drawn from `pairs`. */
export function makeCase(
  pairs: { source: string; target: string }[],
  size: number,
  seed: number,
  rate = 0.3,
): EvalCase {
  const rnd = seededRandom(seed);
  const drawn = Array.from({ length: size }, () => pairs[Math.floor(rnd() * pairs.length)]!);
  const c: EvalCase = { source: [], target: [], gold: [] };
  const add = (src: string[], tgt: string[]) => {
    const s = src.map((x) => c.source.push(x) - 1);
    const t = tgt.map((x) => c.target.push(x) - 1);
    c.gold.push({ source: s, target: t });
  };
  for (let i = 0; i < drawn.length; i++) {
    const p = drawn[i]!;
    const next = drawn[i + 1];
    const r = rnd();
    const kind = r < rate ? Math.floor(rnd() * 6) : -1;
    if (kind === 0 && next) {
      add([p.source, next.source], [joinTexts([p.target, next.target])]);
      i += 1;
    } else if (kind === 1 && next) {
      add([joinTexts([p.source, next.source])], [p.target, next.target]);
      i += 1;
    } else if (kind === 2 && splitInTwo(p.target, 'en')) {
      add([p.source], splitInTwo(p.target, 'en')!);
    } else if (kind === 3 && splitInTwo(p.source, 'zh')) {
      add(splitInTwo(p.source, 'zh')!, [p.target]);
    } else if (kind === 4) {
      add([p.source], []);
    } else if (kind === 5) {
      add([], [p.target]);
    } else {
      add([p.source], [p.target]);
    }
  }
  return c;
}

/** The evaluation set: `count` documents of `size` paragraphs. */
export function evaluationSet(count = 40, size = 40, rate = 0.2): EvalCase[] {
  const pairs = seedPairs();
  return Array.from({ length: count }, (_, k) => makeCase(pairs, size, 1000 + k, rate));
}

/** Bead precision, recall and F1: a bead counts when its source and target sets are exact. */
export function beadF1(
  predicted: Pick<Bead, 'source' | 'target'>[],
  gold: Pick<Bead, 'source' | 'target'>[],
): { precision: number; recall: number; f1: number; correct: number } {
  const key = (b: Pick<Bead, 'source' | 'target'>) => `${b.source.join(',')}|${b.target.join(',')}`;
  const want = new Set(gold.map(key));
  const correct = predicted.filter((b) => want.has(key(b))).length;
  const precision = predicted.length === 0 ? 0 : correct / predicted.length;
  const recall = gold.length === 0 ? 0 : correct / gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, correct };
}
