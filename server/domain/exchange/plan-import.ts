import type { SegmentStatus } from '../segment/index.js';
import type { ImportedFile, ImportedUnit } from './types.js';
import { stripXmlIllegal } from './xml-text.js';

/** What the planner needs of a stored segment. */
export interface CurrentSegment {
  id: number;
  position: number;
  source: string;
  target: string;
  status: SegmentStatus;
  version: number;
}

/** A unit of the file paired with the segment it belongs to. */
export interface UnitMatch {
  unit: ImportedUnit;
  segment: CurrentSegment;
  by: 'id' | 'source';
  /** Matched by id in a file from this document, but the source differs now (split, merge). */
  sourceChanged: boolean;
}

export interface UnknownUnit {
  unitId: string | null;
  line: number;
  source: string;
  reason: 'no-match' | 'duplicate';
}

export interface MatchOptions {
  /** The document being updated: unit ids are trusted only in files exported from it. */
  documentId: number;
  /**
   * The file came through TMX or XLIFF 1.2, which cannot carry some control characters
   * (see xml-text.ts): compare texts with those removed, so they do not count as edits.
   */
  lossy: boolean;
  /** Converts a stored source to the file's Chinese variant (identity for the same variant). */
  convertSource: (text: string) => string;
}

/**
 * Pairs the file's units with segments: by unit id first (our exports carry segment ids; the
 * file must come from this document, or carry no document marker), then by source text, each
 * segment used once, in document order.
 */
export function matchUnits(
  segments: readonly CurrentSegment[],
  file: ImportedFile,
  options: MatchOptions,
): { matches: UnitMatch[]; unknown: UnknownUnit[] } {
  const norm = (s: string) => (options.lossy ? stripXmlIllegal(s) : s);
  const byId = new Map(segments.map((s) => [String(s.id), s]));
  const idsTrusted = file.documentId === undefined || file.documentId === options.documentId;
  const bySource = new Map<string, CurrentSegment[]>();
  for (const s of segments) {
    const key = norm(options.convertSource(s.source));
    bySource.set(key, [...(bySource.get(key) ?? []), s]);
  }
  const used = new Set<number>();
  const matches: UnitMatch[] = [];
  const unknown: UnknownUnit[] = [];
  for (const unit of file.units) {
    const fromId = idsTrusted && unit.id !== undefined ? byId.get(unit.id) : undefined;
    const fileSaysOurs = fromId !== undefined && file.documentId === options.documentId;
    const sourceAgrees = fromId && norm(options.convertSource(fromId.source)) === norm(unit.source);
    let segment = fromId && (sourceAgrees || fileSaysOurs) ? fromId : undefined;
    let by: UnitMatch['by'] = 'id';
    if (!segment) {
      segment = bySource.get(norm(unit.source))?.find((s) => !used.has(s.id));
      by = 'source';
    }
    if (!segment || used.has(segment.id)) {
      unknown.push({
        unitId: unit.id ?? null,
        line: unit.line,
        source: unit.source.slice(0, 200),
        reason: segment ? 'duplicate' : 'no-match',
      });
      continue;
    }
    used.add(segment.id);
    matches.push({ unit, segment, by, sourceChanged: by === 'id' && !sourceAgrees });
  }
  return { matches, unknown };
}

/** One target the import will write, against the version it was planned on. */
export interface PlannedChange {
  segmentId: number;
  expectedVersion: number;
  target: string;
  status: SegmentStatus;
}

export interface ReportEntry {
  segmentId: number;
  position: number;
  unitId: string | null;
  line: number;
}

export type ConflictReason = 'changed-both' | 'no-version' | 'source-changed' | 'unknown-version';

export interface ConflictEntry extends ReportEntry {
  reason: ConflictReason;
  /** The target stored here now. */
  current: string;
  /** The target in the file. */
  incoming: string;
  /** The target both started from, when known. */
  base: string | null;
}

