import type { DocumentWithSegments } from '../domain/document/index.js';
import type { CompiledGlossary } from '../domain/glossary/index.js';
import { reviewDocument, type DocumentReview } from '../domain/qa/index.js';
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

/**
 * Loads what a consistency review needs (segments, compiled glossary, accepted findings) and
 * runs the pure review; undefined when the document does not exist.
 */
export async function loadDocumentReview(
  db: Db,
  documentId: number,
  options: { candidates?: boolean } = {},
): Promise<LoadedReview | undefined> {
  const doc = await getDocument(db, documentId);
  if (!doc) return undefined;
  const glossary = await loadCompiledGlossary(db);
  const acceptances = await listDocumentAcceptances(db, documentId);
  return { doc, glossary, review: reviewDocument(glossary, doc.segments, acceptances, options) };
}
