import { Router } from 'express';
import type { Db } from '../../store/db.js';
import { listDocumentAnnotations } from '../../store/annotations.js';
import { getDocument, listDocuments } from '../../store/documents.js';
import { notFound } from '../errors.js';
import { renderPage, scriptJson } from '../render.js';
import { can } from '../../domain/document/index.js';
import { parseId } from '../validate.js';

/** The HTML pages for signed-in users. */
export function pageRoutes(db: Db): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const documents = await listDocuments(db);
    renderPage(res, 'documents', { title: res.locals.t('documents.title'), documents });
  });

  router.get('/documents/:id', async (req, res) => {
    const doc = await getDocument(db, parseId(req));
    if (!doc) throw notFound('Document');
    const annotations = await listDocumentAnnotations(db, doc.id);
    const openBySegment = new Map<number, number>();
    for (const a of annotations) {
      if (a.status === 'open')
        openBySegment.set(a.segmentId, (openBySegment.get(a.segmentId) ?? 0) + 1);
    }
    renderPage(res, 'document', {
      title: doc.title,
      doc,
      openBySegment,
      canReview: can(req.auth?.user, 'segment.review'),
      editorStrings: scriptJson(
        res.locals.i18n.getResourceBundle(res.locals.language, 'editor') ?? {},
      ),
    });
  });

  return router;
}
