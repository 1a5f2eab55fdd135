import { isHan } from './char-class.js';
import type { SegmentText } from './consistency.js';

/** A repeated source n-gram that the glossary does not cover, with likely renderings. */
export interface CandidateTerm {
  source: string;
  count: number;
  segmentIds: number[];
  /** English word sequences that co-occur with it, best first (Dice coefficient). */
  renderings: { text: string; score: number }[];
}

export interface CandidateOptions {
  minCount?: number;
  minLength?: number;
  maxLength?: number;
  limit?: number;
}

// Function characters that rarely start or end a term: 的 了 是 在 和 …
const EDGE_STOP = new Set(
  '的了是在和与及或也都就而对将会这那其之为把被从到等中上一不有个些所以并且但却还要可能使得让给向于着过该此各每很更最'.split(
    '',
  ),
);
const EN_STOP = new Set(
  'a an the of to in on for and or but with by from as at is are was were be been it its this that these those their his her they he she we you which who will would can could may might not no than then so such also into over more most'.split(
    ' ',
  ),
);

/**
 * Suggests candidate terms: Han n-grams (2–6 characters by default) that occur at least twice
 * outside existing glossary matches, maximal (an n-gram inside a longer one with the same count
 * is dropped), each with English word sequences that occur in the same paragraphs.
 * `covered` gives, per segment id, source ranges already matched by the glossary.
 */
export function suggestCandidates(
  segments: readonly SegmentText[],
  covered: ReadonlyMap<number, readonly { start: number; end: number }[]>,
  options: CandidateOptions = {},
): CandidateTerm[] {
  const { minCount = 2, minLength = 2, maxLength = 6, limit = 30 } = options;
  const grams = new Map<string, { count: number; segs: Set<number> }>();
  const runsOf = segments.map((seg) => {
    const mask = new Uint8Array(seg.source.length);
    for (const r of covered.get(seg.id) ?? []) mask.fill(1, r.start, r.end);
    return hanRuns(seg.source, mask);
  });
  // Apriori pruning: every occurrence of an n-gram contains one of each of its bigrams, so an
  // n-gram with a bigram seen once cannot reach minCount ≥ 2. Counting bigrams first (as
  // numbers) skips most n-grams of ordinary text without making a string for them.
  const pairs = new Map<number, number>();
  const pair = (run: string, i: number) => run.charCodeAt(i) * 65536 + run.charCodeAt(i + 1);
  const prune = minCount >= 2 && minLength >= 2;
  if (prune)
    for (const runs of runsOf)
      for (const run of runs)
        for (let i = 0; i + 1 < run.length; i++) {
          const k = pair(run, i);
          pairs.set(k, (pairs.get(k) ?? 0) + 1);
        }
  const repeated = (run: string, i: number, n: number) => {
    for (let j = i; j + 1 < i + n; j++) if ((pairs.get(pair(run, j)) ?? 0) < 2) return false;
    return true;
  };
  for (const [k, seg] of segments.entries()) {
    for (const run of runsOf[k]!) {
      for (let n = minLength; n <= maxLength; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          if (prune && !repeated(run, i, n)) continue;
          const g = run.slice(i, i + n);
          if (EDGE_STOP.has(g[0]!) || EDGE_STOP.has(g[n - 1]!)) continue;
          const v = grams.get(g) ?? { count: 0, segs: new Set<number>() };
          v.count += 1;
          v.segs.add(seg.id);
          grams.set(g, v);
        }
      }
    }
  }
  const kept = [...grams].filter(([, v]) => v.count >= minCount && v.segs.size >= 2);
  // An n-gram is dropped when a longer kept one contains it with the same count. Each kept
  // n-gram marks its own shorter substrings (at most 14 for 6 characters) instead of every
  // n-gram being compared with every other: that was quadratic, ~12 s on 5,000 paragraphs.
  const keptCount = new Map(kept.map(([g, v]) => [g, v.count]));
  const contained = new Set<string>();
  for (const [h, w] of kept)
    for (let n = minLength; n < h.length; n++)
      for (let i = 0; i + n <= h.length; i++) {
        const g = h.slice(i, i + n);
        if (keptCount.get(g) === w.count) contained.add(g);
      }
  const maximal = kept.filter(([g]) => !contained.has(g));
  maximal.sort(
    (a, b) => b[1].count * b[0].length - a[1].count * a[0].length || a[0].localeCompare(b[0]),
  );
  const english = englishGrams(segments);
  return maximal.slice(0, limit).map(([source, v]) => ({
    source,
    count: v.count,
    segmentIds: [...v.segs],
    renderings: associate(v.segs, english),
  }));
}

function hanRuns(text: string, mask: Uint8Array): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const ok = i < text.length && mask[i] === 0 && isHan(text.charCodeAt(i));
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/** English word 1–3-grams without function words at their edges, with the segments they are in. */
function englishGrams(segments: readonly SegmentText[]) {
  const grams = new Map<string, { surface: string; segs: Set<number> }>();
  for (const seg of segments) {
    const words = seg.target.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const w = words.slice(i, i + n);
        if (EN_STOP.has(w[0]!.toLowerCase()) || EN_STOP.has(w[n - 1]!.toLowerCase())) continue;
        const key = w.join(' ').toLowerCase();
        const v = grams.get(key) ?? { surface: w.join(' '), segs: new Set<number>() };
        v.segs.add(seg.id);
        grams.set(key, v);
      }
    }
  }
  return grams;
}

function associate(segs: Set<number>, english: ReturnType<typeof englishGrams>) {
  const scored: { text: string; score: number; words: number }[] = [];
  for (const v of english.values()) {
    let both = 0;
    for (const s of v.segs) if (segs.has(s)) both++;
    if (both < 2) continue;
    const score = (2 * both) / (segs.size + v.segs.size);
    if (score >= 0.5) scored.push({ text: v.surface, score, words: v.surface.split(' ').length });
  }
  scored.sort((a, b) => b.score - a.score || b.words - a.words || a.text.localeCompare(b.text));
  return scored
    .slice(0, 3)
    .map(({ text, score }) => ({ text, score: Math.round(score * 100) / 100 }));
}
