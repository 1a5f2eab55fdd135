import type { Exporter, ExportMeta, ExportUnit } from './types.js';

/**
 * Every character that a line-oriented tool may take as a line end: LF, CR, VT, FF, the file,
 * group and record separators, NEL, and the Unicode line and paragraph separators (the set
 * Python's `str.splitlines()` uses).
 */
const LINE_ENDS = /\r\n|[\n\r\v\f\u001C-\u001E\u0085\u2028\u2029]/g;

/** One paragraph as one line: line ends inside it become a single space (Moses/OPUS convention). */
export function oneLine(text: string): string {
  return text.replace(LINE_ENDS, ' ');
}

/** Plain text, one unit a line, line-aligned with the other side's file: `side` picks which. */
export const txtExporter: Exporter = {
  format: 'txt',
  extension: 'txt',
  mediaType: 'text/plain; charset=utf-8',
  sentences: true,
  head: () => '',
  unit: (u: ExportUnit, meta: ExportMeta) =>
    `${oneLine(meta.side === 'source' ? u.source : u.target)}\n`,
  tail: () => '',
};
