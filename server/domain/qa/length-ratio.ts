import { finding, isBlank, type QaCheck } from './finding.js';

/** How far from the document's median ratio a paragraph may be before it is flagged. */
export const RATIO_FACTOR = 2.5;
/** Shorter sources (headings, bylines) vary too much to judge. */
export const RATIO_MIN_SOURCE = 10;

/**
 * English much longer or shorter than the document's own median English/Chinese length ratio
 * suggests an omission or an addition. The median, not a fixed figure, because the ratio
 * depends on the text type (about 3 characters of English per Chinese character in news).
 */
export const lengthRatio: QaCheck = {
  id: 'length_ratio',
  severity: 'warning',
  run(seg, ctx) {
    const median = ctx.medianRatio;
    if (median === null || isBlank(seg.target) || seg.source.trim().length < RATIO_MIN_SOURCE)
      return [];
    const ratio = seg.target.trim().length / seg.source.trim().length;
    if (ratio <= median * RATIO_FACTOR && ratio >= median / RATIO_FACTOR) return [];
    const rounded = Math.round(ratio * 100) / 100;
    const word = ratio > median ? 'long' : 'short';
    return [
      finding(
        this,
        seg,
        word,
        `The English is unusually ${word}: ${rounded} characters per source character (document median ${Math.round(median * 100) / 100})`,
        { ratio: rounded, median: Math.round(median * 100) / 100, kind: word },
      ),
    ];
  },
};

/** Median target/source length ratio over the translated segments (null under 3 segments). */
export function medianLengthRatio(
  segments: readonly { source: string; target: string }[],
): number | null {
  const ratios = segments
    .filter((s) => !isBlank(s.target) && s.source.trim().length >= RATIO_MIN_SOURCE)
    .map((s) => s.target.trim().length / s.source.trim().length)
    .sort((a, b) => a - b);
  if (ratios.length < 3) return null;
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}
