/**
 * Connection settings for a bulk write (an import of a large file, in one transaction), and
 * the WAL checkpoint after it moved off the request.
 *
 * Measured on a 100,000-unit TMX import (~55 MB of pages): with SQLite's automatic
 * checkpoint, the commit took 250–300 ms, of which 120–150 ms was the checkpoint copying the
 * WAL back into the database file — run by the committing connection, inside the request,
 * with the event loop blocked. Durability does not need it there: the commit is durable once
 * the WAL is synced (synchronous=FULL). So a bulk write turns the automatic checkpoint off for
 * its commit and a worker thread checkpoints right after, on its own connection, while this
 * thread answers. Should the worker be busy or gone, the next ordinary commit checkpoints as
 * before (the automatic checkpoint is back on by then), so the WAL never grows unbounded.
 */
import type { Worker } from 'node:worker_threads';
import { sql, SqliteAdapter } from 'kysely';
import { READY, WorkerPool } from '../worker-thread.js';
import { sqliteHandle, type Db } from './db.js';

/** Page cache for a bulk write (KiB): a 100,000-unit import writes ~55 MB of pages. */
const BULK_CACHE_KIB = 64 * 1024;

/** Main thread → checkpoint worker. */
export interface CheckpointRequest {
  file: string;
}

/** Checkpoint worker → main thread: SQLite's figures (WAL frames, frames copied back). */
export type CheckpointReply =
  { ok: true; busy: number; log: number; done: number } | { ok: false; message: string };

interface Restore {
  writers: number;
  cacheSize: number;
  autoCheckpoint: number;
}

/** Bulk writes under way per handle, and the settings to restore after the last one. */
const bulkWrites = new WeakMap<Db, Restore>();

/** The last background checkpoint started per handle (tests wait for it). */
const lastCheckpoint = new WeakMap<Db, Promise<CheckpointReply | undefined>>();

const workers = new WorkerPool(
  new URL('./checkpoint-worker.ts', import.meta.url),
  'WAL checkpoints after imports are',
);

/**
 * Starts a bulk write on `db`: SQLite's page cache enlarged, so dirty pages stay in memory
 * until the commit instead of being spilled to the WAL and re-spilled as the B-trees grow
 * (~10 % of a large import's database time), and no automatic checkpoint in its commit.
 * Per connection; call before the transaction begins. Returns the undo, to call after the
 * transaction ended (committed or not): the last of overlapping writers restores both
 * settings and starts the checkpoint on a worker.
 */
export async function beginBulkWrite(db: Db): Promise<() => Promise<void>> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return async () => undefined;
  let state = bulkWrites.get(db);
  if (!state) {
    const number = async (pragma: string, fallback: number) => {
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${pragma}`)}`.execute(
        db,
      );
      const value = Number(Object.values(rows[0] ?? {})[0]);
      return Number.isFinite(value) ? Math.trunc(value) : fallback;
    };
    const cacheSize = await number('cache_size', -2000);
    const autoCheckpoint = await number('wal_autocheckpoint', 1000);
    state = bulkWrites.get(db) ?? { writers: 0, cacheSize, autoCheckpoint };
    bulkWrites.set(db, state);
  }
  state.writers++;
  await sql.raw(`pragma cache_size = -${BULK_CACHE_KIB}`).execute(db);
  await sql.raw('pragma wal_autocheckpoint = 0').execute(db);
  const restore = state;
  return async () => {
    if (--restore.writers > 0) return;
    bulkWrites.delete(db);
    await sql.raw(`pragma cache_size = ${restore.cacheSize}`).execute(db);
    await sql.raw(`pragma wal_autocheckpoint = ${restore.autoCheckpoint}`).execute(db);
    const sqlite = sqliteHandle(db);
    if (sqlite && !sqlite.memory && restore.autoCheckpoint > 0)
      lastCheckpoint.set(db, checkpointOnWorker(sqlite.name));
  };
}

/** The background checkpoint the last bulk write on `db` started, if any. */
export function backgroundCheckpoint(db: Db): Promise<CheckpointReply | undefined> | undefined {
  return lastCheckpoint.get(db);
}

/** A PASSIVE checkpoint of `file` on a worker; undefined when no worker could do it. */
async function checkpointOnWorker(file: string): Promise<CheckpointReply | undefined> {
  const worker = await workers.acquire();
  if (!worker) return undefined;
  const reply = await ask(worker, file);
  if (reply) workers.release(worker);
  else workers.discard(worker);
  return reply;
}

function ask(worker: Worker, file: string): Promise<CheckpointReply | undefined> {
  return new Promise((resolve) => {
    const done = (reply: CheckpointReply | undefined) => {
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
      resolve(reply);
    };
    const onMessage = (m: CheckpointReply | typeof READY) => {
      if ('type' in m) return;
      if (!m.ok) console.error(`WAL checkpoint after an import failed: ${m.message}`);
      done(m);
    };
    const onFailure = () => done(undefined);
    worker.on('message', onMessage);
    worker.on('error', onFailure);
    worker.on('exit', onFailure);
    worker.postMessage({ file } satisfies CheckpointRequest);
  });
}
