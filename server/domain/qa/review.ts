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

/**
 * Reviews a document: glossary consistency per entry, QA findings per paragraph (minus the
 * accepted ones), and candidate terms. Pure: the caller loads segments, the compiled glossary
 * and the acceptances.
 */
export function reviewDocument(
  g: CompiledGlossary,
  segments: readonly QaSegment[],
  acceptances: readonly Acceptance[] = [],
  options: { candidates?: boolean } = {},
): DocumentReview {
  const analyses = segments.map((s) => analyzeSegment(g, s));
  const consistency = reviewConsistency(g, analyses);
  const all = runChecks(segments, buildQaContext(g, segments, analyses));
  const byPrint = new Map(acceptances.map((a) => [findingFingerprint(a), a]));
  const findings: Finding[] = [];
  const accepted: DocumentReview['accepted'] = [];
  for (const f of all) {
    const a = byPrint.get(findingFingerprint(f));
    if (a) accepted.push({ ...f, acceptance: a });
    else findings.push(f);
  }
  const covered = new Map(analyses.map((a) => [a.segmentId, a.source]));
  return {
    ...consistency,
    analyses,
    findings,
    accepted,
    counts: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      accepted: accepted.length,
    },
    candidates: options.candidates === false ? [] : suggestCandidates(segments, covered),
  };
}
