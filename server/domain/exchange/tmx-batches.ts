/**
 * Reading a large TMX upload on a worker thread, its units arriving in batches while the rest
 * is parsed: a caller storing each batch as it comes (one transaction) overlaps the parse with
 * the database work instead of adding them up. Small files, and every file when no worker can
 * be started, are read on the calling thread with the same reader and the same results.
 */
import type { Worker } from 'node:worker_threads';
import { READY, WorkerPool } from '../../worker-thread.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../segment/index.js';
import { decodeChunks, decodePieces, readTmxBytes, type BytesResult } from './read-tmx.js';
import type { ImportedFile, ImportedUnit, ParseError } from './types.js';

/** Units of a file, in file order, as three parallel arrays. */
export interface UnitBatch {
  sources: string[];
  /** Undefined where the unit has no target. */
  targets: (string | undefined)[];
  statuses: (SegmentStatus | undefined)[];
}

/** How a read ended: the file's header facts and unit count, or why it failed. */
export type TmxEnd =
  | { ok: true; file: Omit<ImportedFile, 'units'>; units: number }
  | { ok: false; error: ParseError }
  | { ok: false; invalidUtf8: true };

/**
 * A batch as the worker sends it: one string of every text and their lengths clone several
 * times faster than thousands of separate strings (the worker's sending was ~10 % of its time).
 */
export interface PackedBatch {
  texts: string;
  /** Per unit: the source's length, then the target's (−1: no target). */
  lengths: Int32Array;
  /** Per unit: the index of its status in SEGMENT_STATUSES, −1 for none. */
  statuses: Int8Array;
}

export function packBatch(units: readonly ImportedUnit[]): PackedBatch {
  const n = units.length;
  const texts = new Array<string>(2 * n);
  const lengths = new Int32Array(2 * n);
  const statuses = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    texts[2 * i] = u.source;
    lengths[2 * i] = u.source.length;
    texts[2 * i + 1] = u.target ?? '';
    lengths[2 * i + 1] = u.target === undefined ? -1 : u.target.length;
    statuses[i] = u.status === undefined ? -1 : SEGMENT_STATUSES.indexOf(u.status);
  }
  return { texts: texts.join(''), lengths, statuses };
}

export function unpackBatch({ texts, lengths, statuses }: PackedBatch): UnitBatch {
  const n = statuses.length;
  const batch: UnitBatch = {
    sources: new Array<string>(n),
    targets: new Array<string | undefined>(n),
    statuses: new Array<SegmentStatus | undefined>(n),
  };
  let at = 0;
  for (let i = 0; i < n; i++) {
    const sourceLength = lengths[2 * i]!;
    const targetLength = lengths[2 * i + 1]!;
    batch.sources[i] = texts.slice(at, (at += sourceLength));
    batch.targets[i] = targetLength < 0 ? undefined : texts.slice(at, (at += targetLength));
    const status = statuses[i]!;
    batch.statuses[i] = status < 0 ? undefined : SEGMENT_STATUSES[status];
  }
  return batch;
}

/**
 * Main thread → worker: a read starts, its text follows piece by piece (decoded here: the
 * worker, the slower side of the pipeline, only parses), then it ends.
 */
export type ToWorker =
  | { job: number; type: 'start'; batchSize: number }
  | { job: number; type: 'text'; text: string }
  | { job: number; type: 'end' };

/** Worker → main thread. */
export type FromWorker =
  | typeof READY
  | { job: number; type: 'units'; batch: PackedBatch }
  | { job: number; type: 'end'; end: TmxEnd };

export interface TmxBatchOptions {
  /** Read on a worker thread when the file has at least this many bytes. */
  workerFrom?: number;
  /** Units per batch. */
  batchSize?: number;
  /** Longest wait for the worker's next message before the read is abandoned. */
  stallMs?: number;
}

/** Below ~1 MB a worker's start and messages cost more than the overlap gains. */
const WORKER_FROM = 1 << 20;
const BATCH_SIZE = 1000;
const STALL_MS = 60_000;

/** Units as one batch. */
export function toUnitBatch(units: readonly ImportedUnit[]): UnitBatch {
  return {
    sources: units.map((u) => u.source),
    targets: units.map((u) => u.target),
    statuses: units.map((u) => u.status),
  };
}

function endOf(result: BytesResult, units: number): TmxEnd {
  if (!result.ok) return result;
  const { units: _kept, ...file } = result.file;
  return { ok: true, file, units };
}

