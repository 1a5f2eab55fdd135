import { Router } from 'express';
import type { Db } from '../../store/db.js';
import { listDocumentAnnotations } from '../../store/annotations.js';
import { getDocument, listDocuments } from '../../store/documents.js';
import { notFound } from '../errors.js';
import { presentAnnotation } from '../presenters.js';
import { parseId, parseQuery } from '../validate.js';
import { z } from 'zod';
import { CHINESE_VARIANTS, toChineseVariant } from '../../domain/segment/index.js';

/** The JSON API for signed-in callers (DESIGN.md, "HTTP API"). */
export function apiRoutes(db: Db): Router {
  const router = Router();

  router.get('/me', (req, res) => {
    res.json({ user: req.auth?.user });
  });

  router.get('/documents', async (_req, res) => {
    res.json({ documents: await listDocuments(db) });
  });

  router.get('/documents/:id', async (req, res) => {
    const doc = await getDocument(db, parseId(req));
    if (!doc) throw notFound('Document');
    res.json(doc);
  });

  // Display only: the stored source never changes (issue 3, Simplified/Traditional toggle).
  router.get('/documents/:id/source', async (req, res) => {
    const { variant } = parseQuery(
      req,
      z.object({ variant: z.enum(CHINESE_VARIANTS).default('zh-TW') }),
    );
    const doc = await getDocument(db, parseId(req));
    if (!doc) throw notFound('Document');
    res.json({
      variant,
      segments: doc.segments.map((s) => ({
        id: s.id,
        source: toChineseVariant(s.source, variant),
      })),
    });
  });

  return router;
}
