import type { Exporter, ExportMeta, ExportUnit } from './types.js';

const BOM = '\uFEFF';

/**
 * TSV escapes, the convention of Moses/OPUS tools and of `validate-export --dump`: backslash,
 * tab, LF and CR inside a cell are written `\\` `\t` `\n` `\r`, so each unit is one line.
 */
export function escapeTsv(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPE[c]!);
}
const TSV_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Spreadsheet formula-injection guard (OWASP "CSV injection"): a cell that would start with
 * = + - @ tab or CR gets a leading apostrophe, which Excel and LibreOffice show as text. Cells
 * that already start with apostrophes before such a character get one more, so the import can
 * always remove exactly one and the text round-trips.
 */
export function guardFormula(text: string): string {
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Undoes `guardFormula`. */
export function unguardFormula(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** RFC 4180 field: always quoted (commas, quotes and line breaks are all safe), `"` doubled. */
export function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function columns(meta: ExportMeta): string[] {
  return ['id', meta.sourceLang, meta.targetLang, 'status', 'version'];
}

/** TSV: a header row, then `id, source, target, status, version` a line, escaped as above. */
export const tsvExporter: Exporter = {
  format: 'tsv',
  extension: 'tsv',
  mediaType: 'text/tab-separated-values; charset=utf-8',
  sentences: true,
  head: (meta) => (meta.bom ? BOM : '') + columns(meta).join('\t') + '\n',
  unit: (u: ExportUnit) =>
    [u.id, escapeTsv(u.source), escapeTsv(u.target), u.status, String(u.version)].join('\t') + '\n',
  tail: () => '',
};

/**
 * CSV (RFC 4180): CRLF line ends, a header row, every field quoted, the formula guard on the
 * two text columns, an optional byte-order mark for spreadsheet users.
 */
export const csvExporter: Exporter = {
  format: 'csv',
  extension: 'csv',
  mediaType: 'text/csv; charset=utf-8; header=present',
  sentences: true,
  head: (meta) => (meta.bom ? BOM : '') + columns(meta).map(csvField).join(',') + '\r\n',
  unit: (u: ExportUnit) =>
    [u.id, guardFormula(u.source), guardFormula(u.target), u.status, String(u.version)]
      .map(csvField)
      .join(',') + '\r\n',
  tail: () => '',
};
