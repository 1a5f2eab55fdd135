/**
 * Source terms found in a text, as parallel typed arrays rather than one object per match:
 * on 1 M characters with 89,000 matches, making `SourceMatch` objects costs about as much as
 * reading the text once with `charCodeAt` (bench termScan), more than a quarter of the whole
 * match. Hit `k < count` spans `start[k] .. end[k]` (UTF-16 offsets into the text), stands
 * for the entry `entry[k]` (an index into `CompiledGlossary.entries`; `entryIds` maps it to
 * the id) and matched the key `pattern[k]` (an index into `CompiledGlossary.source.patterns`).
 * Hits are in start order and do not overlap (longest first, then leftmost).
 *
 * The arrays are a buffer reused by the next scan (the JS scan's, below, shared by every
 * glossary; the WebAssembly scan's, views of its memory, one per glossary), and longer than
 * `count`: read (or copy) what you need before the next scan.
 */
export interface TermHits {
  count: number;
  start: Int32Array;
  end: Int32Array;
  entry: Int32Array;
  pattern: Int32Array;
}

/** The JS scan's shared buffer (see `TermHits`); its arrays are replaced when they grow. */
export const hits: TermHits = {
  count: 0,
  start: new Int32Array(1024),
  end: new Int32Array(1024),
  entry: new Int32Array(1024),
  pattern: new Int32Array(1024),
};

/** Makes room for at least `need` hits, keeping the first `keep`; returns the capacity. */
export function growHits(need: number, keep: number): number {
  let size = hits.start.length;
  while (size < need) size *= 2;
  if (size === hits.start.length) return size;
  for (const key of ['start', 'end', 'entry', 'pattern'] as const) {
    const grown = new Int32Array(size);
    grown.set(hits[key].subarray(0, keep));
    hits[key] = grown;
  }
  return size;
}
