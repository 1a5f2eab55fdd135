import { Router, type Request } from 'express';
import type { Config } from '../../config.js';
import {
  isValidSpan,
  parseW3cCollection,
  quoteAt,
  reanchor,
  renderMarkdown,
  toUtf16Offset,
  toW3cCollection,
} from '../../domain/annotate/index.js';
import { can, type User } from '../../domain/document/index.js';
import { countSourceCharacters, countWords, scoreQuality } from '../../domain/quality/index.js';
import type { Db } from '../../store/db.js';
import {
  deleteAnnotation,
  deleteReply,
  getAnnotation,
  getReply,
  insertAnnotation,
  insertReply,
  listDocumentAnnotations,
  updateAnnotation,
  updateReply,
} from '../../store/annotations.js';
import { recordAudit } from '../../store/audit.js';
import { getDocument } from '../../store/documents.js';
import { getSegment } from '../../store/segments.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { presentAnnotation } from '../presenters.js';
import {
  annotationsQuery,
  createAnnotation,
  patchAnnotation,
  previewBody,
  qualityQuery,
  replyBody,
} from '../schemas/annotations.js';
import { currentUser } from '../current-user.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

/** Authors edit and delete their own comments; admins may edit or delete any. */
function assertOwn(user: User, authorId: number | null | undefined): void {
  if (authorId !== user.id && user.role !== 'admin')
    throw forbidden('Only the author (or an admin) can change this comment.');
}

async function loadDocument(db: Db, req: Request) {
  const doc = await getDocument(db, parseId(req));
  if (!doc) throw notFound('Document');
  return doc;
}

