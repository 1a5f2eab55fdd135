import express, { Router, type Request, type Response } from 'express';
import { alignDocument, type AnchorTerm } from '../../domain/align/index.js';
import { can } from '../../domain/document/index.js';
import {
  EXPORTERS,
  IMPORTERS,
  attachmentDisposition,
  isXmlFormat,
  variantConverter,
  type ExportFormat,
  type ExportNote,
  type ImportedFile,
  type ImportFormat,
  type ParseError,
  type TmxEnd,
  type UnitBatch,
  type Variant,
  readTmxBatches,
  readTmxBytes,
  titleFromFileName,
  toUnitBatch,
} from '../../domain/exchange/index.js';
import type { Db } from '../../store/db.js';
import {
  createDocument,
  createDocumentFromBatches,
  exportNotes,
  importTargets,
  ImportRaceError,
} from '../../store/exchange.js';
import { listGlossary } from '../../store/glossary.js';
import { flagAlignment, type NewSegment } from '../../store/documents.js';
import { exportChunks } from '../../store/export-stream.js';
import { HttpError, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { createDocumentBody, exportQuery, importQuery, languageTag } from '../schemas/exchange.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

const TOOL_VERSION = '0.1.0';
/** Largest file an import accepts; beyond it the reply is 413. */
export const IMPORT_LIMIT = '50mb';
export const IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;

/** The import endpoints read their body raw: the app-wide JSON-only rule exempts them. */
export const IMPORT_PATH = /^\/documents\/(?:\d+\/)?import\/?$/;

const rawBody = express.raw({ type: () => true, limit: IMPORT_LIMIT });

/**
 * A TMX file for a new document is read as it arrives, so its parse overlaps the upload (a
 * 36 MB upload took ~100–150 ms to receive and as long again to decode before the parse could
 * start). Everything else is buffered by express.raw, which also answers the cases the stream
 * would have to repeat: no body, an empty one, a declared size over the limit, compressed
 * bodies, forms.
 */
function streamedTmx(req: Request): boolean {
  const declared = req.headers['content-length'];
  const size = declared === undefined ? undefined : Number(declared);
  return (
    req.query.format === 'tmx' &&
    req.headers['content-encoding'] === undefined &&
    (size === undefined ? req.headers['transfer-encoding'] !== undefined : size > 0) &&
    !(size !== undefined && size > IMPORT_LIMIT_BYTES) &&
    !req.is('multipart/form-data') &&
    !req.is('application/x-www-form-urlencoded')
  );
}

const rawOrStreamedTmx: express.RequestHandler = (req, res, next) =>
  streamedTmx(req) ? next() : rawBody(req, res, next);

/**
 * An upload's chunks as they arrive, refused past the import limit (413) and when empty. If
 * the reader stops early (a bad file, a refusal), the rest of the upload is read off and
 * dropped, as express.raw does, so the client still gets the reply.
 */
async function* uploadChunks(req: Request): AsyncGenerator<Uint8Array> {
  let size = 0;
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterableIterator<Buffer>;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch {
        // The client went away mid-upload: a client error (as express.raw reports it), not ours.
        throw new HttpError(400, 'bad_request', 'The upload broke off before its end.');
      }
      if (next.done) break;
      size += next.value.length;
      if (size > IMPORT_LIMIT_BYTES)
        throw new HttpError(413, 'too_large', 'The request body is too large.');
      yield next.value;
    }
    if (size === 0) throw new HttpError(400, 'invalid_file', 'The file is empty.');
  } finally {
    await chunks.return?.();
    if (!req.readableEnded) req.resume();
  }
}

/**
 * `chunks` passed through, with a promise that settles when they end (or fail). Its rejection
 * is marked handled here: whoever awaits it still sees it.
 */
function untilEnd(chunks: AsyncGenerator<Uint8Array>) {
  let ended!: () => void;
  let failed!: (error: unknown) => void;
  const received = new Promise<void>((resolve, reject) => {
    ended = resolve;
    failed = reject;
  });
  received.catch(() => undefined);
  return {
    received,
    chunks: (async function* () {
      try {
        yield* chunks;
        ended();
      } catch (error) {
        failed(error);
        throw error;
      }
    })(),
  };
}

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

/** The uploaded file's bytes: raw (any content type but JSON and forms), not empty. */
function uploadBytes(req: Request): Buffer {
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
  return req.body;
}

const notUtf8 = () => new HttpError(415, 'unsupported_encoding', 'The file must be UTF-8.');

function invalidFile({ message, line, column }: ParseError): HttpError {
  return new HttpError(400, 'invalid_file', `Line ${line}, column ${column}: ${message}`, {
    line,
    column,
  });
}

/** The uploaded file as text, strict UTF-8. */
function readUpload(req: Request): string {
  try {
    // fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(uploadBytes(req));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw notUtf8();
  }
}

function parseUpload(req: Request, format: ImportFormat): ImportedFile {
  // TMX is decoded and parsed piece by piece, with no string of the whole file and no tree.
  const result =
    format === 'tmx' ? readTmxBytes(uploadBytes(req)) : IMPORTERS[format](readUpload(req));
  if (!result.ok) throw readFailure(result);
  return result.file;
}

