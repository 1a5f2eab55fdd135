/**
 * Worker threads running this project's TypeScript modules, kept in a small pool. The server
 * runs TypeScript through tsx, whose loader does not reach worker threads, so each worker
 * loads its entry through tsx's API itself. A worker entry posts `{ type: 'ready' }` once
 * loaded; idle workers are unref'd so they never keep the process alive.
 */
import { Worker } from 'node:worker_threads';

/** What every worker entry posts first. */
export const READY = { type: 'ready' } as const;

function spawn(entry: URL): Promise<Worker> {
  const worker = new Worker(
    `const { workerData: w } = require('node:worker_threads');
import(w.api).then(({ tsImport }) => tsImport(w.entry, w.entry));`,
    { eval: true, workerData: { entry: entry.href, api: import.meta.resolve('tsx/esm/api') } },
  );
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      worker.off('message', ready);
      void worker.terminate();
      reject(e instanceof Error ? e : new Error(`worker exited (${String(e)})`));
    };
    const ready = (m: unknown) => {
      if ((m as { type?: unknown } | null)?.type !== READY.type) return;
      worker.off('message', ready);
      worker.off('error', fail);
      worker.off('exit', fail);
      resolve(worker);
    };
    worker.on('message', ready);
    worker.once('error', fail);
    worker.once('exit', fail);
  });
}

/** Workers of one entry: an idle one is reused, more are started when all are busy. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private unavailable = false;

  /**
   * @param entry the worker module
   * @param what named in the one message logged if workers cannot start here
   * @param keepIdle idle workers kept for next time (each costs ~10 MB)
   */
  constructor(
    private readonly entry: URL,
    private readonly what: string,
    private readonly keepIdle = 1,
  ) {}

  /** A worker for one job (ref'd while it works), or undefined when none can start here. */
  async acquire(): Promise<Worker | undefined> {
    let worker = this.idle.pop();
    if (!worker && !this.unavailable) {
      try {
        worker = await spawn(this.entry);
      } catch (e) {
        this.unavailable = true;
        console.error(`${this.what} run on the main thread: no worker (${(e as Error).message})`);
      }
    }
    worker?.ref();
    return worker;
  }

  /** Gives back a worker whose job ended normally. */
  release(worker: Worker): void {
    if (this.idle.length < this.keepIdle) {
      worker.unref();
      this.idle.push(worker);
    } else void worker.terminate();
  }

  /** Ends a worker stopped mid-job (it may still be busy with it) or broken. */
  discard(worker: Worker): void {
    void worker.terminate();
  }
}
