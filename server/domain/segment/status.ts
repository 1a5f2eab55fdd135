/** Workflow states of a paragraph pair, in order (XLIFF 2: initial, initial, translated, reviewed, final). */
export const SEGMENT_STATUSES = ['new', 'draft', 'translated', 'reviewed', 'approved'] as const;

export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** Statuses at which a paragraph counts as translated for progress. */
const DONE: ReadonlySet<SegmentStatus> = new Set(['translated', 'reviewed', 'approved']);

/** Counts per status and the share of paragraphs translated or beyond. */
export interface Progress {
  total: number;
  byStatus: Record<SegmentStatus, number>;
  /** 0–100, rounded down so 99.6 % never shows as done. */
  percentDone: number;
}

/** Computes progress from the statuses of a document's segments. */
export function computeProgress(statuses: Iterable<SegmentStatus>): Progress {
  const counts: Partial<Record<SegmentStatus, number>> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return progressFromCounts(counts);
}

/** Computes progress from counts per status (missing statuses count as zero). */
export function progressFromCounts(counts: Partial<Record<SegmentStatus, number>>): Progress {
  const byStatus = Object.fromEntries(SEGMENT_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<
    SegmentStatus,
    number
  >;
  let total = 0;
  let done = 0;
  for (const status of SEGMENT_STATUSES) {
    total += byStatus[status];
    if (DONE.has(status)) done += byStatus[status];
  }
  return { total, byStatus, percentDone: total === 0 ? 0 : Math.floor((done * 100) / total) };
}

/**
 * The status a paragraph takes when its English is edited without an explicit status: a new
 * paragraph becomes a draft; a translator's edit of a reviewed paragraph sends it back to
 * translated (the review no longer covers the text). Otherwise the status stays.
 */
export function statusAfterEdit(current: SegmentStatus, editorCanReview: boolean): SegmentStatus {
  if (current === 'new') return 'draft';
  if (!editorCanReview && (current === 'reviewed' || current === 'approved')) return 'translated';
  return current;
}