export interface ImportReport {
  summary: {
    units: number;
    updated: number;
    unchanged: number;
    conflicts: number;
    locked: number;
    unknown: number;
    /** Segments of the document that no unit of the file matched. */
    notInFile: number;
  };
  updated: ReportEntry[];
  unchanged: (ReportEntry & { reason: 'same' | 'no-target' | 'newer-here' })[];
  conflicts: ConflictEntry[];
  /** Approved segments the importing user may not change. */
  locked: ReportEntry[];
  unknown: UnknownUnit[];
}

export interface PlanOptions {
  lossy: boolean;
  /** Whether the importing user may change approved segments. */
  canEditApproved: boolean;
  /** The stored target at a segment's version, from the revision history. */
  targetAt: (segmentId: number, version: number) => string | undefined;
  documentId: number;
  fileDocumentId: number | undefined;
}

/**
 * Decides, per matched unit, whether its target is an update, unchanged, a conflict or locked.
 * A conflict is a target changed both here and in the file since the export (known from the
 * version the file carries and the revision at that version), or, for a file without versions,
 * any differing target where one exists: nothing is ever overwritten silently. Updated targets
 * become `translated` (or `new` when emptied).
 */
export function planImport(
  matches: readonly UnitMatch[],
  unknown: readonly UnknownUnit[],
  segmentCount: number,
  options: PlanOptions,
): { changes: PlannedChange[]; report: ImportReport } {
  const eq = (a: string, b: string) =>
    options.lossy ? stripXmlIllegal(a) === stripXmlIllegal(b) : a === b;
  const report: ImportReport = {
    summary: {
      units: matches.length + unknown.length,
      updated: 0,
      unchanged: 0,
      conflicts: 0,
      locked: 0,
      unknown: unknown.length,
      notInFile: segmentCount - matches.length,
    },
    updated: [],
    unchanged: [],
    conflicts: [],
    locked: [],
    unknown: [...unknown],
  };
  const changes: PlannedChange[] = [];
  for (const { unit, segment: seg, by, sourceChanged } of matches) {
    const entry: ReportEntry = {
      segmentId: seg.id,
      position: seg.position,
      unitId: unit.id ?? null,
      line: unit.line,
    };
    const incoming = unit.target;
    if (incoming === undefined) {
      report.unchanged.push({ ...entry, reason: 'no-target' });
      continue;
    }
    if (eq(seg.target, incoming)) {
      report.unchanged.push({ ...entry, reason: 'same' });
      continue;
    }
    const conflict = (reason: ConflictReason, base: string | null) =>
      report.conflicts.push({ ...entry, reason, current: seg.target, incoming, base });
    if (seg.status === 'approved' && !options.canEditApproved) {
      report.locked.push(entry);
      continue;
    }
    if (sourceChanged) {
      conflict('source-changed', null);
      continue;
    }
    // Versions mean something only for units matched by id in a file from this document.
    const ours =
      by === 'id' &&
      (options.fileDocumentId === undefined || options.fileDocumentId === options.documentId);
    if (ours && unit.version !== undefined) {
      if (unit.version > seg.version) {
        conflict('unknown-version', null);
        continue;
      }
      const base =
        unit.version === seg.version ? seg.target : options.targetAt(seg.id, unit.version);
      if (base !== undefined) {
        const changedHere = seg.target !== base;
        const changedInFile = !eq(base, incoming);
        if (!changedInFile) {
          report.unchanged.push({ ...entry, reason: 'newer-here' });
          continue;
        }
        if (changedHere) {
          conflict('changed-both', base);
          continue;
        }
      } else if (seg.target !== '') {
        conflict('no-version', null);
        continue;
      }
    } else if (seg.target !== '') {
      conflict('no-version', null);
      continue;
    }
    changes.push({
      segmentId: seg.id,
      expectedVersion: seg.version,
      target: incoming,
      status: incoming === '' ? 'new' : 'translated',
    });
    report.updated.push(entry);
  }
  report.summary.updated = report.updated.length;
  report.summary.unchanged = report.unchanged.length;
  report.summary.conflicts = report.conflicts.length;
  report.summary.locked = report.locked.length;
  return { changes, report };
}
