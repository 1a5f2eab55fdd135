/**
 * Worker-thread side of tmx-batches.ts: parses a TMX upload (its text decoded by the main
 * thread) and posts its units in batches as they are read, so the main thread can store one
 * batch while the next is parsed. Loaded only inside a worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { READY } from '../../worker-thread.js';
import { TmxReader } from './parse-tmx.js';
import { packBatch, type FromWorker, type ToWorker } from './tmx-batches.js';

if (!isMainThread && parentPort) {
  const port = parentPort;
  const post = (m: FromWorker) => port.postMessage(m);
  /** Reads under way (one at a time in practice), with their unit counts. */
  const reads = new Map<number, { reader: TmxReader; reading: boolean; count: number }>();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'start') {
      const read = {
        reader: new TmxReader({
          batchSize: m.batchSize,
          onUnits: (units) => {
            read.count += units.length;
            post({ job: m.job, type: 'units', batch: packBatch(units) });
          },
        }),
        reading: true,
        count: 0,
      };
      reads.set(m.job, read);
      return;
    }
    const read = reads.get(m.job);
    if (!read) return;
    if (m.type === 'text') {
      // After a parse error the rest is ignored; the end reports the error.
      read.reading &&= read.reader.write(m.text);
      return;
    }
    reads.delete(m.job);
    const result = read.reader.end();
    if (result.ok) {
      const { units: _none, ...file } = result.file;
      post({ job: m.job, type: 'end', end: { ok: true, file, units: read.count } });
    } else post({ job: m.job, type: 'end', end: result });
  });
  post(READY);
}
