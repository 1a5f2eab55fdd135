import type { DocumentWithSegments } from '../domain/document/index.js';
import type { CompiledGlossary } from '../domain/glossary/index.js';
import {
  ReviewMemo,
  reviewDocument,
  type DocumentReview,
  type QaSegment,
} from '../domain/qa/index.js';
import type { Db } from './db.js';
import { getDocument } from './documents.js';
import { loadCompiledGlossary } from './glossary.js';
import { listDocumentAcceptances } from './qa-acceptances.js';

/** A document with its review and the glossary it was reviewed against. */
export interface LoadedReview {
  doc: DocumentWithSegments;
  glossary: CompiledGlossary;
  review: DocumentReview;
}

/** Review memos by database and document, the least recently used dropped beyond a few. */
const memos = new WeakMap<Db, Map<number, ReviewMemo>>();
const MEMOS_PER_DB = 16;

function memoFor(db: Db, documentId: number): ReviewMemo {
  let byDoc = memos.get(db);
  if (!byDoc) memos.set(db, (byDoc = new Map()));
  let memo = byDoc.get(documentId);
  if (memo) byDoc.delete(documentId);
  else memo = new ReviewMemo();
  byDoc.set(documentId, memo);
  if (byDoc.size > MEMOS_PER_DB) byDoc.delete(byDoc.keys().next().value!);
  return memo;
}

/** Reviews given paragraphs of a document against the glossary, with the document's memo. */
async function review(
  db: Db,
  documentId: number,
  segments: readonly QaSegment[],
  options: { candidates?: boolean },
): Promise<Omit<LoadedReview, 'doc'>> {
  const glossary = await loadCompiledGlossary(db);
  const acceptances = await listDocumentAcceptances(db, documentId);
  const memo = memoFor(db, documentId);
  return {
    glossary,
    review: reviewDocument(glossary, segments, acceptances, { ...options, memo }),
  };
}

/**
 * Loads what a consistency review needs (segments, compiled glossary, accepted findings) and
 * runs the pure review; undefined when the document does not exist. The document's memo keeps
 * the analyses of unchanged paragraphs from one review to the next (ReviewMemo).
 */
export async function loadDocumentReview(
  db: Db,
  documentId: number,
  options: { candidates?: boolean } = {},
): Promise<LoadedReview | undefined> {
  const doc = await getDocument(db, documentId);
  if (!doc) return undefined;
  return { doc, ...(await review(db, documentId, doc.segments, options)) };
}

/**
 * The review alone, for the API: reads only what the checks read of each paragraph (id,
 * source, target), not whole segments with their dates and flags (a third of the request on a
 * 5,000-paragraph document). Undefined when the document does not exist.
 */
export async function loadReview(
  db: Db,
  documentId: number,
  options: { candidates?: boolean } = {},
): Promise<Omit<LoadedReview, 'doc'> | undefined> {
  const exists = await db
    .selectFrom('documents')
    .select('id')
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!exists) return undefined;
  const segments = await db
    .selectFrom('segments')
    .select(['id', 'source', 'target'])
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();
  return review(db, documentId, segments, options);
}
