import {
  findRenderings,
  findSourceTerms,
  type CompiledGlossary,
  type RenderingMatch,
  type SourceMatch,
} from './matcher.js';

/** What a consistency review needs of a paragraph pair. */
export interface SegmentText {
  id: number;
  source: string;
  target: string;
}

/** `ok`: an admitted rendering is there; `missing`: none is; `forbidden`: a deprecated one is. */
export type Verdict = 'ok' | 'missing' | 'forbidden';

/** One occurrence of a source term and how the English paragraph renders it. */
export interface Occurrence {
  segmentId: number;
  entryId: number;
  start: number;
  end: number;
  /** The source text as written. */
  text: string;
  /** The English used (as written in the target), or null when missing. */
  rendering: string | null;
  renderingStart: number | null;
  renderingEnd: number | null;
  /** The glossary form the rendering matched. */
  form: string | null;
  verdict: Verdict;
}

/** Source terms and renderings of one paragraph pair, with a verdict per occurrence. */
export interface SegmentTerms {
  segmentId: number;
  source: SourceMatch[];
  target: RenderingMatch[];
  occurrences: Occurrence[];
}

/**
 * Finds the terms of one paragraph pair and judges each occurrence. Renderings are paired with
 * occurrences in reading order; a deprecated rendering is always paired (so it is never
 * hidden behind an admitted one), and when the English uses fewer renderings than the source
 * has occurrences the last rendering also covers the rest (English often says "them").
 */
export function analyzeSegment(g: CompiledGlossary, seg: SegmentText): SegmentTerms {
  // `source` stays a list of objects: the terms view and candidate suggestions read it.
  const source = findSourceTerms(g, seg.source);
  const count = new Map<number, number>();
  for (const m of source) count.set(m.entryId, (count.get(m.entryId) ?? 0) + 1);
  const ids = new Set(count.keys());
  const target = seg.target.trim() === '' ? [] : findRenderings(g, seg.target, ids);
  const byEntry = new Map<number, RenderingMatch[]>();
  for (const r of target) {
    const list = byEntry.get(r.entryId);
    if (list) list.push(r);
    else byEntry.set(r.entryId, [r]);
  }
  // Occurrences in text order (matches do not overlap), each entry's n-th paired with its
  // n-th chosen rendering: one pass, where filtering the matches per entry was quadratic.
  const chosen = new Map<number, RenderingMatch[]>();
  for (const [entryId, n] of count) chosen.set(entryId, choose(byEntry.get(entryId) ?? [], n));
  const nth = new Map<number, number>();
  const occurrences = source.map((m): Occurrence => {
    const i = nth.get(m.entryId) ?? 0;
    nth.set(m.entryId, i + 1);
    const rend = chosen.get(m.entryId)!;
    const r = rend[Math.min(i, rend.length - 1)];
    return {
      segmentId: seg.id,
      entryId: m.entryId,
      start: m.start,
      end: m.end,
      text: m.text,
      rendering: r?.text ?? null,
      renderingStart: r?.start ?? null,
      renderingEnd: r?.end ?? null,
      form: r?.form ?? null,
      verdict: !r ? 'missing' : r.kind === 'forbidden' ? 'forbidden' : 'ok',
    };
  });
  return { segmentId: seg.id, source, target, occurrences };
}

/** At most `n` renderings in reading order, deprecated ones first in line to be kept. */
function choose(renderings: RenderingMatch[], n: number): RenderingMatch[] {
  if (renderings.length <= n) return renderings;
  const bad = renderings.filter((r) => r.kind === 'forbidden');
  const good = renderings.filter((r) => r.kind !== 'forbidden');
  return [...bad, ...good].slice(0, n).sort((a, b) => a.start - b.start);
}

/** The review of one glossary entry across a document. */
export interface EntryReview {
  entryId: number;
  source: string;
  target: string;
  occurrences: Occurrence[];
  /** Each glossary form used, with how often: more than one means the entry varies. */
  renderings: { form: string; count: number }[];
  counts: Record<Verdict, number>;
}

export interface ConsistencyReview {
  summary: { entries: number; occurrences: number } & Record<Verdict, number>;
  entries: EntryReview[];
}

/**
 * Groups the occurrences of analysed segments by entry, in glossary order. Given the previous
 * review of the same document, an entry whose occurrences are the very same objects in the
 * same order is reused as it was (so whatever a caller derived from it, e.g. its JSON, can be
 * kept by identity): after one edit only the entries of that paragraph are new.
 */
export function reviewConsistency(
  g: CompiledGlossary,
  analyses: readonly SegmentTerms[],
  previous?: ConsistencyReview,
): ConsistencyReview {
  const before = new Map(previous?.entries.map((e) => [e.entryId, e]));
  const byEntry = new Map<number, Occurrence[]>();
  for (const a of analyses)
    for (const o of a.occurrences) {
      // Appended in place: copying the list per occurrence was quadratic in an entry's count.
      const list = byEntry.get(o.entryId);
      if (list) list.push(o);
      else byEntry.set(o.entryId, [o]);
    }
  const summary = { entries: 0, occurrences: 0, ok: 0, missing: 0, forbidden: 0 };
  const entries: EntryReview[] = [];
  for (const e of g.entries) {
    const occurrences = byEntry.get(e.id);
    if (!occurrences) continue;
    const old = before.get(e.id);
    if (
      old &&
      old.source === e.source &&
      old.target === e.target &&
      same(old.occurrences, occurrences)
    ) {
      entries.push(old);
      add(summary, old);
      continue;
    }
    const counts = { ok: 0, missing: 0, forbidden: 0 };
    const forms = new Map<string, number>();
    for (const o of occurrences) {
      counts[o.verdict] += 1;
      if (o.form) forms.set(o.form, (forms.get(o.form) ?? 0) + 1);
    }
    const renderings = [...forms].map(([form, count]) => ({ form, count }));
    renderings.sort((a, b) => b.count - a.count || a.form.localeCompare(b.form));
    const review = {
      entryId: e.id,
      source: e.source,
      target: e.target,
      occurrences,
      renderings,
      counts,
    };
    entries.push(review);
    add(summary, review);
  }
  return { summary, entries };
}

function add(summary: ConsistencyReview['summary'], e: EntryReview): void {
  summary.entries += 1;
  summary.occurrences += e.occurrences.length;
  summary.ok += e.counts.ok;
  summary.missing += e.counts.missing;
  summary.forbidden += e.counts.forbidden;
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
