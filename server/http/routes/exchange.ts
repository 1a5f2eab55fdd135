import { once } from 'node:events';
import express, { Router, type Request, type Response } from 'express';
import { alignDocument, type AnchorTerm } from '../../domain/align/index.js';
import { can } from '../../domain/document/index.js';
import {
  EXPORTERS,
  IMPORTERS,
  attachmentDisposition,
  isXmlFormat,
  serializePages,
  toExportUnits,
  variantConverter,
  type ExportFormat,
  type ImportedFile,
  type ImportFormat,
  type Variant,
} from '../../domain/exchange/index.js';
import type { Db } from '../../store/db.js';
import {
  createDocument,
  exportNotes,
  importTargets,
  ImportRaceError,
  pageSegments,
} from '../../store/exchange.js';
import { listGlossary } from '../../store/glossary.js';
import { flagAlignment } from '../../store/documents.js';
import { HttpError, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { createDocumentBody, exportQuery, importQuery, languageTag } from '../schemas/exchange.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

const TOOL_VERSION = '0.1.0';
/** Largest file an import accepts; beyond it the reply is 413. */
export const IMPORT_LIMIT = '50mb';

/** The import endpoints read their body raw: the app-wide JSON-only rule exempts them. */
export const IMPORT_PATH = /^\/documents\/(?:\d+\/)?import\/?$/;

const rawBody = express.raw({ type: () => true, limit: IMPORT_LIMIT });

async function documentRow(db: Db, id: number) {
  const d = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('Document');
  return d;
}

/** The Chinese variant a language tag names, if it is one we convert to. */
function variantOf(lang: string | undefined): Variant | undefined {
  if (!lang) return undefined;
  if (/^zh-(TW|Hant(-TW)?)$/i.test(lang)) return 'zh-TW';
  if (/^zh-(HK|MO|Hant-HK)$/i.test(lang)) return 'zh-HK';
  return undefined;
}

/** The uploaded file as text: raw bytes (any content type but JSON and forms), strict UTF-8. */
function readUpload(req: Request): string {
  if (!Buffer.isBuffer(req.body)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the file itself as the request body (e.g. Content-Type: application/xml, text/csv, text/tab-separated-values).',
    );
  }
  if (req.is('multipart/form-data') || req.is('application/x-www-form-urlencoded'))
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the file itself as the request body, not a form.',
    );
  if (req.body.length === 0) throw new HttpError(400, 'invalid_file', 'The file is empty.');
  try {
    // fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(req.body);
  } catch {
    throw new HttpError(415, 'unsupported_encoding', 'The file must be UTF-8.');
  }
}

function parseUpload(req: Request, format: ImportFormat): ImportedFile {
  const result = IMPORTERS[format](readUpload(req));
  if (!result.ok) {
    const { message, line, column } = result.error;
    throw new HttpError(400, 'invalid_file', `Line ${line}, column ${column}: ${message}`, {
      line,
      column,
    });
  }
  return result.file;
}

/** Writes chunks to the response, waiting when the client reads slower than we write. */
async function stream(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  }
  res.end();
}

async function glossaryTerms(db: Db): Promise<AnchorTerm[]> {
  return (await listGlossary(db)).map((e) => ({
    source: e.source,
    targets: [e.target, ...e.alternatives],
  }));
}

/** Creates a document from pasted texts, aligning the translation; shared with the page form. */
export async function createFromTexts(
  db: Db,
  userId: number,
  input: {
    title: string;
    sourceLang: string;
    targetLang: string;
    source: string;
    target?: string | undefined;
  },
) {
  const pairs = alignDocument(input.source, input.target, await glossaryTerms(db));
  const created = await createDocument(
    db,
    {
      title: input.title,
      sourceLang: input.sourceLang,
      targetLang: input.targetLang,
      segments: pairs,
    },
    { id: userId },
    { kind: input.target ? 'align' : 'create', details: { aligned: input.target !== undefined } },
  );
  // The pairs the aligner doubted are flagged in the editor for a person to check.
  await flagAlignment(
    db,
    created.id,
    pairs.flatMap((p, i) =>
      p.status === 'draft'
        ? [{ position: i + 1, note: `${p.kind} · ${p.confidence.toFixed(2)}` }]
        : [],
    ),
  );
  const beads = pairs.map((p, i) => ({
    position: i + 1,
    kind: p.kind,
    confidence: p.confidence,
    status: p.status,
  }));
  return {
    document: {
      id: created.id,
      title: input.title,
      sourceLang: input.sourceLang,
      targetLang: input.targetLang,
      segmentCount: created.segmentIds.length,
    },
    alignment: {
      beads,
      lowConfidence: beads.filter((b) => b.status === 'draft').map((b) => b.position),
    },
  };
}

