import { unguardFormula } from './delimited.js';
import { asStatus, asVersion, MAX_UNITS } from './parse-status.js';
import type { ImportedUnit, ParseError, ParseResult } from './types.js';

type Rows =
  { ok: true; rows: { cells: string[]; line: number }[] } | { ok: false; error: ParseError };

/**
 * RFC 4180 records: comma-separated, `"`-quoted fields with `""` escapes, CRLF or LF line
 * ends, line breaks allowed inside quotes. A stray quote in an unquoted field or an
 * unterminated quote is an error with its line and column.
 */
export function parseCsvRows(text: string): Rows {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let col = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let quoteLine = 0;
  let quoteCol = 0;
  const fail = (message: string, l = line, c = col): Rows => ({
    ok: false,
    error: { message, line: l, column: c },
  });
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          col += 2;
          continue;
        }
        quoted = false;
        i += 1;
        col += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          return fail('a quoted field must end at a comma or line end');
        continue;
      }
      if (ch === '\n') {
        line += 1;
        col = 0;
      }
      cell += ch;
      i += 1;
      col += 1;
      continue;
    }
    if (ch === '"') {
      if (cell !== '') return fail('a quote inside an unquoted field (quote the whole field)');
      quoted = true;
      quoteLine = line;
      quoteCol = col;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line += 1;
      col = 0;
      rowLine = line;
    } else cell += ch;
    i += 1;
    col += 1;
  }
  if (quoted) return fail('a quoted field is never closed', quoteLine, quoteCol);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return { ok: true, rows };
}

/** Undoes the TSV escapes (`\\` `\t` `\n` `\r`); any other backslash stays as written. */
export function unescapeTsv(text: string): string {
  return text.replace(/\\([\\tnr])/g, (_m, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
  );
}

/** Tab-separated records, one a line (CRLF tolerated), cells unescaped. */
export function parseTsvRows(text: string): Rows {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return {
    ok: true,
    rows: lines.map((l, i) => ({
      cells: l.replace(/\r$/, '').split('\t').map(unescapeTsv),
      line: i + 1,
    })),
  };
}

const LANG_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/i;

/** Finds the columns by header name: id, source (`source` or a zh tag), target, status, version. */
function columns(header: string[]) {
  const find = (test: (h: string) => boolean) => header.findIndex((h) => test(h.trim()));
  const source = find((h) => /^(source|original|zh(-.*)?)$/i.test(h));
  const target = find((h) => /^(target|translation|en(-.*)?)$/i.test(h));
  return {
    id: find((h) => /^id$/i.test(h)),
    source,
    target,
    status: find((h) => /^status$/i.test(h)),
    version: find((h) => /^version$/i.test(h)),
  };
}

/** Units from delimited rows with a header row (TSV or CSV). */
export function unitsFromRows(
  rows: { cells: string[]; line: number }[],
  options: { unguard: boolean },
): ParseResult {
  const [header, ...records] = rows;
  if (!header) return { ok: false, error: { message: 'the file is empty', line: 1, column: 1 } };
  const col = columns(header.cells);
  if (col.source < 0 || col.target < 0) {
    return {
      ok: false,
      error: {
        message:
          'the header row needs a source column (source or zh-CN…) and a target column (target or en…)',
        line: header.line,
        column: 1,
      },
    };
  }
  if (records.length > MAX_UNITS)
    return {
      ok: false,
      error: { message: `more than ${MAX_UNITS} units`, line: header.line, column: 1 },
    };
  const text = (s: string | undefined) => (options.unguard ? unguardFormula(s ?? '') : (s ?? ''));
  const units: ImportedUnit[] = [];
  for (const r of records) {
    if (r.cells.length !== header.cells.length) {
      return {
        ok: false,
        error: {
          message: `this row has ${r.cells.length} fields but the header has ${header.cells.length}`,
          line: r.line,
          column: 1,
        },
      };
    }
    const cell = (i: number) => (i < 0 ? undefined : r.cells[i]);
    units.push({
      id: cell(col.id) || undefined,
      source: text(cell(col.source)),
      target: text(cell(col.target)),
      status: asStatus(cell(col.status)),
      version: asVersion(cell(col.version)),
      line: r.line,
    });
  }
  const lang = (i: number) => {
    const h = header.cells[i]?.trim() ?? '';
    return LANG_TAG.test(h) ? h : undefined;
  };
  return { ok: true, file: { sourceLang: lang(col.source), targetLang: lang(col.target), units } };
}

/** Reads our TSV (or any TSV with a recognisable header row). */
export function parseTsv(text: string): ParseResult {
  const rows = parseTsvRows(text);
  return rows.ok ? unitsFromRows(rows.rows, { unguard: false }) : rows;
}

/** Reads our CSV (or any RFC 4180 CSV with a recognisable header row); undoes the formula guard. */
export function parseCsv(text: string): ParseResult {
  const rows = parseCsvRows(text);
  return rows.ok ? unitsFromRows(rows.rows, { unguard: true }) : rows;
}

/** Reads JSON Lines: one `{"id","zh","en","status","version"}` (or source/target) a line. */
export function parseJsonl(text: string): ParseResult {
  const units: ImportedUnit[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    if (units.length >= MAX_UNITS)
      return {
        ok: false,
        error: { message: `more than ${MAX_UNITS} units`, line: i + 1, column: 1 },
      };
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      return {
        ok: false,
        error: { message: `not JSON: ${(e as Error).message}`, line: i + 1, column: 1 },
      };
    }
    const o = (v ?? {}) as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
    const source = str(o.zh) ?? str(o.source);
    if (source === undefined)
      return {
        ok: false,
        error: { message: 'each line needs a "zh" (or "source") string', line: i + 1, column: 1 },
      };
    units.push({
      id: str(o.id) ?? (typeof o.id === 'number' ? String(o.id) : undefined),
      source,
      target: str(o.en) ?? str(o.target),
      status: asStatus(str(o.status)),
      version: typeof o.version === 'number' ? asVersion(String(o.version)) : undefined,
      line: i + 1,
    });
  }
  return { ok: true, file: { units } };
}
