import type { Segment, User } from '../domain/document/index.js';
import {
  matchUnits,
  planImport,
  type ExportNote,
  type ImportedFile,
  type ImportReport,
  type PlannedChange,
} from '../domain/exchange/index.js';
import type { SegmentStatus } from '../domain/segment/index.js';
import { listDocumentAnnotations } from './annotations.js';
import { recordAudit } from './audit.js';
import { withBulkWrite } from './bulk-write.js';
import { now, type Db } from './db.js';
import {
  insertDocument,
  insertDocumentRow,
  insertNewSegments,
  toSegment,
  type NewDocument,
  type NewSegment,
} from './documents.js';
import type { PagedSegment } from './segment-range.js';
import { applySegmentChange } from './segments.js';

/**
 * A document's segments in position order, a page at a time (keyset pagination on position,
 * served by the unique (document_id, position) index), so an export of 100,000 paragraphs
 * never holds them all. Only the columns an export reads. Exports use export-stream.ts, which
 * reads rows as plain arrays; this query-builder path serves handles not made by openDb.
 */
export async function* pageSegments(
  db: Db,
  documentId: number,
  pageSize = 5000,
): AsyncGenerator<PagedSegment[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('segments')
      .select(['id', 'position', 'source', 'target', 'status', 'version'])
      .where('document_id', '=', documentId)
      .where('position', '>', after)
      .orderBy('position')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.position;
    if (rows.length < pageSize) return;
  }
}

/** A document's annotations as export notes, by segment id. */
export async function exportNotes(db: Db, documentId: number): Promise<Map<number, ExportNote[]>> {
  const out = new Map<number, ExportNote[]>();
  for (const a of await listDocumentAnnotations(db, documentId)) {
    const list = out.get(a.segmentId) ?? [];
    list.push({
      side: a.side,
      category: a.category,
      severity: a.severity,
      status: a.status,
      exact: a.exact,
      body: a.body,
      author: a.author?.displayName ?? null,
    });
    out.set(a.segmentId, list);
  }
  return out;
}

/** Targets stored at given versions, from the revision history, keyed `segmentId:version`. */
async function targetsAt(
  db: Db,
  wanted: { segmentId: number; version: number }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const want = new Set(wanted.map((w) => `${w.segmentId}:${w.version}`));
  const ids = [...new Set(wanted.map((w) => w.segmentId))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('revisions')
      .select(['segment_id', 'version', 'target'])
      .where('segment_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const key = `${r.segment_id}:${r.version}`;
      if (want.has(key)) out.set(key, r.target);
    }
  }
  return out;
}

/** The optimistic-concurrency check failed inside an import: roll the whole import back. */
export class ImportRaceError extends Error {}

/**
 * Writes one planned target on the caller's transaction through `applySegmentChange` (the
 * same versioned UPDATE, revision and annotation re-anchoring as an editor's save). Throws
 * ImportRaceError when the segment moved on, so the caller's transaction rolls back and the
 * import is all or nothing.
 */
export async function applyTargetChange(
  trx: Db,
  change: PlannedChange,
  authorId: number,
  kind: string,
  at: string,
): Promise<void> {
  const result = await applySegmentChange(
    trx,
    {
      id: change.segmentId,
      target: change.target,
      status: change.status,
      expectedVersion: change.expectedVersion,
      authorId,
      kind,
    },
    at,
  );
  if (!result.ok)
    throw new ImportRaceError(`segment ${change.segmentId} changed during the import`);
}

export interface TargetImport {
  documentId: number;
  file: ImportedFile;
  format: string;
  user: Pick<User, 'id'>;
  canEditApproved: boolean;
  lossy: boolean;
  convertSource: (text: string) => string;
  /** Plan and report only; write nothing. */
  dryRun: boolean;
}

/**
 * Updates a document's targets from an imported file, in one transaction: matching, conflict
 * detection against the revision history, every change a versioned revision of kind `import`
 * by the importing user, and an audit event. All or nothing.
 */
