import type { SegmentStatus } from '../segment/index.js';
import { splitParagraphs } from '../segment/index.js';
import type { AnchorTerm } from './anchors.js';
import type { BeadKind } from './gale-church.js';
import { alignParagraphs } from './pairs.js';

/** Below this confidence a pair is flagged (status `draft`) for a person to check. */
export const LOW_CONFIDENCE = 0.5;

export interface AlignedSegment {
  source: string;
  target: string;
  status: SegmentStatus;
  kind: BeadKind;
  confidence: number;
}

/**
 * The paragraph pairs of a new document from a pasted source and an optional translation that
 * need not be paragraph-aligned. Without a translation every pair is `new`. With one, pairs
 * are aligned: a confident 1-1 pair is `translated`; a merged, low-confidence or one-sided pair
 * is `draft` (a source paragraph without translation is `new`), which the editor shows so a
 * person can fix it with split and merge.
 */
export function alignDocument(
  source: string,
  target: string | undefined,
  terms: readonly AnchorTerm[] = [],
): AlignedSegment[] {
  const src = splitParagraphs(source);
  const tgt = target === undefined ? [] : splitParagraphs(target);
  if (tgt.length === 0) {
    return src.map((s) => ({ source: s, target: '', status: 'new', kind: '1-0', confidence: 1 }));
  }
  return alignParagraphs(src, tgt, { terms }).map((p) => ({
    ...p,
    status:
      p.target === ''
        ? 'new'
        : p.kind === '1-1' && p.confidence >= LOW_CONFIDENCE
          ? 'translated'
          : 'draft',
  }));
}
