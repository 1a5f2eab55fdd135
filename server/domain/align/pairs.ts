import { alignItems, type AlignOptions, type BeadKind } from './gale-church.js';
import { splitSentences } from './sentences.js';

/** An aligned pair of texts made from one bead, with the bead's kind and confidence. */
export interface AlignedPair {
  source: string;
  target: string;
  kind: BeadKind;
  confidence: number;
}

const SPACE = /\s/;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Joins two paragraphs that one bead groups: nothing when either side already has whitespace
 * or a CJK character at the junction (Chinese is written without spaces), else one space.
 * The same rule as merging two rows in the editor, so a later split restores the originals.
 */
export function joinTexts(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    const a = out.slice(-1);
    const b = part.slice(0, 1);
    const sep =
      a === '' || b === '' || SPACE.test(a) || SPACE.test(b) || CJK.test(a) || CJK.test(b)
        ? ''
        : ' ';
    out += sep + part;
  }
  return out;
}

/** Aligns two lists of paragraphs and returns the pairs, groups joined. */
export function alignParagraphs(
  source: readonly string[],
  target: readonly string[],
  options: AlignOptions = {},
): AlignedPair[] {
  return alignItems(source, target, options).map((b) => ({
    source: joinTexts(b.source.map((i) => source[i]!)),
    target: joinTexts(b.target.map((i) => target[i]!)),
    kind: b.kind,
    confidence: b.confidence,
  }));
}

/**
 * Splits one paragraph pair into aligned sentence pairs (for sentence-level TMX, TSV, JSONL
 * and txt). Sentences are trimmed: translation memories and MT corpora want no edge spaces.
 * A pair whose target is empty stays one pair.
 */
export function alignSentences(
  source: string,
  target: string,
  langs: { source: string; target: string },
  options: AlignOptions = {},
): AlignedPair[] {
  const src = splitSentences(source, langs.source)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const tgt = splitSentences(target, langs.target)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (src.length <= 1 || tgt.length === 0) {
    return [{ source: source.trim(), target: target.trim(), kind: '1-1', confidence: 1 }];
  }
  return alignParagraphs(src, tgt, options);
}
