import { finding, type QaCheck } from './finding.js';

// Chinese punctuation and full-width forms (U+FF01–FF5E) plus the ideographic space. Curly
// quotes, dashes and the ellipsis are English punctuation too, so they are not listed.
const CJK_PUNCT = /[，。、；：？！「」『』（）《》〈〉【】〔〕～・\u3000\uff01-\uff5e]/g;

/** Chinese punctuation or full-width characters in the English. */
export const cjkPunctuation: QaCheck = {
  id: 'cjk_punctuation',
  severity: 'warning',
  run(seg) {
    const first = new Map<string, { index: number; count: number }>();
    for (const m of seg.target.matchAll(CJK_PUNCT)) {
      const v = first.get(m[0]);
      if (v) v.count += 1;
      else first.set(m[0], { index: m.index, count: 1 });
    }
    return [...first].map(([ch, { index, count }]) =>
      finding(
        this,
        seg,
        ch,
        `Chinese or full-width character "${ch}" in the English (${count}×)`,
        { char: ch, count },
        { side: 'target', start: index, end: index + ch.length },
      ),
    );
  },
};
