import type { AnnotationCategory, Side, Severity } from '../domain/annotate/index.js';
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
