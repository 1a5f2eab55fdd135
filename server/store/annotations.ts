import {
  reanchor,
  type AnnotationCategory,
  type Side,
  type Severity,
} from '../domain/annotate/index.js';
import type { Annotation, Reply } from '../domain/document/index.js';
import { now, type Db } from './db.js';

/** Every annotation of a document with its replies, in text order. */
export async function listDocumentAnnotations(db: Db, documentId: number): Promise<Annotation[]> {
  const rows = await db
    .selectFrom('annotations as a')
    .innerJoin('segments as s', 's.id', 'a.segment_id')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select(['u.username', 'u.display_name'])
    .where('s.document_id', '=', documentId)
    .orderBy('s.position')
    .orderBy('a.side', 'desc')
    .orderBy('a.start')
    .execute();
  const ids = rows.map((r) => r.id);
  const replyRows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('annotation_replies as r')
          .leftJoin('users as u', 'u.id', 'r.author_id')
          .selectAll('r')
          .select(['u.username', 'u.display_name'])
          .where('r.annotation_id', 'in', ids)
          .orderBy('r.id')
          .execute();
  const replies = new Map<number, Reply[]>();
  for (const r of replyRows) {
    const list = replies.get(r.annotation_id) ?? [];
    list.push({
      id: r.id,
      annotationId: r.annotation_id,
      author: author(r.author_id, r.username, r.display_name),
      body: r.body,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
    replies.set(r.annotation_id, list);
  }
  return rows.map((a) => ({
    id: a.id,
    segmentId: a.segment_id,
    side: a.side,
    start: a.start,
    end: a.end,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    category: a.category as AnnotationCategory,
    severity: a.severity,
    body: a.body,
    status: a.status,
    orphaned: a.orphaned === 1,
    author: author(a.author_id, a.username, a.display_name),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    replies: replies.get(a.id) ?? [],
  }));
}

function author(id: number | null, username: string | null, displayName: string | null) {
  return id === null || username === null
    ? null
    : { id, username, displayName: displayName ?? username };
}

/** A new annotation, already anchored (offsets and quote computed by the domain). */
export interface NewAnnotation {
  segmentId: number;
  side: Side;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  category: AnnotationCategory;
  severity: Severity;
  body: string;
  status: 'open' | 'resolved';
  authorId: number | null;
  replies?: { body: string; authorId: number | null }[];
}

/** Inserts an annotation and its replies; call inside a transaction. */
export async function insertAnnotation(db: Db, a: NewAnnotation): Promise<number> {
  const at = now();
  const row = await db
    .insertInto('annotations')
    .values({
      segment_id: a.segmentId,
      side: a.side,
      start: a.start,
      end: a.end,
      exact: a.exact,
      prefix: a.prefix,
      suffix: a.suffix,
      category: a.category,
      severity: a.severity,
      body: a.body,
      status: a.status,
      orphaned: 0,
      author_id: a.authorId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of a.replies ?? []) {
    await db
      .insertInto('annotation_replies')
      .values({
        annotation_id: row.id,
        author_id: r.authorId,
        body: r.body,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  return row.id;
}

/** One annotation with its replies, or undefined. */
export async function getAnnotation(
  db: Db,
  id: number,
): Promise<(Annotation & { documentId: number }) | undefined> {
  const row = await db
    .selectFrom('annotations as a')
    .innerJoin('segments as s', 's.id', 'a.segment_id')
    .select(['s.document_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const all = await listDocumentAnnotations(db, row.document_id);
  const found = all.find((a) => a.id === id);
  return found && { ...found, documentId: row.document_id };
}

/** Changes an annotation's comment, classification or status. */
export async function updateAnnotation(
  db: Db,
  id: number,
  change: Partial<{
    body: string;
    category: AnnotationCategory;
    severity: Severity;
    status: 'open' | 'resolved';
  }>,
): Promise<void> {
  await db
    .updateTable('annotations')
    .set({ ...change, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export async function deleteAnnotation(db: Db, id: number): Promise<void> {
  await db.deleteFrom('annotations').where('id', '=', id).execute();
}

export async function insertReply(
  db: Db,
  annotationId: number,
  authorId: number,
  body: string,
): Promise<number> {
  const at = now();
  const row = await db
    .insertInto('annotation_replies')
    .values({
      annotation_id: annotationId,
      author_id: authorId,
      body,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A reply with the annotation it belongs to. */
export async function getReply(db: Db, id: number) {
  return db.selectFrom('annotation_replies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateReply(db: Db, id: number, body: string): Promise<void> {
  await db
    .updateTable('annotation_replies')
    .set({ body, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export async function deleteReply(db: Db, id: number): Promise<void> {
  await db.deleteFrom('annotation_replies').where('id', '=', id).execute();
}

/**
 * Re-anchors every annotation on one side of a segment after its text changed from `oldText`
 * to `newText` (see `reanchor`): moved, found again, or marked orphaned — never dropped.
 * Call in the transaction that changes the text.
 */
export async function reanchorAnnotations(
  db: Db,
  segmentId: number,
  side: Side,
  oldText: string,
  newText: string,
): Promise<void> {
  if (oldText === newText) return;
  const rows = await db
    .selectFrom('annotations')
    .select(['id', 'start', 'end', 'exact', 'prefix', 'suffix', 'orphaned'])
    .where('segment_id', '=', segmentId)
    .where('side', '=', side)
    .execute();
  const at = now();
  for (const r of rows) {
    // An orphan is looked for again (its quote may come back), from its last known place.
    const a = reanchor(r, newText, r.orphaned ? undefined : oldText);
    await db
      .updateTable('annotations')
      .set({
        start: a.start,
        end: a.end,
        exact: a.exact,
        prefix: a.prefix,
        suffix: a.suffix,
        orphaned: a.orphaned ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', r.id)
      .execute();
  }
}