/** Export, import and creating documents from texts (issue 6). */
export function exchangeRoutes(db: Db): Router {
  const router = Router();

  router.get('/documents/:id/export', async (req, res) => {
    const id = parseId(req);
    const q = parseQuery(req, exportQuery);
    const doc = await documentRow(db, id);
    const format = q.format as ExportFormat;
    const exporter = EXPORTERS[format];
    if (q.granularity === 'sentence' && !exporter.sentences)
      throw new HttpError(
        400,
        'invalid_input',
        `granularity=sentence is not available for ${format}.`,
      );
    const isChinese = /^zh\b/i.test(doc.source_lang);
    const variant = isChinese ? q.variant : undefined;
    const sourceLang = variant ?? doc.source_lang;
    const meta = {
      documentId: id,
      title: doc.title,
      sourceLang,
      targetLang: doc.target_lang,
      granularity: q.granularity,
      side: q.side,
      layout: q.layout,
      bom: q.bom,
      toolVersion: TOOL_VERSION,
      createdAt: new Date().toISOString(),
    };
    const convert = variant ? variantConverter(variant) : (t: string) => t;
    const notes = q.notes ? await exportNotes(db, id) : new Map();
    const unitOptions = {
      statuses: q.status ? new Set(q.status) : undefined,
      granularity: q.granularity,
      convertSource: convert,
      sourceLang: doc.source_lang,
      targetLang: doc.target_lang,
    };
    async function* pages() {
      for await (const page of pageSegments(db, id))
        yield [...toExportUnits(page, notes, unitOptions)];
    }
    const parts =
      format === 'txt'
        ? `.${q.side === 'source' ? sourceLang : doc.target_lang}`
        : `.${sourceLang}-${doc.target_lang}`;
    const suffix = `${q.granularity === 'sentence' ? '.sentences' : ''}${format === 'md' || format === 'html' ? (q.layout === 'target' ? `.${doc.target_lang}` : '') : parts}`;
    res.status(200);
    res.set('Content-Type', exporter.mediaType);
    res.set(
      'Content-Disposition',
      attachmentDisposition(doc.title, suffix, exporter.extension, `document-${id}`),
    );
    await stream(res, serializePages(exporter, meta, pages()));
  });

  router.post('/documents/import', allow('document.manage'), rawBody, async (req, res) => {
    const q = parseQuery(req, importQuery);
    const file = parseUpload(req, q.format as ImportFormat);
    const segments = file.units
      .filter((u) => u.source !== '' || (u.target ?? '') !== '')
      .map((u) => ({
        source: u.source,
        target: u.target ?? '',
        status: u.status ?? ((u.target ?? '') === '' ? ('new' as const) : ('translated' as const)),
      }));
    if (segments.length === 0) throw new HttpError(400, 'invalid_file', 'The file has no units.');
    const lang = (tag: string | undefined, fallback: string) =>
      tag && languageTag.safeParse(tag).success ? tag : fallback;
    const input = {
      title: q.title ?? file.title?.trim().slice(0, 300) ?? `Imported ${q.format} file`,
      sourceLang: lang(file.sourceLang, 'zh-CN'),
      targetLang: lang(file.targetLang, 'en'),
      segments,
    };
    const created = await createDocument(db, input, req.auth!.user, {
      kind: 'import',
      details: { format: q.format, units: file.units.length },
    });
    res.status(201).json({
      document: {
        id: created.id,
        title: input.title,
        sourceLang: input.sourceLang,
        targetLang: input.targetLang,
        segmentCount: created.segmentIds.length,
      },
    });
  });

  router.post('/documents/:id/import', allow('segment.edit'), rawBody, async (req, res) => {
    const id = parseId(req);
    const q = parseQuery(req, importQuery);
    const doc = await documentRow(db, id);
    const format = q.format as ImportFormat;
    const file = parseUpload(req, format);
    const fileVariant = variantOf(file.sourceLang);
    const docVariant = variantOf(doc.source_lang);
    const convertSource =
      fileVariant && fileVariant !== docVariant && /^zh\b/i.test(doc.source_lang)
        ? variantConverter(fileVariant)
        : (t: string) => t;
    const user = req.auth!.user;
    const report = await importTargets(db, {
      documentId: id,
      file,
      format,
      user,
      canEditApproved: can(user, 'segment.editApproved'),
      lossy: isXmlFormat(format),
      convertSource,
      dryRun: q.dryRun,
    }).catch((e: unknown) => {
      if (e instanceof ImportRaceError)
        throw new HttpError(
          409,
          'conflict',
          'The document changed during the import; nothing was written. Try again.',
        );
      throw e;
    });
    res.json({ dryRun: q.dryRun, ...report });
  });

  router.post('/documents', allow('document.manage'), async (req, res) => {
    const body = parseBody(req, createDocumentBody);
    res.status(201).json(await createFromTexts(db, req.auth!.user.id, body));
  });

  return router;
}
export { exchangePageRoutes } from './exchange-pages.js';
