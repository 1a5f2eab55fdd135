import type { GlossaryEntry, SegmentTerms } from '../glossary/index.js';

/** Errors fail a pipeline (`npm run check-terms`); warnings are for a reviewer's eye. */
export type Severity = 'error' | 'warning';

/** A problem a check found in one paragraph pair: a value, never an exception. */
export interface Finding {
  segmentId: number;
  /** The check's stable snake_case id (stored with accepted findings). */
  check: string;
  severity: Severity;
  /** English text for logs, the CLI and API callers; the UI translates `check` + `params`. */
  message: string;
  /** Identifies the finding within its segment and check, stable across unrelated edits. */
  key: string;
  params: Record<string, string | number>;
  side?: 'source' | 'target';
  start?: number;
  end?: number;
}

/** What a check reads of a paragraph pair. */
export interface QaSegment {
  id: number;
  source: string;
  target: string;
}

/** Document-wide facts some checks need, computed once per run. */
export interface QaContext {
  /** Glossary matches and verdicts per segment id. */
  terms: ReadonlyMap<number, SegmentTerms>;
  entries: ReadonlyMap<number, GlossaryEntry>;
  /** Median target/source length ratio of the translated segments, or null with too few. */
  medianRatio: number | null;
}

/** One QA check: an id, a default severity and a pure function from a segment to findings. */
export interface QaCheck {
  id: string;
  severity: Severity;
  run(seg: QaSegment, ctx: QaContext): Finding[];
}

/** Builds a finding of `check` for `seg`. */
export function finding(
  check: Pick<QaCheck, 'id' | 'severity'>,
  seg: QaSegment,
  key: string,
  message: string,
  params: Record<string, string | number> = {},
  span?: { side: 'source' | 'target'; start: number; end: number },
): Finding {
  return {
    segmentId: seg.id,
    check: check.id,
    severity: check.severity,
    message,
    key,
    params,
    ...span,
  };
}

/** Whether the English side is empty (other checks then stay quiet: `empty_target` speaks). */
export const isBlank = (s: string) => s.trim() === '';
