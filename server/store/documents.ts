import { CompiledQuery } from 'kysely';
import type { DocumentSummary, DocumentWithSegments, Segment } from '../domain/document/index.js';
import {
  computeProgress,
  progressFromCounts,
  type SegmentStatus,
} from '../domain/segment/index.js';
import { now, type Db } from './db.js';
import type { SegmentRow } from './schema.js';

export function toSegment(row: SegmentRow): Segment {
  return {
    id: row.id,
    documentId: row.document_id,
    position: row.position,
    source: row.source,
    target: row.target,
    status: row.status,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    alignCheck: row.align_check === 1,
    alignNote: row.align_note,
  };
}

/** Flags the pairs (by 1-based position) the aligner was unsure of, with the reason. */
export async function flagAlignment(
  db: Db,
  documentId: number,
  flags: { position: number; note: string }[],
): Promise<void> {
  for (const f of flags) {
    await db
      .updateTable('segments')
      .set({ align_check: 1, align_note: f.note })
      .where('document_id', '=', documentId)
      .where('position', '=', f.position)
      .execute();
  }
}

/** Every document with its segment count and progress by status, newest first. */
export async function listDocuments(db: Db): Promise<DocumentSummary[]> {
  const docs = await db.selectFrom('documents').selectAll().orderBy('id', 'desc').execute();
  const counts = await db
    .selectFrom('segments')
    .select([
      'document_id',
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max('updated_at').as('last'),
    ])
    .groupBy(['document_id', 'status'])
    .execute();
  return docs.map((d) => {
    const byStatus: Partial<Record<SegmentStatus, number>> = {};
    let updatedAt = d.updated_at;
    for (const c of counts) {
      if (c.document_id !== d.id) continue;
      byStatus[c.status] = Number(c.n);
      if (c.last > updatedAt) updatedAt = c.last;
    }
    const progress = progressFromCounts(byStatus);
    return {
      id: d.id,
      title: d.title,
      sourceLang: d.source_lang,
      targetLang: d.target_lang,
      createdAt: d.created_at,
      // A document changes when any of its segments does (saves do not touch this row).
      updatedAt,
      segmentCount: progress.total,
      progress,
    };
  });
}

/** One document with its segments in order, or undefined. */
export async function getDocument(db: Db, id: number): Promise<DocumentWithSegments | undefined> {
  const d = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) return undefined;
  const rows = await db
    .selectFrom('segments')
    .selectAll()
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
  const segments = rows.map(toSegment);
  const updatedAt = segments.reduce(
    (m, seg) => (seg.updatedAt > m ? seg.updatedAt : m),
    d.updated_at,
  );
  const progress = computeProgress(segments.map((s) => s.status));
  return {
    id: d.id,
    title: d.title,
    sourceLang: d.source_lang,
    targetLang: d.target_lang,
    createdAt: d.created_at,
    updatedAt,
    segmentCount: segments.length,
    progress,
    segments,
  };
}

/** Input for a new document: its paragraph pairs in order. */
export interface NewDocument {
  title: string;
  sourceLang: string;
  targetLang: string;
  segments: NewSegment[];
}

/** A paragraph pair of a new document. */
export interface NewSegment {
  source: string;
  target: string;
  status: SegmentStatus;
}

/** Rows per multi-row INSERT (8 parameters each: well under SQLite's 32,766). */
const BULK_ROWS = 250;

const SEGMENT_COLUMNS =
  'insert into "segments" ("document_id", "position", "source", "target", "status", ' +
  '"version", "updated_by", "updated_at") values ';
/** The multi-row INSERT for `rows` rows, built once per size (the statement cache reuses it). */
const bulkSql = new Map<string, string>();
function segmentInsertSql(rows: number, returning: boolean): string {
  const key = `${rows}:${returning}`;
  let sql = bulkSql.get(key);
  if (sql === undefined) {
    sql =
      SEGMENT_COLUMNS +
      new Array<string>(rows).fill('(?, ?, ?, ?, ?, 1, ?, ?)').join(', ') +
      (returning ? ' returning "id", "position"' : '');
    bulkSql.set(key, sql);
  }
  return sql;
}

/** Inserts the row of a new document (no segments yet); its id. */
export async function insertDocumentRow(
  db: Db,
  input: Pick<NewDocument, 'title' | 'sourceLang' | 'targetLang'>,
  at: string,
): Promise<number> {
  const doc = await db
    .insertInto('documents')
    .values({
      title: input.title,
      source_lang: input.sourceLang,
      target_lang: input.targetLang,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return doc.id;
}

/** Where a new document's segments go and who wrote them. */
export interface SegmentAppend {
  documentId: number;
  /** Position of the first segment of this batch (1-based). */
  firstPosition: number;
  authorId: number | null;
  revisionKind: string;
  at: string;
}

/**
 * Inserts a batch of a new document's segments at consecutive positions, each at version 1
 * with its first revision: multi-row INSERTs of prepared, reused SQL (standard SQL: VALUES
 * lists and RETURNING work in PostgreSQL too), then the batch's revisions in one
 * INSERT … SELECT over its positions. Row by row through the query builder this took ~10 s
 * for 100,000 segments. Call inside a transaction, so a document never exists half-written.
 * @returns the new segment ids in position order when `returnIds`, else undefined
 */
export async function insertNewSegments(
  db: Db,
  segments: readonly NewSegment[],
  to: SegmentAppend,
  returnIds: boolean,
): Promise<number[] | undefined> {
  const { documentId, firstPosition, authorId, at } = to;
  const ids = returnIds ? new Array<number>(segments.length) : undefined;
  for (let first = 0; first < segments.length; first += BULK_ROWS) {
    const rows = Math.min(BULK_ROWS, segments.length - first);
    const params = new Array<unknown>(rows * 7);
    for (let k = 0, p = 0; k < rows; k++) {
      const s = segments[first + k]!;
      params[p++] = documentId;
      params[p++] = firstPosition + first + k;
      params[p++] = s.source;
      params[p++] = s.target;
      params[p++] = s.status;
      params[p++] = authorId;
      params[p++] = at;
    }
    const result = await db.executeQuery<{ id: number; position: number }>(
      CompiledQuery.raw(segmentInsertSql(rows, ids !== undefined), params),
    );
    // RETURNING order is unspecified in SQLite: place ids by position.
    if (ids) for (const r of result.rows) ids[r.position - firstPosition] = r.id;
  }
  if (segments.length > 0)
    await db.executeQuery(
      CompiledQuery.raw(
        'insert into "revisions" ("segment_id", "version", "target", "status", "kind", ' +
          '"author_id", "created_at") select "id", 1, "target", "status", ?, ?, ? ' +
          'from "segments" where "document_id" = ? and "position" >= ? and "position" < ? ' +
          'order by "position"',
        [to.revisionKind, authorId, at, documentId, firstPosition, firstPosition + segments.length],
      ),
    );
  return ids;
}

/**
 * Inserts a document with its segments and one first revision per segment, for documents of
 * any size (see insertNewSegments). Call inside a transaction (the caller's `db` may be one)
 * so a document never exists half-written.
 * @returns the new document id and segment ids in position order
 */
export async function insertDocument(
  db: Db,
  input: NewDocument,
  authorId: number | null,
  revisionKind: string,
): Promise<{ id: number; segmentIds: number[] }> {
  const at = now();
  const id = await insertDocumentRow(db, input, at);
  const segmentIds = await insertNewSegments(
    db,
    input.segments,
    { documentId: id, firstPosition: 1, authorId, revisionKind, at },
    true,
  );
  return { id, segmentIds: segmentIds! };
}

export async function countDocuments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
