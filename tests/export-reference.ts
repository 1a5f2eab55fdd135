/**
 * What an export must be, made the simplest way: the whole document read in one query and
 * serialised in one go by the exporter. Tests of the paged, two-thread and SQL-built exports
 * compare their bytes with it.
 */
import {
  EXPORTERS,
  serialize,
  toExportUnits,
  type UnitOptions,
} from '../server/domain/exchange/index.js';
import type { Db } from '../server/store/db.js';
import type { ExportRequest } from '../server/store/export-stream.js';

/** The unit options an export request stands for. */
export function unitOptions(req: ExportRequest): UnitOptions {
  return {
    statuses: req.statuses ? new Set(req.statuses) : undefined,
    granularity: req.granularity,
    convertSource: req.convertSource ?? ((t: string) => t),
    sourceLang: req.sourceLang,
    targetLang: req.targetLang,
  };
}

/** The whole document serialised in one go by the exporter. */
export async function referenceExport(db: Db, req: ExportRequest): Promise<string> {
  const rows = await db
    .selectFrom('segments')
    .select(['id', 'source', 'target', 'status', 'version'])
    .where('document_id', '=', req.documentId)
    .orderBy('position')
    .execute();
  const units = toExportUnits(rows, req.notes, unitOptions(req));
  return [...serialize(EXPORTERS[req.format], req.meta, units)].join('');
}
