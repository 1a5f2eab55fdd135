import type { Segment } from '../../domain/document/index.js';
import type { DocumentReview, Finding } from '../../domain/qa/index.js';

/** The review page's filters, as parsed from the query string. */
export interface ReviewFilters {
  verdict?: 'all' | 'ok' | 'missing' | 'forbidden' | undefined;
  check?: string | undefined;
  severity?: 'all' | 'error' | 'warning' | undefined;
  varied?: '0' | '1' | undefined;
  q?: string | undefined;
}

/** What the review page shows once the filters are applied: entries and findings by paragraph. */
export function filterReview(review: DocumentReview, segments: Segment[], f: ReviewFilters) {
  const needle = f.q?.toLowerCase();
  const entries = review.entries
    .filter((e) => f.varied !== '1' || e.renderings.length > 1)
    .filter(
      (e) =>
        !needle ||
        e.source.toLowerCase().includes(needle) ||
        e.target.toLowerCase().includes(needle),
    )
    .map((e) => ({
      ...e,
      shown: e.occurrences.filter(
        (o) => !f.verdict || f.verdict === 'all' || o.verdict === f.verdict,
      ),
    }))
    .filter((e) => e.shown.length > 0);
  const keep = (x: Finding) =>
    (!f.check || f.check === 'all' || x.check === f.check) &&
    (!f.severity || f.severity === 'all' || x.severity === f.severity);
  // Grouped once: filtering every finding per paragraph was quadratic (5,000 paragraphs ×
  // 60,000 findings on a book-length document).
  const findingsOf = groupBySegment(review.findings.filter(keep));
  const acceptedOf = groupBySegment(review.accepted.filter(keep));
  const byParagraph = segments
    .map((seg) => ({
      seg,
      findings: findingsOf.get(seg.id) ?? [],
      accepted: acceptedOf.get(seg.id) ?? [],
    }))
    .filter((p) => p.findings.length > 0 || p.accepted.length > 0);
  const checkCounts: Record<string, number> = {};
  for (const x of review.findings) checkCounts[x.check] = (checkCounts[x.check] ?? 0) + 1;
  return {
    entries,
    varied: review.entries.filter((e) => e.renderings.length > 1),
    byParagraph,
    checkCounts,
    positions: new Map(segments.map((s) => [s.id, s.position])),
  };
}

function groupBySegment<T extends { segmentId: number }>(items: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of items) {
    const list = out.get(x.segmentId);
    if (list) list.push(x);
    else out.set(x.segmentId, [x]);
  }
  return out;
}
