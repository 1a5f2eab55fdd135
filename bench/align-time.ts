/**
 * `npx tsx bench/align-time.ts`: alignment time for 10,000 paragraphs (the seed article's
 * paragraphs reshuffled, 20 % damaged: merged, split and dropped on either side).
 */
import { alignItems } from '../server/domain/align/index.js';
import { makeCase, seedPairs } from '../tests/domain/align/evaluation.js';

for (const size of [1_000, 10_000]) {
  const c = makeCase(seedPairs(), size, 42, 0.2);
  const started = performance.now();
  const beads = alignItems(c.source, c.target);
  const s = (performance.now() - started) / 1000;
  console.log(
    `${size} paragraph pairs (${c.source.length} source, ${c.target.length} target): ${s.toFixed(2)} s, ${beads.length} beads`,
  );
}
