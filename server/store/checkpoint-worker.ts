/**
 * Worker-thread side of bulk-write.ts: copies a database's WAL back into the database file
 * (a PASSIVE checkpoint) on its own connection, so the thread serving requests never waits
 * for it. Loaded only in a worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { READY } from '../worker-thread.js';
import type { CheckpointReply, CheckpointRequest } from './bulk-write.js';

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', ({ file }: CheckpointRequest) => {
    let reply: CheckpointReply;
    try {
      // A connection per checkpoint: nothing stays open on a file the server may close.
      const db = new SqliteDatabase(file, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
          busy: number;
          log: number;
          checkpointed: number;
        }[];
        reply = {
          ok: true,
          busy: row?.busy ?? 0,
          log: row?.log ?? 0,
          done: row?.checkpointed ?? 0,
        };
      } finally {
        db.close();
      }
    } catch (e) {
      reply = { ok: false, message: (e as Error).message };
    }
    port.postMessage(reply);
  });
  port.postMessage(READY);
}
