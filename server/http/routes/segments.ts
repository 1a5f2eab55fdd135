import { Router, type Request } from 'express';
import { can, segmentChangeDenied, type Segment } from '../../domain/document/index.js';
import { checkSplit, diffText, statusAfterEdit } from '../../domain/segment/index.js';
import type { Db } from '../../store/db.js';
import { mergeWithNext, splitSegment } from '../../store/alignment.js';
import { recordAudit } from '../../store/audit.js';
import { getRevision, listRevisions } from '../../store/revisions.js';
import { getSegment, saveSegment } from '../../store/segments.js';
import { HttpError, badRequest, forbidden, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import {
  diffQuery,
  mergeRequest,
  restoreRequest,
  segmentPatch,
  splitRequest,
} from '../schemas/segments.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

/** 409 with the segment as it now is, so the editor can show both texts. */
function conflict(current: Segment, mine?: string): HttpError {
  return new HttpError(
    409,
    'conflict',
    'Someone else changed this paragraph since you loaded it.',
    undefined,
    {
      current,
      ...(mine !== undefined ? { diff: diffText(current.target, mine) } : {}),
    },
  );
}

function userOf(req: Request) {
  if (!req.auth) throw new HttpError(401, 'unauthorized', 'Sign in first.');
  return req.auth.user;
}

async function loadSegment(db: Db, req: Request): Promise<Segment> {
  const seg = await getSegment(db, parseId(req));
  if (!seg) throw notFound('Segment');
  return seg;
}

/** Editing, history and alignment fixes of single segments. */
export function segmentRoutes(db: Db): Router {
  const router = Router();

  router.patch('/segments/:id', allow('segment.edit'), async (req, res) => {
    const user = userOf(req);
    const body = parseBody(req, segmentPatch);
    const result = await saveSegment(db, {
      id: parseId(req),
      expectedVersion: body.version,
      authorId: user.id,
      kind: 'edit',
      // Decided inside the transaction, on the segment as it is there: one read, no race.
      decide: (current) => {
        const denied = segmentChangeDenied(user, current, body);
        if (denied) throw forbidden(denied);
        const targetChanges = body.target !== undefined && body.target !== current.target;
        const status =
          body.status ??
          (targetChanges
            ? statusAfterEdit(current.status, can(user, 'segment.review'))
            : undefined);
        return { target: body.target, status };
      },
    });
    if (!result.ok && result.reason === 'not-found') throw notFound('Segment');
    if (!result.ok && result.reason === 'conflict') throw conflict(result.current, body.target);
    if (result.ok) res.json(result.segment);
  });

  router.get('/segments/:id/revisions', async (req, res) => {
    const seg = await loadSegment(db, req);
    res.json({ segmentId: seg.id, revisions: await listRevisions(db, seg.id) });
  });

  router.get('/segments/:id/diff', async (req, res) => {
    const seg = await loadSegment(db, req);
    const q = parseQuery(req, diffQuery);
    const [from, to] = await Promise.all([
      getRevision(db, seg.id, q.from),
      getRevision(db, seg.id, q.to),
    ]);
    if (!from || !to) throw notFound('Revision');
    res.json({
      from: q.from,
      to: q.to,
      target: diffText(from.target, to.target),
      source: from.source !== null && to.source !== null ? diffText(from.source, to.source) : null,
    });
  });

  router.post('/segments/:id/restore', allow('segment.edit'), async (req, res) => {
    const user = userOf(req);
    const body = parseBody(req, restoreRequest);
    const current = await loadSegment(db, req);
    const revision = await getRevision(db, current.id, body.revisionId);
    if (!revision) throw notFound('Revision');
    const denied = segmentChangeDenied(user, current, { status: revision.status });
    if (denied) throw forbidden(denied);
    const result = await saveSegment(db, {
      id: current.id,
      target: revision.target,
      status: revision.status,
      expectedVersion: body.version,
      authorId: user.id,
      kind: 'restore',
    });
    if (!result.ok && result.reason === 'conflict') throw conflict(result.current);
    if (!result.ok) throw notFound('Segment');
    res.json(result.segment);
  });

  router.post('/segments/:id/split', allow('segment.edit'), async (req, res) => {
    const user = userOf(req);
    const body = parseBody(req, splitRequest);
    const current = await loadSegment(db, req);
    const denied = segmentChangeDenied(user, current, {});
    if (denied) throw forbidden(denied);
    const bad = checkSplit(current, body);
    if (bad) {
      throw badRequest(
        bad === 'source-offset'
          ? `sourceOffset must fall inside the source (1–${current.source.length - 1}) and not inside a character`
          : `targetOffset must fall within the target (0–${current.target.length}) and not inside a character`,
        {
          fields: [
            {
              field: bad === 'source-offset' ? 'sourceOffset' : 'targetOffset',
              message: 'out of range',
            },
          ],
        },
      );
    }
    const result = await db.transaction().execute(async (trx) => {
      const r = await splitSegment(trx, {
        id: current.id,
        ...body,
        expectedVersion: body.version,
        authorId: user.id,
      });
      if (r.ok) {
        await recordAudit(trx, {
          userId: user.id,
          action: 'split',
          entityType: 'segment',
          entityId: current.id,
          details: {
            newSegmentId: r.segments[1]?.id,
            sourceOffset: body.sourceOffset,
            targetOffset: body.targetOffset,
          },
        });
      }
      return r;
    });
    if (!result.ok && result.reason === 'conflict') throw conflict(result.current);
    if (!result.ok) throw notFound('Segment');
    res.status(201).json({ segments: result.segments });
  });

  router.post('/segments/:id/merge-next', allow('segment.edit'), async (req, res) => {
    const user = userOf(req);
    const body = parseBody(req, mergeRequest);
    const current = await loadSegment(db, req);
    const next = await getSegmentAt(db, current.documentId, current.position + 1);
    for (const s of [current, next]) {
      const denied = s && segmentChangeDenied(user, s, {});
      if (denied) throw forbidden(denied);
    }
    const result = await db.transaction().execute(async (trx) => {
      const r = await mergeWithNext(trx, {
        id: current.id,
        expectedVersion: body.version,
        authorId: user.id,
      });
      if (r.ok && r.removed) {
        await recordAudit(trx, {
          userId: user.id,
          action: 'merge',
          entityType: 'segment',
          entityId: current.id,
          details: { removed: r.removed },
        });
      }
      return r;
    });
    if (!result.ok && result.reason === 'conflict') throw conflict(result.current);
    if (!result.ok && result.reason === 'no-next')
      throw badRequest('This is the last paragraph: there is nothing to merge it with.');
    if (!result.ok) throw notFound('Segment');
    res.json({ segments: result.segments, removedSegmentId: result.removed?.id });
  });

  return router;
}

async function getSegmentAt(
  db: Db,
  documentId: number,
  position: number,
): Promise<Segment | undefined> {
  const row = await db
    .selectFrom('segments')
    .select('id')
    .where('document_id', '=', documentId)
    .where('position', '=', position)
    .executeTakeFirst();
  return row ? getSegment(db, row.id) : undefined;
}