/** Reviewer annotations: create, list, edit, resolve, reply, score, W3C exchange. */
export function annotationRoutes(db: Db, config: Config): Router {
  const router = Router();

  router.get('/documents/:id/annotations', async (req, res) => {
    const { format } = parseQuery(req, annotationsQuery);
    const doc = await loadDocument(db, req);
    const annotations = (await listDocumentAnnotations(db, doc.id)).map(presentAnnotation);
    if (format === 'json') {
      res.json({ annotations });
      return;
    }
    const bySegment = new Map(doc.segments.map((s) => [s.id, s]));
    res.type('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    res.send(
      JSON.stringify(
        toW3cCollection({
          base: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
          documentId: doc.id,
          title: doc.title,
          annotations,
          textOf: (id, side) => bySegment.get(id)?.[side] ?? '',
        }),
        null,
        2,
      ),
    );
  });

  router.post('/documents/:id/annotations/import', allow('annotation.create'), async (req, res) => {
    const user = currentUser(req);
    const doc = await loadDocument(db, req);
    const parsed = parseW3cCollection(req.body);
    if (!parsed.ok)
      throw badRequest(
        `Not a usable W3C annotation collection: ${parsed.errors.slice(0, 5).join('; ')}`,
        { errors: parsed.errors },
      );
    const bySegment = new Map(doc.segments.map((s) => [s.id, s]));
    const report = { added: 0, orphaned: 0, errors: [] as string[] };
    const planned = parsed.annotations.map((a) => {
      const seg = bySegment.get(a.segmentId);
      if (!seg) {
        report.errors.push(`item ${a.index}: segment ${a.segmentId} is not in this document`);
        return undefined;
      }
      const text = seg[a.side];
      const start = a.position ? toUtf16Offset(text, a.position.start) : undefined;
      const end = a.position ? toUtf16Offset(text, a.position.end) : undefined;
      const anchor = reanchor({ start: start ?? 0, end: end ?? 0, ...a.quote }, text);
      return { a, anchor, seg };
    });
    if (report.errors.length > 0)
      throw badRequest(report.errors.join('; '), { errors: report.errors });
    await db.transaction().execute(async (trx) => {
      for (const p of planned) {
        if (!p) continue;
        const id = await insertAnnotation(trx, {
          segmentId: p.seg.id,
          side: p.a.side,
          start: p.anchor.start,
          end: p.anchor.end,
          exact: p.anchor.exact,
          prefix: p.anchor.prefix,
          suffix: p.anchor.suffix,
          category: p.a.category,
          severity: p.a.severity,
          body: p.a.body,
          status: p.a.status,
          authorId: user.id,
          replies: p.a.replies.map((body) => ({ body, authorId: user.id })),
        });
        if (p.anchor.orphaned) {
          await trx.updateTable('annotations').set({ orphaned: 1 }).where('id', '=', id).execute();
          report.orphaned += 1;
        }
        report.added += 1;
      }
      await recordAudit(trx, {
        userId: user.id,
        action: 'import',
        entityType: 'annotations',
        entityId: doc.id,
        details: { added: report.added },
      });
    });
    res.status(201).json(report);
  });

  router.post('/segments/:id/annotations', allow('annotation.create'), async (req, res) => {
    const user = currentUser(req);
    const body = parseBody(req, createAnnotation);
    const seg = await getSegment(db, parseId(req));
    if (!seg) throw notFound('Segment');
    const text = seg[body.side];
    const span = { start: body.start, end: body.end };
    if (!isValidSpan(text, span)) {
      throw badRequest(
        `start and end must select text inside the ${body.side} (0–${text.length}), start before end, not inside a character.`,
        {
          fields: [{ field: 'start', message: 'out of range' }],
        },
      );
    }
    const id = await db.transaction().execute(async (trx) => {
      const newId = await insertAnnotation(trx, {
        segmentId: seg.id,
        side: body.side,
        ...span,
        ...quoteAt(text, span),
        category: body.category,
        severity: body.severity,
        body: body.body,
        status: 'open',
        authorId: user.id,
      });
      await recordAudit(trx, {
        userId: user.id,
        action: 'create',
        entityType: 'annotation',
        entityId: newId,
        details: { segmentId: seg.id },
      });
      return newId;
    });
    const created = await getAnnotation(db, id);
    res.status(201).json(created && presentAnnotation(created));
  });

  router.patch('/annotations/:id', async (req, res) => {
    const user = currentUser(req);
    const body = parseBody(req, patchAnnotation);
    const a = await getAnnotation(db, parseId(req));
    if (!a) throw notFound('Annotation');
    if (body.status !== undefined && body.status !== a.status && !can(user, 'annotation.resolve')) {
      throw forbidden('Only reviewers and admins can resolve or reopen annotations.');
    }
    if (body.body !== undefined || body.category !== undefined || body.severity !== undefined)
      assertOwn(user, a.author?.id);
    await db.transaction().execute(async (trx) => {
      await updateAnnotation(trx, a.id, body);
      await recordAudit(trx, {
        userId: user.id,
        action: 'update',
        entityType: 'annotation',
        entityId: a.id,
        details: body,
      });
    });
    const updated = await getAnnotation(db, a.id);
    res.json(updated && presentAnnotation(updated));
  });

  router.delete('/annotations/:id', async (req, res) => {
    const user = currentUser(req);
    const a = await getAnnotation(db, parseId(req));
    if (!a) throw notFound('Annotation');
    assertOwn(user, a.author?.id);
    await db.transaction().execute(async (trx) => {
      await deleteAnnotation(trx, a.id);
      await recordAudit(trx, {
        userId: user.id,
        action: 'delete',
        entityType: 'annotation',
        entityId: a.id,
        details: { exact: a.exact, body: a.body },
      });
    });
    res.status(204).end();
  });

  router.post('/annotations/:id/replies', allow('annotation.reply'), async (req, res) => {
    const user = currentUser(req);
    const { body } = parseBody(req, replyBody);
    const a = await getAnnotation(db, parseId(req));
    if (!a) throw notFound('Annotation');
    await db.transaction().execute(async (trx) => {
      const id = await insertReply(trx, a.id, user.id, body);
      await recordAudit(trx, {
        userId: user.id,
        action: 'create',
        entityType: 'reply',
        entityId: id,
        details: { annotationId: a.id },
      });
    });
    const updated = await getAnnotation(db, a.id);
    res.status(201).json(updated && presentAnnotation(updated));
  });

  router.patch('/replies/:id', async (req, res) => {
    const user = currentUser(req);
    const { body } = parseBody(req, replyBody);
    const reply = await getReply(db, parseId(req));
    if (!reply) throw notFound('Reply');
    assertOwn(user, reply.author_id);
    await updateReply(db, reply.id, body);
    const updated = await getAnnotation(db, reply.annotation_id);
    res.json(updated && presentAnnotation(updated));
  });

  router.delete('/replies/:id', async (req, res) => {
    const user = currentUser(req);
    const reply = await getReply(db, parseId(req));
    if (!reply) throw notFound('Reply');
    assertOwn(user, reply.author_id);
    await deleteReply(db, reply.id);
    res.status(204).end();
  });

  router.post('/markdown/preview', (req, res) => {
    const { body } = parseBody(req, previewBody);
    res.json({ html: renderMarkdown(body) });
  });

  router.get('/documents/:id/quality', async (req, res) => {
    const q = parseQuery(req, qualityQuery);
    const doc = await loadDocument(db, req);
    const annotations = await listDocumentAnnotations(db, doc.id);
    const model = {
      ...config.quality,
      ...(q.threshold !== undefined ? { threshold: q.threshold } : {}),
      ...(q.countResolved !== undefined
        ? { countResolved: q.countResolved === '1' || q.countResolved === 'true' }
        : {}),
    };
    const size = {
      sourceCharacters: doc.segments.reduce((n, s) => n + countSourceCharacters(s.source), 0),
      targetWords: doc.segments.reduce((n, s) => n + countWords(s.target), 0),
    };
    res.json({ documentId: doc.id, ...scoreQuality(annotations, size, model) });
  });

  return router;
}
