import { Router } from 'express';
import { z } from 'zod';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../../domain/exchange/index.js';
import type { Db } from '../../store/db.js';
import { notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { renderPage } from '../render.js';
import { createDocumentBody } from '../schemas/exchange.js';
import { parseBody, parseId } from '../validate.js';
import { createFromTexts, IMPORT_LIMIT_BYTES } from './exchange.js';

/** The pasted-texts form posts these fields (plus `_csrf`). */
const pasteForm = createDocumentBody.extend({
  target: z
    .string()
    .optional()
    .transform((t) => (t && t.trim() !== '' ? t : undefined)),
});

/** Pages: a new document from pasted texts or a file; targets of a document from a file. */
export function exchangePageRoutes(db: Db): Router {
  const router = Router();
  const formats = {
    exportFormats: EXPORT_FORMATS,
    importFormats: IMPORT_FORMATS.filter((f) => f !== 'xliff'),
    // The page refuses a larger file before sending it (the server would after receiving it).
    importLimitBytes: IMPORT_LIMIT_BYTES,
  };

  router.get('/import', allow('document.manage'), (_req, res) => {
    renderPage(res, 'import', {
      title: res.locals.t('exchange:import.newTitle'),
      doc: null,
      ...formats,
    });
  });

  // Without JavaScript the paste form posts here (form-encoded, so texts up to the form limit).
  router.post('/import', allow('document.manage'), async (req, res) => {
    const body = parseBody(req, pasteForm);
    const created = await createFromTexts(db, req.auth!.user.id, body);
    res.redirect(303, `/documents/${created.document.id}`);
  });

  router.get('/documents/:id/import', allow('segment.edit'), async (req, res) => {
    const id = parseId(req);
    const doc = await db
      .selectFrom('documents')
      .select(['id', 'title', 'source_lang'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!doc) throw notFound('Document');
    renderPage(res, 'import', {
      title: res.locals.t('exchange:import.updateTitle', { title: doc.title }),
      doc: { id: doc.id, title: doc.title, sourceLang: doc.source_lang },
      ...formats,
    });
  });

  return router;
}
