import { diffChars } from 'diff';
import { quoteAt, type TextQuote, type TextSpan } from './quote.js';

/** How an annotation was placed in the new text. */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy' | 'orphaned';

export interface Anchor extends TextSpan, TextQuote {
  orphaned: boolean;
  method: AnchorMethod;
}

/** Shortest quote that may be found again by its text alone, without matching context. */
const MIN_UNIQUE_QUOTE = 12;
/** Characters of matching prefix/suffix context that vouch for a shorter or repeated quote. */
const MIN_CONTEXT = 6;
/** How similar a fuzzily mapped span must be to the old quote (0–1, by characters kept). */
const MIN_SIMILARITY = 0.5;

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Maps an old offset into the new text through a character diff: text kept moves with the
 * edits around it; an offset inside deleted text lands where the deletion was.
 */
export function mapOffset(
  oldText: string,
  newText: string,
  offset: number,
  parts = diffChars(oldText, newText),
): number {
  let oldPos = 0;
  let newPos = 0;
  for (const p of parts) {
    const len = p.value.length;
    if (p.added) {
      newPos += len;
      continue;
    }
    if (offset < oldPos + len || (offset === oldPos + len && !p.removed)) {
      return p.removed ? newPos : newPos + (offset - oldPos);
    }
    oldPos += len;
    if (!p.removed) newPos += len;
  }
  return newPos;
}

/** Share of `a`'s characters that survive in `b` (a cheap similarity from the same diff). */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const kept = diffChars(a, b)
    .filter((p) => !p.added && !p.removed)
    .reduce((n, p) => n + p.value.length, 0);
  return kept / Math.max(a.length, b.length);
}

/**
 * Finds an annotation again after its paragraph changed (Hypothesis-style anchoring), in
 * order: (1) the old position, if the quote still sits there; (2) the quote found again,
 * choosing among repeats by how much of the prefix/suffix context matches and by closeness to
 * where the edit moved the old span — a short or repeated quote needs matching context, so it
 * is never pinned to an unrelated occurrence; (3) fuzzy: the old span carried through a
 * character diff of the edit, kept if at least half of the quote survives there; (4) else
 * orphaned, with the old quote kept for the reviewer to see.
 */
export function reanchor(anchor: TextSpan & TextQuote, newText: string, oldText?: string): Anchor {
  const { start, end, exact, prefix, suffix } = anchor;
  if (newText.slice(start, end) === exact) {
    return { ...quoteAt(newText, { start, end }), start, end, orphaned: false, method: 'position' };
  }
  const parts = oldText === undefined ? undefined : diffChars(oldText, newText);
  const mapped =
    oldText === undefined || parts === undefined
      ? undefined
      : {
          start: mapOffset(oldText, newText, start, parts),
          end: mapOffset(oldText, newText, end, parts),
        };

  const candidates: { at: number; score: number }[] = [];
  for (
    let i = newText.indexOf(exact);
    exact !== '' && i !== -1;
    i = newText.indexOf(exact, i + 1)
  ) {
    const context =
      commonSuffix(newText.slice(0, i), prefix) +
      commonPrefix(newText.slice(i + exact.length), suffix);
    const near = mapped && Math.abs(i - mapped.start) <= Math.max(exact.length, 8) ? 1000 : 0;
    candidates.push({ at: i, score: context + near });
  }
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  const unique =
    candidates.length === 1 &&
    (exact.length >= MIN_UNIQUE_QUOTE || (best?.score ?? 0) >= MIN_CONTEXT);
  const clearWinner =
    best !== undefined &&
    best.score >= MIN_CONTEXT &&
    (second === undefined || best.score > second.score);
  if (best && (unique || clearWinner)) {
    const span = { start: best.at, end: best.at + exact.length };
    return { ...quoteAt(newText, span), ...span, orphaned: false, method: 'quote' };
  }

  if (
    mapped &&
    mapped.end > mapped.start &&
    similarity(exact, newText.slice(mapped.start, mapped.end)) >= MIN_SIMILARITY
  ) {
    return { ...quoteAt(newText, mapped), ...mapped, orphaned: false, method: 'fuzzy' };
  }
  return { start, end, exact, prefix, suffix, orphaned: true, method: 'orphaned' };
}
