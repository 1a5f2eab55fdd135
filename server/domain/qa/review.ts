import {
  analyzeSegment,
  reviewConsistency,
  suggestCandidates,
  type CandidateTerm,
  type CompiledGlossary,
  type ConsistencyReview,
  type SegmentTerms,
} from '../glossary/index.js';
import type { Finding, QaSegment } from './finding.js';
import { buildQaContext, findingFingerprint, runChecks } from './index.js';
import type { ReviewMemo } from './review-memo.js';

/** Who accepted a finding and why (stored by the store, passed in here). */
export interface Acceptance {
  id: number;
  segmentId: number;
  check: string;
  key: string;
  reason: string;
  user: { id: number; username: string; displayName: string } | null;
  createdAt: string;
}

/** Everything the review screen, the consistency API and the CLI report. */
export interface DocumentReview extends ConsistencyReview {
  analyses: SegmentTerms[];
  /** Findings nobody accepted, in paragraph order. */
  findings: Finding[];
  /** Findings a reviewer accepted, with the acceptance. */
  accepted: (Finding & { acceptance: Acceptance })[];
  counts: { errors: number; warnings: number; accepted: number };
  candidates: CandidateTerm[];
}

export interface ReviewOptions {
  /** Suggest candidate terms (the slowest part on long documents); default true. */
  candidates?: boolean;
  /** Reuses the analyses of unchanged paragraphs from the previous review of this document. */
  memo?: ReviewMemo;
}

/** The last review made with a memo, returned again while nothing it depends on changed. */
const lastReview = new WeakMap<
  ReviewMemo,
  { stamp: number; accepted: string; review: DocumentReview; candidates: boolean }
>();

/**
 * Reviews a document: glossary consistency per entry, QA findings per paragraph (minus the
 * accepted ones), and candidate terms. Pure: the caller loads segments, the compiled glossary
 * and the acceptances. With a memo, only paragraphs whose text changed are analysed again, and
 * when nothing changed the very same review object is returned (callers may cache what they
 * derive from it by identity).
 */
export function reviewDocument(
  g: CompiledGlossary,
  segments: readonly QaSegment[],
  acceptances: readonly Acceptance[] = [],
  options: ReviewOptions = {},
): DocumentReview {
  const { memo } = options;
  const analyses = memo ? memo.analyse(g, segments) : segments.map((s) => analyzeSegment(g, s));
  const ctx = buildQaContext(g, segments, analyses);
  const all = memo ? memo.check(segments, ctx) : runChecks(segments, ctx);
  const wantCandidates = options.candidates !== false;
  const acceptedKey = acceptances.map((a) => `${a.id}:${findingFingerprint(a)}`).join('\n');
  const last = memo && lastReview.get(memo);
  if (
    memo &&
    last &&
    last.stamp === memo.stamp &&
    last.accepted === acceptedKey &&
    (last.candidates || !wantCandidates)
  )
    return last.review;
  const consistency = reviewConsistency(g, analyses, last?.review);
  const byPrint = new Map(acceptances.map((a) => [findingFingerprint(a), a]));
  const findings: Finding[] = [];
  const accepted: DocumentReview['accepted'] = [];
  for (const f of all) {
    const a = byPrint.size === 0 ? undefined : byPrint.get(findingFingerprint(f));
    if (a) accepted.push({ ...f, acceptance: a });
    else findings.push(f);
  }
  let candidates: CandidateTerm[] = [];
  if (wantCandidates) {
    const covered = new Map(analyses.map((a) => [a.segmentId, a.source]));
    candidates =
      memo && last && last.stamp === memo.stamp && last.candidates
        ? last.review.candidates
        : suggestCandidates(segments, covered);
  }
  const review: DocumentReview = {
    ...consistency,
    analyses,
    findings,
    accepted,
    counts: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      accepted: accepted.length,
    },
    candidates,
  };
  if (memo)
    lastReview.set(memo, {
      stamp: memo.stamp,
      accepted: acceptedKey,
      review,
      candidates: wantCandidates,
    });
  return review;
}
