/** Any line break: CRLF, LF or a lone CR (old Mac files and some copy-pastes). */
const LINE_BREAK = /\r\n|\n|\r/;

/**
 * Splits a text into paragraphs: one paragraph per non-blank line, kept exactly as written
 * (no trimming, no normalisation: the source must stay byte-identical to other copies of it).
 * A leading byte-order mark is dropped; blank and whitespace-only lines separate paragraphs.
 */
export function splitParagraphs(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split(LINE_BREAK).filter((line) => line.trim() !== '');
}

/** A source paragraph and its translation, with their 1-based line numbers in the files. */
export interface LinePair {
  source: string;
  target: string;
  line: number;
}

/** Result of pairing a source file with a translation that mirrors it line by line. */
export type PairLinesResult = { ok: true; pairs: LinePair[] } | { ok: false; error: string };

/**
 * Pairs two line-mirrored files: line N of the target translates line N of the source, blank
 * lines stand opposite blank lines. Returns an error naming the first line that breaks this.
 */
export function pairMirroredLines(source: string, target: string): PairLinesResult {
  const strip = (s: string) =>
    (s.startsWith('\uFEFF') ? s.slice(1) : s).replace(/(\r\n|\n|\r)$/, '');
  const src = strip(source).split(LINE_BREAK);
  const tgt = strip(target).split(LINE_BREAK);
  if (src.length !== tgt.length) {
    return { ok: false, error: `source has ${src.length} lines but target has ${tgt.length}` };
  }
  const pairs: LinePair[] = [];
  for (let i = 0; i < src.length; i++) {
    const s = src[i] ?? '';
    const t = tgt[i] ?? '';
    const sBlank = s.trim() === '';
    if (sBlank !== (t.trim() === '')) {
      return {
        ok: false,
        error: `line ${i + 1}: ${sBlank ? 'source is blank but target is not' : 'target is blank but source is not'}`,
      };
    }
    if (!sBlank) pairs.push({ source: s, target: t, line: i + 1 });
  }
  return { ok: true, pairs };
}
