/**
 * A document's export as a stream of UTF-8 chunks, made a page of segments at a time so memory
 * stays flat for any document size. With a database file, every other page is made by a
 * worker thread on its own read-only connection while this thread makes the page between and
 * sends the chunks: a 100,000-paragraph TMX export takes about half as long, and the event
 * loop is busy for half as long.
 *
 * A paragraph TMX page whose texts need no escaping is made by SQLite as one BLOB on either
 * thread (tmx-page-sql.ts), the others by the JS exporter: same bytes, no JS string per row.
 *
 * Pages are ranges of positions fixed when the export starts (one pass over the index), each
 * read on its own; like the keyset pages before, an export that runs while paragraphs are
 * split or merged may see some of both states.
 */
import type { Worker } from 'node:worker_threads';
import {
  EXPORTERS,
  encodePages,
  encodeUnits,
  toExportUnits,
  type ExportFormat,
  type ExportMeta,
  type ExportNote,
  type UnitOptions,
} from '../domain/exchange/index.js';
import type { SegmentStatus } from '../domain/segment/index.js';
import { READY, WorkerPool } from '../worker-thread.js';
import { sqliteHandle, type Db } from './db.js';
import { pageSegments } from './exchange.js';
import { pageBounds, rangeStatements, readRange } from './segment-range.js';
import { readTmxPage, tmxPageSql, type TmxPageSql } from './tmx-page-sql.js';

/** What an export worker needs to make pages of one export. */
export interface ExportContext {
  /** The database file. */
  file: string;
  documentId: number;
  format: ExportFormat;
  meta: ExportMeta;
  units: {
    statuses: SegmentStatus[] | undefined;
    granularity: 'paragraph' | 'sentence';
    sourceLang: string;
    targetLang: string;
  };
  /** Notes by segment id. */
  notes: [number, ExportNote[]][];
  /** Pages made by SQLite where the texts need no escaping (tmx-page-sql.ts). */
  sql: TmxPageSql | undefined;
}

/** Main thread → export worker. */
export type ToExportWorker =
  | { type: 'start'; job: number; context: ExportContext }
  | { type: 'page'; job: number; page: number; after: number; upTo: number }
  | { type: 'end'; job: number };

/** Export worker → main thread. */
export type FromExportWorker =
  | typeof READY
  | { type: 'page'; job: number; page: number; chunks: Uint8Array[] }
  | { type: 'failed'; job: number; page: number; message: string };

/** One export: the document, the format and the options of the request. */
export interface ExportRequest {
  documentId: number;
  format: ExportFormat;
  meta: ExportMeta;
  /** Only these statuses; all when undefined. */
  statuses: SegmentStatus[] | undefined;
  granularity: 'paragraph' | 'sentence';
  sourceLang: string;
  targetLang: string;
  /** Converts the Chinese side to a variant; such exports are made on this thread only. */
  convertSource: ((text: string) => string) | undefined;
  notes: Map<number, ExportNote[]>;
}

export interface ExportStreamOptions {
  /** Segments per page. */
  pageSize?: number;
  /**
   * Every other page on a worker: `true` waits for one to start if none is idle, `'auto'`
   * uses an idle one or makes this export alone (starting one for the next), `false` never.
   */
  parallel?: boolean | 'auto';
  /** Longest wait for a page from the worker before this thread makes it itself. */
  stallMs?: number;
}

const PAGE_SIZE = 5000;
const STALL_MS = 60_000;

const workers = new WorkerPool(new URL('./export-worker.ts', import.meta.url), 'Exports are');
let jobs = 0;

const identity = (text: string) => text;

