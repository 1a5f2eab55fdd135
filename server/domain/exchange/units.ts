import { alignSentences } from '../align/index.js';
import type { SegmentStatus } from '../segment/index.js';
import type { ExportNote, ExportUnit } from './types.js';

/** A stored paragraph pair with what an export needs of it. */
export interface SegmentForExport {
  id: number;
  source: string;
  target: string;
  status: SegmentStatus;
  version: number;
}

export interface UnitOptions {
  /** Only these statuses; all when undefined. */
  statuses?: ReadonlySet<SegmentStatus>;
  granularity: 'paragraph' | 'sentence';
  /** Converts the Chinese side (identity unless a variant was asked for). */
  convertSource: (text: string) => string;
  sourceLang: string;
  targetLang: string;
}

const NO_NOTES: ExportNote[] = [];

/**
 * Turns stored segments into export units: filtered by status, optionally split into aligned
 * sentence pairs (ids `<segment>.<n>`, notes dropped since their offsets are per paragraph),
 * and with the Chinese side converted to the chosen variant.
 */
export function* toExportUnits(
  segments: Iterable<SegmentForExport>,
  notes: ReadonlyMap<number, ExportNote[]>,
  options: UnitOptions,
): Generator<ExportUnit> {
  for (const s of segments) {
    if (options.statuses && !options.statuses.has(s.status)) continue;
    if (options.granularity === 'paragraph') {
      // A plain literal (same keys, same order) rather than a spread of a shared base: this
      // runs once per paragraph of a 100,000-paragraph export.
      yield {
        status: s.status,
        version: s.version,
        id: String(s.id),
        source: options.convertSource(s.source),
        target: s.target,
        notes: notes.get(s.id) ?? NO_NOTES,
      };
      continue;
    }
    const base = { status: s.status, version: s.version };
    const pairs = alignSentences(s.source, s.target, {
      source: options.sourceLang,
      target: options.targetLang,
    });
    for (const [k, p] of pairs.entries())
      yield {
        ...base,
        id: `${s.id}.${k + 1}`,
        source: options.convertSource(p.source),
        target: p.target,
        notes: [],
      };
  }
}
