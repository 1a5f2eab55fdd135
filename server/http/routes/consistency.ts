import { Router } from 'express';
import { can } from '../../domain/document/index.js';
import { CHECK_IDS } from '../../domain/qa/index.js';
import type { Db } from '../../store/db.js';
import { recordAudit } from '../../store/audit.js';
import { loadDocumentReview, loadReview } from '../../store/document-review.js';
import { acceptFinding, deleteAcceptance, getAcceptance } from '../../store/qa-acceptances.js';
import { getSegment } from '../../store/segments.js';
import { HttpError, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { consistencyReply, presentTerms } from '../presenters-glossary.js';
import { renderPage } from '../render.js';
import {
  acceptFindingSchema,
  consistencyQuerySchema,
  reviewQuerySchema,
} from '../schemas/glossary.js';
import { parseBody, parseId, parseQuery } from '../validate.js';
import { filterReview } from './review-filters.js';

/** Term matches, the consistency review and accepted findings of a document (DESIGN.md). */
export function consistencyApiRoutes(db: Db): Router {
  const router = Router();

  router.get('/documents/:id/terms', async (req, res) => {
    const loaded = await loadReview(db, parseId(req), { candidates: false });
    if (!loaded) throw notFound('Document');
    const labels = { panel: req.t('glossary:terms.panel'), insert: req.t('glossary:terms.insert') };
    res.json({ ...presentTerms(loaded.review, loaded.glossary.byId), labels });
  });

  router.get('/documents/:id/consistency', async (req, res) => {
    const view = parseQuery(req, consistencyQuerySchema);
    const loaded = await loadReview(db, parseId(req), { candidates: false });
    if (!loaded) throw notFound('Document');
    res.type('json').send(consistencyReply(loaded.review, view));
  });

  router.get('/documents/:id/candidates', async (req, res) => {
    const loaded = await loadReview(db, parseId(req));
    if (!loaded) throw notFound('Document');
    res.json({ candidates: loaded.review.candidates });
  });

  router.post('/documents/:id/findings/accept', allow('segment.review'), async (req, res) => {
    const documentId = parseId(req);
    const input = parseBody(req, acceptFindingSchema);
    const seg = await getSegment(db, input.segmentId);
    if (!seg || seg.documentId !== documentId) throw notFound('Segment');
    const id = await db.transaction().execute(async (trx) => {
      const newId = await acceptFinding(trx, { ...input, userId: req.auth?.user.id ?? null });
      await recordAudit(trx, {
        userId: req.auth?.user.id ?? null,
        action: 'accept_finding',
        entityType: 'segment',
        entityId: seg.id,
        details: { check: input.check, key: input.key, reason: input.reason },
      });
      return newId;
    });
    res.status(201).json({ acceptance: { id, ...input } });
  });

  router.delete('/qa-acceptances/:id', allow('segment.review'), async (req, res) => {
    const id = parseId(req);
    await db.transaction().execute(async (trx) => {
      const a = await getAcceptance(trx, id);
      if (!a || !(await deleteAcceptance(trx, id))) throw notFound('Accepted finding');
      await recordAudit(trx, {
        userId: req.auth?.user.id ?? null,
        action: 'withdraw_acceptance',
        entityType: 'segment',
        entityId: a.segment_id,
        details: { check: a.check_id, key: a.finding_key },
      });
    });
    res.status(204).end();
  });

  return router;
}

/** The /documents/:id/review page. */
export function consistencyPageRoutes(db: Db): Router {
  const router = Router();
  router.get('/documents/:id/review', async (req, res) => {
    const filters = parseQuery(req, reviewQuerySchema);
    if (filters.check && filters.check !== 'all' && !CHECK_IDS.includes(filters.check))
      throw new HttpError(400, 'invalid_input', `Unknown check: ${filters.check}`);
    const loaded = await loadDocumentReview(db, parseId(req));
    if (!loaded) throw notFound('Document');
    const { doc, review } = loaded;
    renderPage(res, 'review', {
      title: `${res.locals.t('glossary:review.title')} · ${doc.title}`,
      doc,
      review,
      view: filterReview(review, doc.segments, filters),
      filters,
      checkIds: CHECK_IDS,
      canReview: can(req.auth?.user, 'segment.review'),
      canEditGlossary: can(req.auth?.user, 'glossary.edit'),
    });
  });
  return router;
}
