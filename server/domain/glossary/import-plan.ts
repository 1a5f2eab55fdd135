import {
  glossaryEntryInputSchema,
  sameEntry,
  sourceKey,
  type GlossaryEntry,
  type GlossaryEntryInput,
} from './entry.js';
import type { ImportedRow } from './exchange.js';

/** A row of an import report. */
export interface ReportRow {
  line: number;
  source: string;
  /** The existing entry an update or unchanged row refers to. */
  entryId?: number;
  message?: string;
}

/** What an import would do (or did): every row of the file falls in exactly one list. */
export interface ImportReport {
  added: ReportRow[];
  updated: ReportRow[];
  unchanged: ReportRow[];
  invalid: ReportRow[];
}

/** A report plus the writes that carry it out. */
export interface ImportPlan {
  report: ImportReport;
  inserts: GlossaryEntryInput[];
  updates: { id: number; entry: GlossaryEntryInput }[];
}

/**
 * Plans an import against the current entries: rows are matched to entries by source (in
 * either script, any case: `sourceKey`), validated with the same schema as the API, and
 * sorted into added / updated / unchanged / invalid. A source given twice in one file is
 * invalid on its second line. The caller applies the plan only when nothing is invalid.
 */
export function planImport(
  rows: readonly ImportedRow[],
  existing: readonly GlossaryEntry[],
): ImportPlan {
  const byKey = new Map(existing.map((e) => [sourceKey(e.source), e]));
  const seen = new Map<string, number>();
  const plan: ImportPlan = {
    report: { added: [], updated: [], unchanged: [], invalid: [] },
    inserts: [],
    updates: [],
  };
  for (const row of rows) {
    const source = typeof row.fields.source === 'string' ? row.fields.source : '';
    if (row.error) {
      plan.report.invalid.push({ line: row.line, source, message: row.error });
      continue;
    }
    const parsed = glossaryEntryInputSchema.safeParse(row.fields);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      plan.report.invalid.push({ line: row.line, source, message });
      continue;
    }
    const entry = parsed.data;
    const key = sourceKey(entry.source);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      plan.report.invalid.push({
        line: row.line,
        source: entry.source,
        message: `duplicate of the source on line ${firstLine}`,
      });
      continue;
    }
    seen.set(key, row.line);
    const current = byKey.get(key);
    if (!current) {
      plan.report.added.push({ line: row.line, source: entry.source });
      plan.inserts.push(entry);
    } else if (sameEntry(current, entry)) {
      plan.report.unchanged.push({ line: row.line, source: entry.source, entryId: current.id });
    } else {
      plan.report.updated.push({ line: row.line, source: entry.source, entryId: current.id });
      plan.updates.push({ id: current.id, entry });
    }
  }
  return plan;
}
