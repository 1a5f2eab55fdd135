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
  for (const seg of segments) {
    const mask = new Uint8Array(seg.source.length);
    for (const r of covered.get(seg.id) ?? []) mask.fill(1, r.start, r.end);
    for (const run of hanRuns(seg.source, mask)) {
      for (let n = minLength; n <= maxLength; n++) {
        for (let i = 0; i + n <= run.length; i++) {
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
  const maximal = kept.filter(
    ([g, v]) => !kept.some(([h, w]) => h.length > g.length && h.includes(g) && w.count === v.count),
  );
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
