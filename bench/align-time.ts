/**
 * align: aligning 10,000 paragraph pairs (the seed article's paragraphs drawn in a seeded
 * random order, 20 % damaged: merged, split and dropped on either side) with the document
 * aligner's Gale–Church DP. No baseline: judged on time (under 2 s), reported as pairs/s too.
 */
import { alignItems } from '../server/domain/align/index.js';
import { makeCase, seedPairs } from '../tests/domain/align/evaluation.js';
import { round, timeMedian, type BenchResult } from './lib.js';

export async function benchAlign(opts: { pairs: number; runs: number }): Promise<BenchResult> {
  const c = makeCase(seedPairs(), opts.pairs, 42, 0.2);
  let beads = 0;
  const ms = timeMedian(opts.runs, () => (beads = alignItems(c.source, c.target).length));
  return {
    value: round(ms, 0),
    unit: 'ms',
    target: '< 2000 ms',
    pass: ms < 2000,
    pairs: opts.pairs,
    pairsPerSecond: Math.round(opts.pairs / (ms / 1000)),
    sourceItems: c.source.length,
    targetItems: c.target.length,
    beads,
  };
}