/** Reads on this thread: every batch first (the parse is synchronous anyway), then the end. */
async function* readHere(bytes: Uint8Array, batchSize: number): AsyncGenerator<UnitBatch, TmxEnd> {
  const batches: UnitBatch[] = [];
  let units = 0;
  const result = readTmxBytes(bytes, {
    batchSize,
    onUnits: (u) => {
      units += u.length;
      batches.push(toUnitBatch(u));
    },
  });
  if (!result.ok) return endOf(result, units);
  yield* batches;
  return endOf(result, units);
}

const workers = new WorkerPool(new URL('./tmx-worker.ts', import.meta.url), 'TMX imports are');
let jobs = 0;

/**
 * Hands the file's text to `post` piece by piece, in order; resolves false at the first byte
 * that is not UTF-8 (after the pieces before it), and rejects when the upload itself fails.
 */
type Feed = (post: (text: string) => void) => Promise<boolean>;

/** Reads on a worker, yielding each batch as it arrives, while `feed` is still sending text. */
async function* readOnWorker(
  worker: Worker,
  feed: Feed,
  batchSize: number,
  stallMs: number,
): AsyncGenerator<UnitBatch, TmxEnd> {
  const job = ++jobs;
  const queue: FromWorker[] = [];
  let next = 0;
  let failure: unknown;
  let notUtf8 = false;
  /** Whether all the text was sent (the stall timer runs only then: an upload may be slow). */
  let fed = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  const onMessage = (m: FromWorker) => {
    if (m.type === 'ready' || m.job !== job) return;
    queue.push(m);
    wake?.();
  };
  const onError = (e: unknown) => {
    failure ??= e;
    wake?.();
  };
  const onExit = (code: number) => onError(new Error(`TMX worker exited (${code})`));
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let finished = false;
  try {
    worker.postMessage({ job, type: 'start', batchSize } satisfies ToWorker);
    const post = (text: string) => {
      if (!stopped) worker.postMessage({ job, type: 'text', text } satisfies ToWorker);
    };
    // The text is sent while batches come back: parsing starts with the first piece of an
    // upload instead of after its last.
    feed(post).then(
      (utf8) => {
        fed = true;
        if (!utf8) notUtf8 = true;
        else if (!stopped) worker.postMessage({ job, type: 'end' } satisfies ToWorker);
        wake?.();
      },
      (e: unknown) => {
        fed = true;
        onError(e);
      },
    );
    for (;;) {
      while (next === queue.length && !failure && !notUtf8) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (fed)
            timer = setTimeout(() => {
              failure = new Error(`TMX worker gave no answer in ${stallMs} ms`);
              resolve();
            }, stallMs);
        });
        clearTimeout(timer);
        wake = undefined;
      }
      if (failure) throw failure;
      if (notUtf8) return { ok: false, invalidUtf8: true };
      const m = queue[next]!;
      queue[next++] = READY; // let the batch be collected once stored
      if (m.type === 'units') yield unpackBatch(m.batch);
      else if (m.type === 'end') {
        finished = true;
        return m.end;
      }
    }
  } finally {
    stopped = true;
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // A worker stopped mid-file (the caller gave up, or it failed) is not reused.
    if (finished) workers.release(worker);
    else workers.discard(worker);
  }
}

/** Where a TMX file comes from: its bytes, or an upload's chunks as they arrive. */
export type TmxSource =
  | Uint8Array
  | {
      chunks: AsyncIterable<Uint8Array>;
      /** The declared size (Content-Length), if any: small files are read on this thread. */
      size: number | undefined;
    };

/**
 * The units of a TMX file in batches, in file order, then how the read ended. A failed read
 * (malformed XML, a refused file, invalid UTF-8, a bad unit, an upload that broke off) may end
 * after some batches were yielded: whoever stores them must undo that (a transaction).
 */
export async function* readTmxBatches(
  source: TmxSource,
  options: TmxBatchOptions = {},
): AsyncGenerator<UnitBatch, TmxEnd> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const size = source instanceof Uint8Array ? source.length : source.size;
  const worker =
    size === undefined || size >= (options.workerFrom ?? WORKER_FROM)
      ? await workers.acquire()
      : undefined;
  if (!worker) {
    const bytes = source instanceof Uint8Array ? source : await collect(source.chunks);
    return yield* readHere(bytes, batchSize);
  }
  const feed: Feed =
    source instanceof Uint8Array
      ? async (post) => decodePieces(source, post)
      : (post) => decodeChunks(source.chunks, post);
  return yield* readOnWorker(worker, feed, batchSize, options.stallMs ?? STALL_MS);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}