/** A new document's segments from units: units empty on both sides are left out. */
function newSegments(batch: UnitBatch): NewSegment[] {
  const out: NewSegment[] = [];
  for (let i = 0; i < batch.sources.length; i++) {
    const source = batch.sources[i]!;
    const target = batch.targets[i] ?? '';
    if (source === '' && target === '') continue;
    out.push({
      source,
      target,
      status: batch.statuses[i] ?? (target === '' ? 'new' : 'translated'),
    });
  }
  return out;
}

/** A read's failure as the reply it gets. */
function readFailure(end: Exclude<TmxEnd, { ok: true }>): HttpError {
  return 'invalidUtf8' in end ? notUtf8() : invalidFile(end.error);
}

/**
 * The segments of an upload for a new document, in batches, and (once they are done) how the
 * read ended. A TMX file is read while its first units are already being stored (on a worker
 * thread when large); other formats are read whole first. Either way the first batch is read
 * before this returns, so no transaction waits for a worker to start or for the decoding,
 * and a file that fails at once fails here. `close` stops a read not taken to its end.
 */
function numberOrUndefined(value: string | undefined): number | undefined {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? undefined : n;
}

async function uploadSegments(req: Request, format: ImportFormat) {
  let source: AsyncGenerator<UnitBatch, TmxEnd>;
  let received: Promise<void> = Promise.resolve();
  if (format === 'tmx') {
    if (req.body === undefined && !req.readableEnded) {
      const upload = untilEnd(uploadChunks(req));
      received = upload.received;
      source = readTmxBatches({
        chunks: upload.chunks,
        size: numberOrUndefined(req.headers['content-length']),
      });
    } else source = readTmxBatches(uploadBytes(req));
  } else {
    const { units, ...facts } = parseUpload(req, format);
    source = (async function* () {
      yield toUnitBatch(units);
      return { ok: true as const, file: facts, units: units.length };
    })();
  }
  const first = await source.next();
  let end: TmxEnd | undefined = first.done ? first.value : undefined;
  if (end && !end.ok) throw readFailure(end);
  return {
    /**
     * Settles once the whole upload has arrived (rejects as the upload fails: too large,
     * empty, broken off). The parse goes on meanwhile and its batches wait in memory.
     */
    received,
    segments: (async function* () {
      if (first.done) return;
      yield newSegments(first.value);
      for (let r = await source.next(); ; r = await source.next()) {
        if (r.done) {
          end = r.value;
          return;
        }
        yield newSegments(r.value);
      }
    })(),
    /** How the read ended, once every batch was taken. */
    end(): TmxEnd {
      if (!end) throw new Error('the upload was not read to its end');
      return end;
    },
    /** Stops the read if it was not taken to its end (its worker is then not reused). */
    async close(): Promise<void> {
      if (!end) await source.return({ ok: false, error: { message: '', line: 0, column: 0 } });
    },
  };
}

/**
 * Writes chunks to the response without holding more than about one chunk in memory: the
 * next chunk is made while the previous one is still being sent, and written once the
 * response has drained, or given up when the client has gone.
 */
async function stream(res: Response, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.writableNeedDrain) await drained(res);
    if (res.destroyed) return;
    res.write(chunk);
  }
  res.end();
}

/** Resolves on 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
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
    const notes = q.notes ? await exportNotes(db, id) : new Map<number, ExportNote[]>();
    const chunks = exportChunks(db, {
      documentId: id,
      format,
      meta,
      statuses: q.status,
      granularity: q.granularity,
      sourceLang: doc.source_lang,
      targetLang: doc.target_lang,
      convertSource: variant ? variantConverter(variant) : undefined,
      notes,
    });
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
    await stream(res, chunks);
  });

  router.post('/documents/import', allow('document.manage'), rawOrStreamedTmx, async (req, res) => {
    const q = parseQuery(req, importQuery);
    const upload = await uploadSegments(req, q.format as ImportFormat);
    const lang = (tag: string | undefined, fallback: string) =>
      tag && languageTag.safeParse(tag).success ? tag : fallback;
    // The transaction holds the database connection, and every other request's writes wait
    // for it: it opens only once the whole upload is here, so a slow client cannot hold up
    // the other users' saves for as long as its upload takes. Until then the file is parsed
    // as it arrives and its batches wait in memory.
    try {
      await upload.received;
    } catch (error) {
      await upload.close();
      throw error;
    }
    // Segments are stored as they are read; a bad file rolls everything back.
    const created = await createDocumentFromBatches(
      db,
      upload.segments,
      (segmentCount) => {
        const end = upload.end();
        if (!end.ok) throw readFailure(end);
        if (segmentCount === 0) throw new HttpError(400, 'invalid_file', 'The file has no units.');
        return {
          title:
            q.title ??
            (end.file.title?.trim().slice(0, 300) || undefined) ??
            (q.name ? titleFromFileName(q.name) : undefined) ??
            `Imported ${q.format} file`,
          sourceLang: lang(end.file.sourceLang, 'zh-CN'),
          targetLang: lang(end.file.targetLang, 'en'),
          details: { format: q.format, units: end.units },
        };
      },
      req.auth!.user,
      'import',
    ).finally(() => upload.close());
    res.status(201).json({
      document: {
        id: created.id,
        title: created.facts.title,
        sourceLang: created.facts.sourceLang,
        targetLang: created.facts.targetLang,
        segmentCount: created.segmentCount,
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
