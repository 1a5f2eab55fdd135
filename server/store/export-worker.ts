/**
 * Worker-thread side of export-stream.ts: serialises pages of an export from its own
 * read-only connection to the database file (by SQLite when it can, tmx-page-sql.ts), and
 * posts them encoded, so the main thread (which does the other pages and the writing) only
 * has to send them. Loaded only in a worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import type { ExportNote, UnitOptions } from '../domain/exchange/index.js';
import { READY } from '../worker-thread.js';
import type { ExportContext, FromExportWorker, ToExportWorker } from './export-stream.js';
import { rangeStatements, readRange } from './segment-range.js';
import { readTmxPage } from './tmx-page-sql.js';

interface Job {
  context: ExportContext;
  notes: Map<number, ExportNote[]>;
  options: UnitOptions;
}

/**
 * The JS exporters, loaded once a page needs them. Pages SQLite makes need none, and without
 * them the worker starts in ~400 ms instead of ~700 ms: a start that competes for the CPU
 * with the first export, which goes on without the worker meanwhile.
 */
let exchange: Promise<typeof import('../domain/exchange/index.js')> | undefined;
const jsExporters = () => (exchange ??= import('../domain/exchange/index.js'));

/** One read-only connection per database file, kept while the worker lives. */
const connections = new Map<string, SqliteDatabase.Database>();

function connection(file: string): SqliteDatabase.Database {
  let db = connections.get(file);
  if (!db) {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(file, db);
  }
  return db;
}

/** The bytes in an ArrayBuffer of their own, which can be transferred without copying. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

/** One page of a job as UTF-8 chunks. */
async function makePage(job: Job, after: number, upTo: number): Promise<Uint8Array[]> {
  const { file, documentId, format, meta, sql } = job.context;
  const db = connection(file);
  const units = sql && readTmxPage(db, sql, documentId, after, upTo);
  if (units) return units.length > 0 ? [owned(units)] : [];
  const { EXPORTERS, encodeUnits, toExportUnits } = await jsExporters();
  const rows = readRange(rangeStatements(db), documentId, after, upTo);
  return encodeUnits(EXPORTERS[format], meta, toExportUnits(rows, job.notes, job.options));
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const post = (m: FromExportWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const jobs = new Map<number, Job>();
  const answer = async (m: Extract<ToExportWorker, { type: 'page' }>) => {
    try {
      const job = jobs.get(m.job);
      if (!job) throw new Error(`unknown export job ${m.job}`);
      const chunks = await makePage(job, m.after, m.upTo);
      post(
        { type: 'page', job: m.job, page: m.page, chunks },
        chunks.map((c) => c.buffer as ArrayBuffer),
      );
    } catch (e) {
      post({ type: 'failed', job: m.job, page: m.page, message: (e as Error).message });
    }
  };
  port.on('message', (m: ToExportWorker) => {
    if (m.type === 'start') {
      const { statuses, ...units } = m.context.units;
      jobs.set(m.job, {
        context: m.context,
        notes: new Map(m.context.notes),
        options: {
          ...units,
          statuses: statuses ? new Set(statuses) : undefined,
          convertSource: (t) => t,
        },
      });
      // Every page of this export will need them: load them now (a failure shows per page).
      if (!m.context.sql) jsExporters().catch(() => undefined);
    } else if (m.type === 'end') jobs.delete(m.job);
    // The main thread asks for one page of a job at a time, so pages never overlap.
    else void answer(m);
  });
  post(READY);
}
