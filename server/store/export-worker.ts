/**
 * Worker-thread side of export-stream.ts: serialises pages of an export from its own
 * read-only connection to the database file, and posts them encoded, so the main thread
 * (which does the other pages and the writing) only has to send them. Loaded only in a worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import {
  EXPORTERS,
  encodeUnits,
  toExportUnits,
  type ExportNote,
  type UnitOptions,
} from '../domain/exchange/index.js';
import { READY } from '../worker-thread.js';
import type { ExportContext, FromExportWorker, ToExportWorker } from './export-stream.js';
import { rangeStatements, readRange } from './segment-range.js';

interface Job {
  context: ExportContext;
  notes: Map<number, ExportNote[]>;
  options: UnitOptions;
}

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

if (!isMainThread && parentPort) {
  const port = parentPort;
  const post = (m: FromExportWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const jobs = new Map<number, Job>();
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
    } else if (m.type === 'end') jobs.delete(m.job);
    else {
      const job = jobs.get(m.job);
      try {
        if (!job) throw new Error(`unknown export job ${m.job}`);
        const { file, documentId, format, meta } = job.context;
        const rows = readRange(rangeStatements(connection(file)), documentId, m.after, m.upTo);
        const chunks = encodeUnits(
          EXPORTERS[format],
          meta,
          toExportUnits(rows, job.notes, job.options),
        );
        post(
          { type: 'page', job: m.job, page: m.page, chunks },
          chunks.map((c) => c.buffer as ArrayBuffer),
        );
      } catch (e) {
        post({ type: 'failed', job: m.job, page: m.page, message: (e as Error).message });
      }
    }
  });
  post(READY);
}
