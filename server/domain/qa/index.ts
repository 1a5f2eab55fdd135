import { analyzeSegment, type CompiledGlossary, type SegmentTerms } from '../glossary/index.js';
import { brackets } from './brackets.js';
import { cjkPunctuation } from './cjk-punctuation.js';
import { emptyTarget } from './empty-target.js';
import type { Finding, QaCheck, QaContext, QaSegment } from './finding.js';
import { glossaryForbidden } from './glossary-forbidden.js';
import { glossaryMissing } from './glossary-missing.js';
import { latinTokens } from './latin-tokens.js';
import { lengthRatio, medianLengthRatio } from './length-ratio.js';
import { numbers } from './numbers.js';
import { untranslated } from './untranslated.js';
import { whitespace } from './whitespace.js';

export * from './finding.js';
export { medianLengthRatio } from './length-ratio.js';

/** Every QA check, in the order findings are listed (Weblate's `checks/defaults.py`). */
export const ALL_CHECKS: readonly QaCheck[] = [
  emptyTarget,
  untranslated,
  glossaryMissing,
  glossaryForbidden,
  numbers,
  latinTokens,
  cjkPunctuation,
  whitespace,
  brackets,
  lengthRatio,
];

/** The ids of every check, for validation and the UI's filters. */
export const CHECK_IDS = ALL_CHECKS.map((c) => c.id);

/** Builds the document-wide context: glossary analysis per segment and the length median. */
export function buildQaContext(
  g: CompiledGlossary,
  segments: readonly QaSegment[],
  analyses: readonly SegmentTerms[] = segments.map((s) => analyzeSegment(g, s)),
): QaContext {
  return {
    terms: new Map(analyses.map((a) => [a.segmentId, a])),
    entries: g.byId,
    medianRatio: medianLengthRatio(segments),
  };
}

/** Runs checks over segments; findings come in segment order, then check order. */
export function runChecks(
  segments: readonly QaSegment[],
  ctx: QaContext,
  checks: readonly QaCheck[] = ALL_CHECKS,
): Finding[] {
  return segments.flatMap((seg) => checks.flatMap((c) => c.run(seg, ctx)));
}

/** The identity of a finding, as stored when a reviewer accepts it. */
export function findingFingerprint(f: Pick<Finding, 'segmentId' | 'check' | 'key'>): string {
  return `${f.segmentId}|${f.check}|${f.key}`;
}
export * from './review.js';
export { ReviewMemo } from './review-memo.js';
