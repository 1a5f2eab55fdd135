import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { GlossaryEntryInput } from './entry.js';
import type { ImportedRow, ParseResult } from './exchange.js';

/**
 * Glossary CSV (RFC 4180, UTF-8, CRLF, header row). Columns, in this order:
 * `source, target, alternatives, forbidden, note, caseSensitive, domain`. Lists are joined with
 * ` | ` (so list items may not contain `|`); `caseSensitive` is `true` or `false`. `source` and
 * `target` are the names translate-toolkit and other CAT tools recognise.
 */
export const CSV_COLUMNS = [
  'source',
  'target',
  'alternatives',
  'forbidden',
  'note',
  'caseSensitive',
  'domain',
] as const;

const LIST_SEPARATOR = ' | ';
// OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Guards a cell against formula injection; `readCell` undoes it, so re-imports are exact. */
function guard(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function readCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Serializes entries as glossary CSV. */
export function serializeCsv(entries: readonly GlossaryEntryInput[]): string {
  const rows = entries.map((e) =>
    [
      e.source,
      e.target,
      e.alternatives.join(LIST_SEPARATOR),
      e.forbidden.join(LIST_SEPARATOR),
      e.note,
      e.caseSensitive ? 'true' : 'false',
      e.domain,
    ].map(guard),
  );
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}

function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseBool(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0', ''].includes(v)) return false;
  return `caseSensitive must be true or false, not "${cell}"`;
}

/** Reads glossary CSV; rows carry their line numbers. Unknown columns are refused. */
export function parseCsv(text: string): ParseResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message?: string; lines?: number; column?: number };
    return {
      ok: false,
      error: { message: err.message ?? 'not valid CSV', line: err.lines ?? 1, column: 1 },
    };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, error: { message: 'the file is empty', line: 1, column: 1 } };
  const names = head.record.map((h) => h.trim());
  const index = new Map(names.map((h, i) => [h.toLowerCase(), i]));
  const unknown = names.filter(
    (h) => !CSV_COLUMNS.some((c) => c.toLowerCase() === h.toLowerCase()),
  );
  const missing = ['source', 'target'].filter((c) => !index.has(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return {
      ok: false,
      error: {
        message: `header: ${parts.join('; ')}; expected ${CSV_COLUMNS.join(',')}`,
        line: 1,
        column: 1,
      },
    };
  }
  const cell = (r: string[], name: string) => {
    const i = index.get(name.toLowerCase());
    return i === undefined ? '' : readCell(r[i] ?? '');
  };
  const rows: ImportedRow[] = body.map(({ record, info }) => {
    // info.lines is the line where the record ends; a record with newlines inside starts earlier.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const caseSensitive = parseBool(cell(record, 'caseSensitive'));
    return {
      line,
      fields: {
        source: cell(record, 'source'),
        target: cell(record, 'target'),
        alternatives: splitList(cell(record, 'alternatives')),
        forbidden: splitList(cell(record, 'forbidden')),
        note: cell(record, 'note'),
        caseSensitive: caseSensitive === true,
        domain: cell(record, 'domain'),
      },
      ...(typeof caseSensitive === 'string' ? { error: caseSensitive } : {}),
    };
  });
  return { ok: true, rows };
}
