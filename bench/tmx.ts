/** Synthetic parallel text as TMX, built by plain string concatenation (the benchmark's side). */
import { chineseParagraph, englishParagraph, seededRandom } from './lib.js';

export interface Pair {
  source: string;
  target: string;
}

/**
 * `n` seeded pairs of news-like Chinese (~40 characters) and English (~20 words): sentence-sized
 * units as CAT tools exchange them, so that 100,000 of them stay under the 50 MB import limit.
 */
export function makePairs(n: number, seed = 7): Pair[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => ({
    source: chineseParagraph(rand, 40),
    target: englishParagraph(rand, 20),
  }));
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ENTITY[c]!);

/** A TMX 1.4b file of the pairs, one `<tu>` each, as another CAT tool would write it. */
export function buildTmx(pairs: readonly Pair[]): string {
  let out =
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' +
    '<header creationtool="bench" creationtoolversion="1" segtype="paragraph" o-tmf="bench"' +
    ' adminlang="en" srclang="zh-CN" datatype="plaintext">\n</header>\n<body>\n';
  pairs.forEach((p, i) => {
    out +=
      `<tu tuid="${i + 1}">\n` +
      `  <tuv xml:lang="zh-CN"><seg>${esc(p.source)}</seg></tuv>\n` +
      `  <tuv xml:lang="en"><seg>${esc(p.target)}</seg></tuv>\n</tu>\n`;
  });
  return `${out}</body>\n</tmx>\n`;
}
