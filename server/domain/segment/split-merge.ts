import { isValidSpan } from '../annotate/quote.js';

/** Why a split point is refused. */
export type SplitError = 'source-offset' | 'target-offset';

/**
 * Checks split points for a paragraph pair: each offset must lie strictly inside its text
 * (both halves keep a character) — or, for an empty or one-sided target, at either end —
 * and must not cut a surrogate pair (an emoji or a rare Han character) in half.
 */
export function checkSplit(
  pair: { source: string; target: string },
  at: { sourceOffset: number; targetOffset: number },
): SplitError | undefined {
  const inside = (text: string, offset: number, allowEdges: boolean) =>
    Number.isInteger(offset) &&
    (allowEdges ? offset >= 0 && offset <= text.length : offset > 0 && offset < text.length) &&
    (offset === 0 || offset === text.length || isValidSpan(text, { start: 0, end: offset }));
  if (!inside(pair.source, at.sourceOffset, false)) return 'source-offset';
  if (!inside(pair.target, at.targetOffset, true)) return 'target-offset';
  return undefined;
}

/** Splits both sides at the given offsets; nothing is added or removed. */
export function splitPair(
  pair: { source: string; target: string },
  at: { sourceOffset: number; targetOffset: number },
): [{ source: string; target: string }, { source: string; target: string }] {
  return [
    {
      source: pair.source.slice(0, at.sourceOffset),
      target: pair.target.slice(0, at.targetOffset),
    },
    { source: pair.source.slice(at.sourceOffset), target: pair.target.slice(at.targetOffset) },
  ];
}

const SPACE = /\s/;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The text that joins two paragraphs being merged: nothing when either side already has
 * whitespace or a CJK character at the junction (Chinese is written without spaces), else one
 * space, so "said." + "The" does not become "said.The". Splitting at a space and merging back
 * therefore gives the original text exactly.
 */
export function joiner(before: string, after: string): string {
  const a = before.slice(-1);
  const b = after.slice(0, 1);
  if (a === '' || b === '' || SPACE.test(a) || SPACE.test(b) || CJK.test(a) || CJK.test(b))
    return '';
  return ' ';
}

/** Merges two paragraph pairs; returns the text and where the second one starts on each side. */
export function mergePairs(
  first: { source: string; target: string },
  second: { source: string; target: string },
): { source: string; target: string; sourceShift: number; targetShift: number } {
  const sj = joiner(first.source, second.source);
  const tj = joiner(first.target, second.target);
  return {
    source: first.source + sj + second.source,
    target: first.target + tj + second.target,
    sourceShift: first.source.length + sj.length,
    targetShift: first.target.length + tj.length,
  };
}
