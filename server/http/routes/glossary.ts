import { Router, type Request } from 'express';
import {
  parseCsv,
  parseTbx,
  planImport,
  serializeCsv,
  serializeTbx,
  sourceKey,
  type GlossaryEntry,
  type GlossaryEntryInput,
} from '../../domain/glossary/index.js';
import { can } from '../../domain/document/index.js';
import type { Db } from '../../store/db.js';
import { recordAudit } from '../../store/audit.js';
import {
  deleteGlossaryEntry,
  getGlossaryEntry,
  insertGlossaryEntries,
  listGlossary,
  updateGlossaryEntry,
} from '../../store/glossary.js';
import { HttpError, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { filterEntries } from '../presenters-glossary.js';
import { renderPage } from '../render.js';
import {
  createEntrySchema,
  exportQuerySchema,
  importBodySchema,
  importQuerySchema,
  listQuerySchema,
  patchEntrySchema,
} from '../schemas/glossary.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

const userId = (req: Request) => req.auth?.user.id ?? null;

/** 409 when another entry has the same source (in either script, any case). */
async function refuseDuplicate(db: Db, source: string, exceptId?: number): Promise<void> {
  const key = sourceKey(source);
  const other = (await listGlossary(db)).find(
    (e) => e.id !== exceptId && sourceKey(e.source) === key,
  );
  if (other)
    throw new HttpError(
      409,
      'duplicate_source',
      `The glossary already has "${other.source}" (entry ${other.id}); edit that entry instead.`,
      { entryId: other.id },
    );
}

const fieldsOf = ({ id: _id, ...rest }: GlossaryEntry): GlossaryEntryInput => rest;

/** The termbase API: list, create, edit, delete, export and import (DESIGN.md). */
export function glossaryApiRoutes(db: Db): Router {
  const router = Router();

  router.get('/glossary', async (req, res) => {
    const q = parseQuery(req, listQuerySchema);
    res.json({ entries: filterEntries(await listGlossary(db), q) });
  });

  router.post('/glossary', allow('glossary.edit'), async (req, res) => {
    const input = parseBody(req, createEntrySchema);
    const entry = await db.transaction().execute(async (trx) => {
      await refuseDuplicate(trx, input.source);
      const [id] = await insertGlossaryEntries(trx, [input]);
      await recordAudit(trx, {
        userId: userId(req),
        action: 'create',
        entityType: 'glossary_entry',
        entityId: id,
        details: { source: input.source },
      });
      return getGlossaryEntry(trx, id!);
    });
    res.status(201).json({ entry });
  });

  router.get('/glossary/export', async (req, res) => {
    const { format } = parseQuery(req, exportQuerySchema);
    const entries = (await listGlossary(db)).map(fieldsOf);
    const body = format === 'tbx' ? serializeTbx(entries) : serializeCsv(entries);
    res.type(format === 'tbx' ? 'application/x-tbx+xml; charset=utf-8' : 'text/csv; charset=utf-8');
    res.attachment(`glossary.${format}`);
    res.send(body);
  });

  router.post('/glossary/import', allow('glossary.edit'), async (req, res) => {
    const { format, dryRun } = parseQuery(req, importQuerySchema);
    const { content } = parseBody(req, importBodySchema);
    const parsed = format === 'tbx' ? parseTbx(content) : parseCsv(content);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      throw new HttpError(400, 'invalid_file', `Line ${line}, column ${column}: ${message}`, {
        line,
        column,
      });
    }
    // All or nothing: the plan is made and applied inside one transaction.
    const result = await db.transaction().execute(async (trx) => {
      const plan = planImport(parsed.rows, await listGlossary(trx));
      if (plan.report.invalid.length > 0 || dryRun === '1' || dryRun === 'true')
        return { plan, applied: false };
      await insertGlossaryEntries(trx, plan.inserts);
      for (const u of plan.updates) await updateGlossaryEntry(trx, u.id, u.entry);
      const { added, updated, unchanged } = plan.report;
      await recordAudit(trx, {
        userId: userId(req),
        action: 'import',
        entityType: 'glossary',
        details: {
          format,
          added: added.length,
          updated: updated.length,
          unchanged: unchanged.length,
        },
      });
      return { plan, applied: true };
    });
    const { report } = result.plan;
    if (report.invalid.length > 0) {
      const lines = report.invalid.map((r) => `line ${r.line}: ${r.message}`).join('; ');
      throw new HttpError(
        400,
        'invalid_import',
        `Nothing was imported: ${report.invalid.length} invalid row(s): ${lines}`,
        { report },
      );
    }
    res.json({ applied: result.applied, report });
  });

  router.patch('/glossary/:id', allow('glossary.edit'), async (req, res) => {
    const id = parseId(req);
    const patch = parseBody(req, patchEntrySchema);
    const entry = await db.transaction().execute(async (trx) => {
      const current = await getGlossaryEntry(trx, id);
      if (!current) throw notFound('Glossary entry');
      const next = { ...fieldsOf(current), ...patch };
      if (patch.source !== undefined) await refuseDuplicate(trx, next.source, id);
      await updateGlossaryEntry(trx, id, next);
      await recordAudit(trx, {
        userId: userId(req),
        action: 'update',
        entityType: 'glossary_entry',
        entityId: id,
        details: { fields: Object.keys(patch) },
      });
      return getGlossaryEntry(trx, id);
    });
    res.json({ entry });
  });

  router.delete('/glossary/:id', allow('glossary.edit'), async (req, res) => {
    const id = parseId(req);
    await db.transaction().execute(async (trx) => {
      const current = await getGlossaryEntry(trx, id);
      if (!current || !(await deleteGlossaryEntry(trx, id))) throw notFound('Glossary entry');
      await recordAudit(trx, {
        userId: userId(req),
        action: 'delete',
        entityType: 'glossary_entry',
        entityId: id,
        details: { source: current.source },
      });
    });
    res.status(204).end();
  });

  return router;
}

/** The /glossary page: the termbase with search, sort and (for editors) editing. */
export function glossaryPageRoutes(db: Db): Router {
  const router = Router();
  router.get('/glossary', async (req, res) => {
    const q = parseQuery(req, listQuerySchema);
    const all = await listGlossary(db);
    const entries = filterEntries(all, q);
    const domains = [...new Set(all.map((e) => e.domain).filter(Boolean))].sort();
    renderPage(res, 'glossary', {
      title: res.locals.t('glossary:title'),
      entries,
      total: all.length,
      domains,
      query: q,
      canEdit: can(req.auth?.user, 'glossary.edit'),
    });
  });
  return router;
}
