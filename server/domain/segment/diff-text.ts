import { diffChars, diffWordsWithSpace } from 'diff';

/** One run of a diff: text kept, added or removed. */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Han ideographs, kana and CJK punctuation: text diffed character by character. */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Diffs two versions of a text: by words (keeping whitespace) for English and other languages
 * written with spaces, by characters for Chinese, where there are no word boundaries to use.
 * The choice follows the texts themselves, so a mixed Chinese text with Latin acronyms still
 * diffs by characters.
 */
export function diffText(before: string, after: string): DiffOp[] {
  const chars = CJK.test(before) || CJK.test(after);
  const parts = chars ? diffChars(before, after) : diffWordsWithSpace(before, after);
  const ops: DiffOp[] = [];
  for (const p of parts) {
    const op = p.added ? 'insert' : p.removed ? 'delete' : 'equal';
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += p.value;
    else if (p.value !== '') ops.push({ op, text: p.value });
  }
  return ops;
}