export async function importTargets(db: Db, input: TargetImport): Promise<ImportReport> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('segments')
      .selectAll()
      .where('document_id', '=', input.documentId)
      .orderBy('position')
      .execute();
    const segments = rows.map(toSegment);
    const { matches, unknown } = matchUnits(segments, input.file, input);
    const wanted = matches.flatMap((m) =>
      m.unit.version !== undefined && m.unit.version < m.segment.version
        ? [{ segmentId: m.segment.id, version: m.unit.version }]
        : [],
    );
    const base = await targetsAt(trx, wanted);
    const { changes, report } = planImport(matches, unknown, segments.length, {
      lossy: input.lossy,
      canEditApproved: input.canEditApproved,
      targetAt: (id, v) => base.get(`${id}:${v}`),
      documentId: input.documentId,
      fileDocumentId: input.file.documentId,
    });
    if (input.dryRun || changes.length === 0) return report;
    const at = now();
    for (const c of changes) await applyTargetChange(trx, c, input.user.id, 'import', at);
    await trx
      .updateTable('documents')
      .set({ updated_at: at })
      .where('id', '=', input.documentId)
      .execute();
    await recordAudit(trx, {
      userId: input.user.id,
      action: 'import',
      entityType: 'document',
      entityId: input.documentId,
      details: { format: input.format, ...report.summary },
    });
    return report;
  });
}

/** Creates a document with its segments and an audit event, in one transaction. */
export async function createDocument(
  db: Db,
  input: NewDocument,
  user: Pick<User, 'id'>,
  how: { kind: string; details: Record<string, unknown> },
): Promise<{ id: number; segmentIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const created = await insertDocument(trx, input, user.id, how.kind);
    await recordAudit(trx, {
      userId: user.id,
      action: 'create',
      entityType: 'document',
      entityId: created.id,
      details: { segments: created.segmentIds.length, ...how.details },
    });
    return created;
  });
}

/** What a streamed creation learns once every segment is in. */
export interface StreamedDocumentFacts {
  title: string;
  sourceLang: string;
  targetLang: string;
  /** Audit details. */
  details: Record<string, unknown>;
}

/**
 * Creates a document whose segments arrive in batches while its file is still being read (see
 * readTmxBatches), in one transaction: each batch is stored (segments and first revisions) as
 * it comes, so the database work overlaps the parse. `finish` runs once the batches are done:
 * it gives the title and languages (a file may state them last) or throws, and then nothing
 * was created. A failure of the batches themselves rolls back the same way. All or nothing.
 */
export async function createDocumentFromBatches(
  db: Db,
  batches: AsyncIterable<readonly NewSegment[]>,
  finish: (segmentCount: number) => StreamedDocumentFacts,
  user: Pick<User, 'id'>,
  kind: string,
): Promise<{ id: number; segmentCount: number; facts: StreamedDocumentFacts }> {
  // Foreign keys are not checked row by row (10–15 % of the store): every row inserted refers
  // to the document made in this transaction or to the author, whose row is read first.
  return withBulkWrite(db, { foreignKeys: false }, (conn) =>
    conn.transaction().execute(async (trx) => {
      const author = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', user.id)
        .executeTakeFirst();
      if (!author) throw new Error(`No user ${user.id} to import as`);
      const at = now();
      // Title and languages are set below, in the same transaction, once known.
      const id = await insertDocumentRow(trx, { title: '', sourceLang: '', targetLang: '' }, at);
      let count = 0;
      for await (const batch of batches) {
        await insertNewSegments(
          trx,
          batch,
          { documentId: id, firstPosition: count + 1, authorId: user.id, revisionKind: kind, at },
          false,
        );
        count += batch.length;
      }
      const facts = finish(count);
      await trx
        .updateTable('documents')
        .set({ title: facts.title, source_lang: facts.sourceLang, target_lang: facts.targetLang })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        userId: user.id,
        action: 'create',
        entityType: 'document',
        entityId: id,
        details: { segments: count, ...facts.details },
      });
      return { id, segmentCount: count, facts };
    }),
  );
}

export type { SegmentStatus };
