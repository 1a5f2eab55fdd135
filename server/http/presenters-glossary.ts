import type { GlossaryEntry } from '../domain/glossary/index.js';
import type { DocumentReview } from '../domain/qa/index.js';

/** Filters and sorts entries for the list API and the glossary page. */
export function filterEntries(
  entries: GlossaryEntry[],
  q: { q?: string | undefined; domain?: string | undefined; sort?: string | undefined },
): GlossaryEntry[] {
  const needle = q.q?.toLowerCase();
  let out = entries.filter(
    (e) =>
      (!q.domain || e.domain === q.domain) &&
      (!needle ||
        [e.source, e.target, e.note, ...e.alternatives, ...e.forbidden].some((s) =>
          s.toLowerCase().includes(needle),
        )),
  );
  if (q.sort === 'target' || q.sort === 'domain')
    out = [...out].sort((a, b) => a[q.sort as 'target'].localeCompare(b[q.sort as 'target'], 'en'));
  else if (q.sort === 'updated') out = [...out].sort((a, b) => b.id - a.id);
  return out;
}

/** GET /api/documents/:id/terms (DESIGN.md), plus the matched entries for tooltips. */
export function presentTerms(
  review: Pick<DocumentReview, 'analyses'>,
  byId: ReadonlyMap<number, GlossaryEntry>,
) {
  const used = new Set<number>();
  const segments = review.analyses.map((a) => ({
    segmentId: a.segmentId,
    matches: [
      ...a.source.map((m) => {
        used.add(m.entryId);
        return {
          entryId: m.entryId,
          side: 'source' as const,
          start: m.start,
          end: m.end,
          text: m.text,
        };
      }),
      ...a.target.map((m) => ({
        entryId: m.entryId,
        side: 'target' as const,
        start: m.start,
        end: m.end,
        text: m.text,
        kind: m.kind,
      })),
    ],
  }));
  const entries = [...used].map((id) => byId.get(id)).filter((e): e is GlossaryEntry => !!e);
  return { segments, entries };
}

/** GET /api/documents/:id/consistency (DESIGN.md shape, with more fields). */
export function presentConsistency(review: DocumentReview, sources: ReadonlyMap<number, string>) {
  const context = (segmentId: number, start: number, end: number) => {
    const s = sources.get(segmentId) ?? '';
    return { before: s.slice(Math.max(0, start - 12), start), after: s.slice(end, end + 12) };
  };
  return {
    summary: review.summary,
    counts: review.counts,
    entries: review.entries.map((e) => ({
      entryId: e.entryId,
      source: e.source,
      target: e.target,
      counts: e.counts,
      renderings: e.renderings,
      varied: e.renderings.length > 1,
      occurrences: e.occurrences.map((o) => ({
        segmentId: o.segmentId,
        start: o.start,
        end: o.end,
        text: o.text,
        context: context(o.segmentId, o.start, o.end),
        rendering: o.rendering,
        renderingStart: o.renderingStart,
        renderingEnd: o.renderingEnd,
        form: o.form,
        verdict: o.verdict,
      })),
    })),
    findings: review.findings,
    accepted: review.accepted,
    candidates: review.candidates,
  };
}