/** The export as UTF-8 chunks: head, units page by page, tail. */
export async function* exportChunks(
  db: Db,
  request: ExportRequest,
  options: ExportStreamOptions = {},
): AsyncGenerator<Uint8Array> {
  const exporter = EXPORTERS[request.format];
  const unitOptions: UnitOptions = {
    statuses: request.statuses ? new Set(request.statuses) : undefined,
    granularity: request.granularity,
    convertSource: request.convertSource ?? identity,
    sourceLang: request.sourceLang,
    targetLang: request.targetLang,
  };
  const sqlite = sqliteHandle(db);
  if (!sqlite) {
    // A handle not made by openDb: pages through the query builder.
    yield* encodePages(
      exporter,
      request.meta,
      (async function* () {
        for await (const page of pageSegments(db, request.documentId))
          yield toExportUnits(page, request.notes, unitOptions);
      })(),
    );
    return;
  }
  const statements = rangeStatements(sqlite);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const bounds = await db
    .connection()
    .execute(async () => pageBounds(statements, request.documentId, pageSize));
  const pages = bounds.length - 1;
  const sql = tmxPageSql(request);
  /** A page made here: made by SQLite or read while holding the connection, serialised after. */
  const here = async (page: number): Promise<Uint8Array[]> => {
    const [after, upTo] = [bounds[page]!, bounds[page + 1]!];
    const made = await db
      .connection()
      .execute(
        async () =>
          (sql && readTmxPage(sqlite, sql, request.documentId, after, upTo)) ??
          readRange(statements, request.documentId, after, upTo),
      );
    if (made instanceof Uint8Array) return made.length > 0 ? [made] : [];
    return encodeUnits(exporter, request.meta, toExportUnits(made, request.notes, unitOptions));
  };

  const encoder = new TextEncoder();
  const head = exporter.head(request.meta);
  if (head !== '') yield encoder.encode(head);
  const parallel = options.parallel ?? 'auto';
  const helper =
    parallel !== false && pages > 1 && !sqlite.memory && !request.convertSource
      ? new PageHelper(
          {
            file: sqlite.name,
            documentId: request.documentId,
            format: request.format,
            meta: request.meta,
            units: {
              statuses: request.statuses,
              granularity: request.granularity,
              sourceLang: request.sourceLang,
              targetLang: request.targetLang,
            },
            notes: [...request.notes],
            sql,
          },
          bounds,
          options.stallMs ?? STALL_MS,
        )
      : undefined;
  try {
    // `true`: wait for a worker; 'auto': start here, the worker joins once it has started.
    if (helper && parallel === true) await helper.started;
    let ahead: { page: number; chunks: Promise<Uint8Array[] | undefined> } | undefined;
    for (let page = 0; page < pages; page++) {
      if (ahead?.page === page) {
        const chunks = await ahead.chunks;
        // The worker goes on with the page after next while this thread sends this one and
        // makes the next.
        ahead = page + 2 < pages ? helper?.ask(page + 2) : undefined;
        if (chunks) {
          yield* chunks;
          continue;
        }
      } else if (!ahead && page + 1 < pages) ahead = helper?.ask(page + 1);
      yield* await here(page);
    }
  } finally {
    helper?.finish();
  }
  const tail = exporter.tail(request.meta);
  if (tail !== '') yield encoder.encode(tail);
}

/**
 * Pages of one export made by a worker, one at a time. A page the worker fails to make, or
 * does not make in time, is left to the main thread, and so is every page after that.
 */
class PageHelper {
  /** Settles once a worker is ready (or none could be had). */
  readonly started: Promise<void>;
  private worker: Worker | undefined;
  private readonly job = ++jobs;
  private readonly waiting = new Map<number, (chunks: Uint8Array[] | undefined) => void>();
  private broken = false;
  private finished = false;

  constructor(
    private readonly context: ExportContext,
    private readonly bounds: number[],
    private readonly stallMs: number,
  ) {
    this.started = workers.acquire().then((worker) => {
      if (!worker) return;
      if (this.finished) return workers.release(worker);
      this.worker = worker;
      worker.on('message', this.onMessage);
      worker.on('error', this.giveUp);
      worker.on('exit', this.giveUp);
      worker.postMessage({ type: 'start', job: this.job, context } satisfies ToExportWorker);
    });
  }

  /** Asks for a page; undefined when no worker can take it now. */
  ask(page: number): { page: number; chunks: Promise<Uint8Array[] | undefined> } | undefined {
    const worker = this.worker;
    if (!worker || this.broken) return undefined;
    const chunks = new Promise<Uint8Array[] | undefined>((resolve) => {
      const timer = setTimeout(this.giveUp, this.stallMs);
      this.waiting.set(page, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
    worker.postMessage({
      type: 'page',
      job: this.job,
      page,
      after: this.bounds[page]!,
      upTo: this.bounds[page + 1]!,
    } satisfies ToExportWorker);
    return { page, chunks };
  }

  /** Ends the job: the worker is reused unless it broke or a page is still under way. */
  finish(): void {
    this.finished = true;
    const worker = this.worker;
    if (!worker) return;
    worker.off('message', this.onMessage);
    worker.off('error', this.giveUp);
    worker.off('exit', this.giveUp);
    if (this.broken || this.waiting.size > 0) {
      this.giveUp();
      workers.discard(worker);
    } else {
      worker.postMessage({ type: 'end', job: this.job } satisfies ToExportWorker);
      workers.release(worker);
    }
  }

  private settle(page: number, chunks: Uint8Array[] | undefined): void {
    const resolve = this.waiting.get(page);
    this.waiting.delete(page);
    resolve?.(chunks);
  }

  private readonly giveUp = () => {
    this.broken = true;
    for (const page of [...this.waiting.keys()]) this.settle(page, undefined);
  };

  private readonly onMessage = (m: FromExportWorker) => {
    if (m.type === READY.type || m.job !== this.job) return;
    if (m.type === 'failed') {
      console.error(`export worker: page ${m.page} made on the main thread (${m.message})`);
      this.broken = true;
    }
    this.settle(m.page, m.type === 'page' ? m.chunks : undefined);
  };
}
