import { parseCsv, parseJsonl, parseTsv } from './parse-delimited.js';
import { parseTmx } from './parse-tmx.js';
import { parseXliff } from './parse-xliff.js';
import type { ParseResult } from './types.js';

/** Every import format, by the name `?format=` takes. XLIFF parsers accept 1.2 and 2.x alike. */
export const IMPORTERS = {
  tmx: parseTmx,
  xliff12: parseXliff,
  xliff2: parseXliff,
  xliff: parseXliff,
  tsv: parseTsv,
  csv: parseCsv,
  jsonl: parseJsonl,
} as const satisfies Record<string, (text: string) => ParseResult>;

export type ImportFormat = keyof typeof IMPORTERS;
export const IMPORT_FORMATS = Object.keys(IMPORTERS) as ImportFormat[];

/**
 * Whether a format is XML. TMX and XLIFF 1.2 cannot carry some control characters (see
 * xml-text.ts), so texts are compared without them; XLIFF 2 could, but a file named xliff2 may
 * still be 1.2, and a difference in control characters alone is no translation change.
 */
export function isXmlFormat(format: ImportFormat): boolean {
  return format === 'tmx' || format === 'xliff12' || format === 'xliff2' || format === 'xliff';
}
