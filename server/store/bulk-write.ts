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
import { READY, WorkerPool } from '../worker-thread.js';
import { sqliteHandle, type Db } from './db.js';

/** Main thread → checkpoint worker. */
export interface CheckpointRequest {
  file: string;
}

/** Checkpoint worker → main thread: SQLite's figures (WAL frames, frames copied back). */
export type CheckpointReply =
  { ok: true; busy: number; log: number; done: number } | { ok: false; message: string };

/** The last background checkpoint started per handle (tests wait for it). */
const lastCheckpoint = new WeakMap<Db, Promise<CheckpointReply | undefined>>();

const workers = new WorkerPool(
  new URL('./checkpoint-worker.ts', import.meta.url),
  'WAL checkpoints after imports are',
);

export interface BulkWriteOptions {
  /**
   * Whether SQLite checks foreign keys during the write. Checking costs a parent lookup per
   * row (10–15 % of storing a 100,000-unit import); turn it off only where `work` inserts rows
   * whose references it has itself made or verified inside its transaction.
   */
  foreignKeys: boolean;
}

/**
 * Runs `work` (which opens its own transaction on the connection it is given) as a bulk
 * write: no automatic checkpoint in its commit, and optionally no foreign-key checks.
 *
 * The page cache is left as it is (2 MB by default). A 64 MB cache kept a 100,000-unit
 * import's dirty pages in memory until the commit, saving ~10 % of the inserts' time, but the
 * commit then wrote all ~55 MB of them, 105–206 ms against 68–99 ms when they spill to the WAL
 * as the write goes. An import's inserts overlap its parse (which is the slower side), and
 * its commit does not: the shorter commit is what the user waits less for.
 * The connection is held from before the settings change until they are restored (a pragma
 * cannot change `foreign_keys` inside a transaction, so it must be set before it begins):
 * no statement of another request runs with these settings, it waits as it would for the
 * transaction. The settings are restored whether `work` succeeded or not; then, for a
 * database file, the checkpoint starts on a worker.
 */
export async function withBulkWrite<T>(
  db: Db,
  options: BulkWriteOptions,
  work: (conn: Db) => Promise<T>,
): Promise<T> {
  const sqlite = sqliteHandle(db);
  if (!sqlite) return work(db);
  return db.connection().execute(async (conn) => {
    // The handle is used directly: this callback holds its only connection.
    const autoCheckpoint = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
    const foreignKeys = Number(sqlite.pragma('foreign_keys', { simple: true }));
    sqlite.pragma('wal_autocheckpoint = 0');
    if (!options.foreignKeys) sqlite.pragma('foreign_keys = OFF');
    try {
      return await work(conn);
    } finally {
      if (sqlite.inTransaction) sqlite.exec('rollback');
      sqlite.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
      sqlite.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      if (!sqlite.memory && autoCheckpoint > 0)
        lastCheckpoint.set(db, checkpointOnWorker(sqlite.name));
    }
  });
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
