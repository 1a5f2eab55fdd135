import type { GlossaryEntryInput } from './entry.js';

/** One entry read from an exchange file, before validation: where it was and what it said. */
export interface ImportedRow {
  /** 1-based line of the file where the entry starts. */
  line: number;
  /** The fields as read; validated later with `glossaryEntryInputSchema`. */
  fields: Partial<Record<keyof GlossaryEntryInput, unknown>>;
  /** A problem found while reading the row (the row is then invalid). */
  error?: string;
}

/** A whole-file problem (not well-formed, wrong root…), with its position. */
export interface ParseError {
  message: string;
  line: number;
  column: number;
}

/** What a reader returns: rows, or why the file could not be read at all. */
export type ParseResult = { ok: true; rows: ImportedRow[] } | { ok: false; error: ParseError };

/** Exchange formats of the termbase. */
export const EXCHANGE_FORMATS = ['tbx', 'csv'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

/** Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
