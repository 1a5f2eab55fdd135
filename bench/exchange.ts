/**
 * import: a 100,000-unit TMX posted to POST /api/documents/import (parse, plan, one
 * transaction), beside parsing the same file alone with saxes, the XML parser the importer uses.
 * exportTmx: GET /api/documents/:id/export?format=tmx of that 100,000-paragraph document, beside
 * building the same TMX string in memory in the benchmark process; also the server's peak RSS
 * growth during the export (sampled from /proc every 20 ms).
 */
import { SaxesParser } from 'saxes';
import { median, processRssMb, round, watchRss, type BenchResult } from './lib.js';
import { startBenchServer, type BenchServer } from './server.js';
import { buildTmx, makePairs } from './tmx.js';

/** Posts the file's bytes, as curl uploads a file (not a string to encode per call). */
async function importTmx(s: BenchServer, tmx: Uint8Array): Promise<number> {
  const { body } = await s.transfer('/api/documents/import?format=tmx', {
    headers: { 'content-type': 'application/x-tmx+xml' },
    body: tmx,
    keep: true,
  });
  return (JSON.parse(String(body)) as { document: { id: number } }).document.id;
}

function parseAlone(tmx: string): number {
  // The importer's options (namespaces, positions), with handlers that only count units.
  const parser = new SaxesParser({ xmlns: true, position: true });
  let units = 0;
  parser.on('opentag', (t) => void (t.local === 'tu' && units++));
  parser.on('text', () => undefined);
  parser.write(tmx).close();
  return units;
}

export async function benchImport(opts: { units: number; runs: number }): Promise<BenchResult> {
  const tmx = buildTmx(makePairs(opts.units));
  const bytes = new TextEncoder().encode(tmx);
  const s = await startBenchServer();
  const ours: number[] = [];
  const alone: number[] = [];
  let peak = 0;
  try {
    for (let r = 0; r < opts.runs; r++) {
      let t = performance.now();
      if (parseAlone(tmx) !== opts.units) throw new Error('bad unit count');
      alone.push(performance.now() - t);
      const rss = watchRss(s.child.pid);
      t = performance.now();
      await importTmx(s, bytes);
      ours.push(performance.now() - t);
      peak = Math.max(peak, rss.stop());
    }
  } finally {
    await s.stop();
  }
  const value = opts.units / (median(ours) / 1000);
  const baseline = opts.units / (median(alone) / 1000);
  return {
    value: Math.round(value),
    unit: 'units/s',
    baseline: Math.round(baseline),
    ratio: round(value / baseline),
    target: '≥ 0.5×',
    pass: value / baseline >= 0.5,
    units: opts.units,
    megabytes: round(Buffer.byteLength(tmx) / 1e6, 1),
    importMs: round(median(ours), 0),
    parseMs: round(median(alone), 0),
    runs: opts.runs,
    /** Paired per run (the import right after its parse), the spread the median hides. */
    runRatios: ours.map((ms, r) => round(alone[r]! / ms)),
    serverPeakRssMb: round(peak, 0),
  };
}

export async function benchExportTmx(opts: { units: number; runs: number }): Promise<BenchResult> {
  const pairs = makePairs(opts.units);
  // The document is made by an import on one server; the export runs on a fresh one, so its
  // memory is not inflated by the import.
  const maker = await startBenchServer();
  const id = await importTmx(maker, new TextEncoder().encode(buildTmx(pairs)));
  maker.child.kill('SIGTERM');
  await new Promise((r) => maker.child.once('exit', r));
  const s = await startBenchServer(maker.file);
  const ours: number[] = [];
  const inMemory: number[] = [];
  let bytes = 0;
  let growth = 0;
  try {
    for (let r = 0; r < opts.runs; r++) {
      let t = performance.now();
      const built = buildTmx(pairs);
      const builtBytes = Buffer.byteLength(built);
      inMemory.push((performance.now() - t) / builtBytes);
      const before = processRssMb(s.child.pid);
      const rss = watchRss(s.child.pid);
      t = performance.now();
      ({ bytes } = await s.transfer(`/api/documents/${id}/export?format=tmx`));
      ours.push((performance.now() - t) / bytes);
      growth = Math.max(growth, rss.stop() - before);
    }
  } finally {
    await s.stop();
    await maker.stop();
  }
  // ms per byte → MB/s
  const value = 1 / median(ours) / 1e3;
  const baseline = 1 / median(inMemory) / 1e3;
  return {
    value: round(value, 1),
    unit: 'MB/s',
    baseline: round(baseline, 1),
    ratio: round(value / baseline),
    target: '≥ 0.5×; server peak RSS grows < 200 MB',
    pass: value / baseline >= 0.5 && growth < 200,
    units: opts.units,
    megabytes: round(bytes / 1e6, 1),
    serverRssGrowthMb: round(growth, 0),
  };
}
