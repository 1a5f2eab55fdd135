import type { EntryReview, GlossaryEntry, Occurrence } from '../domain/glossary/index.js';
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

/** The checks whose findings are the entries' `missing` and `forbidden` verdicts. */
export const GLOSSARY_CHECKS: ReadonlySet<string> = new Set([
  'glossary_missing',
  'glossary_forbidden',
]);

export interface ConsistencyView {
  /** `all`: the glossary checks' findings too; `other`: the rest (the verdicts say the same). */
  findings: 'other' | 'all';
  view: 'full' | 'summary';
}

/**
 * One occurrence as the API gives it (DESIGN.md: segmentId, start, end, rendering, verdict),
 * with the source text and, when there is a rendering, where it is and which form it matched.
 */
function occurrenceJson(o: Occurrence): string {
  const found =
    o.rendering === null
      ? ''
      : `,"renderingStart":${o.renderingStart},"renderingEnd":${o.renderingEnd},"form":${JSON.stringify(o.form)}`;
  return `{"segmentId":${o.segmentId},"start":${o.start},"end":${o.end},"text":${JSON.stringify(o.text)},"rendering":${JSON.stringify(o.rendering)}${found},"verdict":"${o.verdict}"}`;
}

/**
 * Serialised occurrences and findings, by object: the review memo hands the same objects to
 * every review of a document while their paragraph is unchanged, so after an edit the reply is
 * mostly a concatenation of strings made before (JSON.stringify of the whole 5,000-paragraph
 * review was ~85 ms of each request; bench/README.md, consistency).
 */
const fragments = new WeakMap<object, string>();

function fragment<T extends object>(x: T, make: (x: T) => string): string {
  let s = fragments.get(x);
  if (s === undefined) {
    s = make(x);
    fragments.set(x, s);
  }
  return s;
}

function entryJson(e: EntryReview): string {
  const head = JSON.stringify({
    entryId: e.entryId,
    source: e.source,
    target: e.target,
    counts: e.counts,
    renderings: e.renderings,
    varied: e.renderings.length > 1,
  });
  const occurrences = e.occurrences.map((o) => fragment(o, occurrenceJson)).join(',');
  return `${head.slice(0, -1)},"occurrences":[${occurrences}]}`;
}

/**
 * GET /api/documents/:id/consistency (DESIGN.md shape, with more fields) as UTF-8 JSON.
 * Every entry lists every occurrence with its verdict; `findings` lists the QA findings of the
 * other checks (numbers, Latin tokens, punctuation…), and with `findings: 'all'` those of the
 * glossary checks too, which repeat the missing and forbidden verdicts (on a long document with
 * a large termbase they were 60 % of a 23 MB reply). Candidate terms have their own endpoint.
 */
export function presentConsistency(review: DocumentReview, view: ConsistencyView): Buffer {
  const summary = `{"summary":${JSON.stringify(review.summary)},"counts":${JSON.stringify(review.counts)}`;
  if (view.view === 'summary') {
    const entries = review.entries.map((e) => ({
      entryId: e.entryId,
      source: e.source,
      target: e.target,
      counts: e.counts,
      varied: e.renderings.length > 1,
    }));
    return Buffer.from(`${summary},"entries":${JSON.stringify(entries)}}`);
  }
  const findings = review.findings
    .filter((f) => view.findings === 'all' || !GLOSSARY_CHECKS.has(f.check))
    .map((f) => fragment(f, JSON.stringify))
    .join(',');
  // Entries are kept as UTF-8 bytes: joining them into one string and encoding it again was
  // most of the time left after an edit.
  const parts: Buffer[] = [Buffer.from(`${summary},"entries":[`)];
  review.entries.forEach((e, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(entryBytes(e));
  });
  parts.push(
    Buffer.from(`],"findings":[${findings}],"accepted":${JSON.stringify(review.accepted)}}`),
  );
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');
const entryBuffers = new WeakMap<EntryReview, Buffer>();

function entryBytes(e: EntryReview): Buffer {
  let b = entryBuffers.get(e);
  if (!b) {
    b = Buffer.from(entryJson(e));
    entryBuffers.set(e, b);
  }
  return b;
}

/**
 * The reply bytes, kept per review object and view: `reviewDocument` returns the same object
 * while nothing changed, so a repeated request sends the same bytes at once.
 */
const replies = new WeakMap<DocumentReview, Map<string, Buffer>>();

export function consistencyReply(review: DocumentReview, view: ConsistencyView): Buffer {
  let byView = replies.get(review);
  if (!byView) replies.set(review, (byView = new Map()));
  const key = `${view.view}:${view.findings}`;
  let bytes = byView.get(key);
  if (!bytes) {
    bytes = presentConsistency(review, view);
    byView.set(key, bytes);
  }
  return bytes;
}
