import type { Segment } from '../../domain/document/index.js';
import type { DocumentReview, Finding } from '../../domain/qa/index.js';

/** The review page's filters, as parsed from the query string. */
export interface ReviewFilters {
  verdict?: 'all' | 'ok' | 'missing' | 'forbidden' | undefined;
  check?: string | undefined;
  severity?: 'all' | 'error' | 'warning' | undefined;
  varied?: '0' | '1' | undefined;
  q?: string | undefined;
  /** One entry alone, every occurrence shown. */
  entry?: number | undefined;
  /** Page of the terms table and of the findings list (1-based). */
  tpage?: number | undefined;
  fpage?: number | undefined;
}

/**
 * Page sizes of the review page. A book-length document with a large termbase has tens of
 * thousands of occurrences and findings: all on one page made 48 MB of HTML in 9 s.
 */
export const ENTRIES_PER_PAGE = 100;
export const OCCURRENCES_PER_ENTRY = 50;
export const PARAGRAPHS_PER_PAGE = 100;

/** Where a list is: its page, how many pages, which items (1-based, inclusive) of how many. */
export interface PageInfo {
  page: number;
  pages: number;
  from: number;
  to: number;
  total: number;
}

function paginate<T>(items: T[], page: number | undefined, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page ?? 1), pages);
  const slice = items.slice((current - 1) * size, current * size);
  const info: PageInfo = {
    page: current,
    pages,
    from: slice.length === 0 ? 0 : (current - 1) * size + 1,
    to: (current - 1) * size + slice.length,
    total: items.length,
  };
  return { slice, info };
}

/** The page's URL with some query parameters replaced (others, e.g. filters, kept). */
export function hrefWith(f: ReviewFilters, change: Partial<Record<keyof ReviewFilters, unknown>>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...change }))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '?';
}

/** What the review page shows once the filters are applied: entries and findings by paragraph. */
export function filterReview(review: DocumentReview, segments: Segment[], f: ReviewFilters) {
  const needle = f.q?.toLowerCase();
  const entries = review.entries
    .filter((e) => f.entry === undefined || e.entryId === f.entry)
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
  const terms = paginate(entries, f.tpage, ENTRIES_PER_PAGE);
  const cap = f.entry === undefined ? OCCURRENCES_PER_ENTRY : Infinity;
  const shownEntries = terms.slice.map((e) => ({
    ...e,
    shown: e.shown.slice(0, cap),
    hidden: Math.max(0, e.shown.length - cap),
  }));
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
  const paragraphs = paginate(byParagraph, f.fpage, PARAGRAPHS_PER_PAGE);
  const checkCounts: Record<string, number> = {};
  for (const x of review.findings) checkCounts[x.check] = (checkCounts[x.check] ?? 0) + 1;
  return {
    entries: shownEntries,
    entriesPage: terms.info,
    varied: review.entries.filter((e) => e.renderings.length > 1),
    byParagraph: paragraphs.slice,
    paragraphsPage: paragraphs.info,
    checkCounts,
    positions: new Map(segments.map((s) => [s.id, s.position])),
    sources: new Map(segments.map((s) => [s.id, s.source])),
    href: (change: Partial<Record<keyof ReviewFilters, unknown>>) => hrefWith(f, change),
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
