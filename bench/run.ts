/**
 * `npm run bench`: runs the benchmarks, prints a table and writes bench/results.json.
 * `npm run bench -- --quick` runs a reduced version (CI keeps the benchmarks from rotting
 * without judging the figures). `--only NAME` runs one benchmark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchAutosave, benchLoadRun } from './autosave.js';
import { benchAlign } from './align-time.js';
import { benchConsistency } from './consistency.js';
import { benchEditorOpen } from './editor-open.js';
import { benchExportTmx, benchImport } from './exchange.js';
import { benchTermScan } from './term-scan.js';
import type { BenchResult } from './lib.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;

/** Every benchmark, by the name results.json uses. */
const BENCHES: Record<string, () => Promise<BenchResult>> = {
  termScan: () =>
    benchTermScan({
      chars: quick ? 100_000 : 1_000_000,
      terms: quick ? 500 : 5000,
      runs: quick ? 3 : 9,
    }),
  consistency: () =>
    benchConsistency({
      paragraphs: quick ? 500 : 5000,
      terms: quick ? 500 : 5000,
      runs: quick ? 3 : 7,
    }),
  autosave: () => benchAutosave({ clients: 50, seconds: quick ? 2 : 10 }),
  loadRun: () => benchLoadRun({ clients: 50, seconds: quick ? 2 : 30 }),
  editorOpen: () => benchEditorOpen({ paragraphs: quick ? 500 : 5000, runs: quick ? 1 : 5 }),
  exportTmx: () => benchExportTmx({ units: quick ? 5000 : 100_000, runs: quick ? 1 : 3 }),
  align: () => benchAlign({ pairs: quick ? 1000 : 10_000, runs: quick ? 1 : 3 }),
  import: () => benchImport({ units: quick ? 5000 : 100_000, runs: quick ? 1 : 7 }),
};

const results: Record<string, BenchResult> = {};
for (const [name, run] of Object.entries(BENCHES)) {
  if (values.only && values.only !== name) continue;
  process.stdout.write(`running ${name}…\n`);
  results[name] = await run();
}

const rows = Object.entries(results).map(([name, r]) => ({
  name,
  value: `${r.value} ${r.unit}`,
  baseline: r.baseline === undefined ? '—' : `${r.baseline} ${r.unit}`,
  ratio: r.ratio === undefined ? '—' : `${r.ratio}×`,
  target: r.target ?? '',
  verdict: r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
}));
console.table(rows);
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
// `--only` replaces its own row and keeps the others of an earlier run of the same kind.
const previous = values.only && fs.existsSync(file) ? readResults(file) : undefined;
const kept = previous?.quick === quick ? previous : {};
fs.writeFileSync(
  file,
  `${JSON.stringify({ ...kept, quick, at: new Date().toISOString(), ...results }, null, 2)}\n`,
);
console.log(`written ${file}`);

function readResults(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
