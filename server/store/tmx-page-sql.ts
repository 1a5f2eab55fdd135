/**
 * A page of a TMX export made by SQLite: one statement concatenates the page's `<tu>`s in C
 * and returns them as one UTF-8 BLOB, so no JS string is made per row.
 *
 * Why: reading 100,000 rows into JS strings alone (UTF-8 → UTF-16) took 235–350 ms, as long
 * as building the whole 45 MB TMX in memory; the statement takes ~90–130 ms for those rows
 * and the check below ~45 ms, shared by the two threads of export-stream.ts.
 *
 * The texts go in unescaped: escaping in SQL would double the statement's time. The page
 * is used only once xml-clean-check.ts proves that escaping would have changed nothing;
 * any other page (an `&`, a CR, a control character, a `<` in a text, invalid UTF-8, a
 * segment with notes, a page too big for one SQLite string) is made by the JS exporter as
 * before, so the export is byte for byte the same. A status filter is part of the statement.
 *
 * The markup is not written here: it is taken from the JS exporter (tmx.ts `unit()`), which
 * renders a unit whose fields are placeholders; the literal pieces between them become bound
 * parameters of `concat()`. `concat()`, not `printf('%s')`, which cuts a text at a NUL.
 */
import type SqliteDatabase from 'better-sqlite3';
import { tmxExporter } from '../domain/exchange/tmx.js';
import type { ExportMeta, ExportNote } from '../domain/exchange/types.js';
import { countBrackets, isCleanXmlUtf8 } from '../domain/exchange/xml-clean-check.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../domain/segment/status.js';

/** How to make the pages of one TMX export in SQL: plain data, posted to the export worker. */
export interface TmxPageSql {
  sql: string;
  /** The markup pieces (and filters) bound by name; the page bounds are added per page. */
  params: Record<string, string>;
  /** `<` and `>` in one unit's markup. */
  bracketsPerUnit: number;
}

/** The export options that decide whether SQL can make the pages. */
export interface TmxPageRequest {
  format: string;
  granularity: 'paragraph' | 'sentence';
  convertSource: ((text: string) => string) | undefined;
  meta: ExportMeta;
  statuses: readonly SegmentStatus[] | undefined;
  notes: ReadonlyMap<number, readonly ExportNote[]>;
}

/** The columns a unit's markup interleaves, as the exporter's unit fields name them. */
const FIELDS = ['id', 'status', 'version', 'source', 'target'] as const;
type Field = (typeof FIELDS)[number];

/** Placeholders in private-use characters, which no escaping touches. */
const placeholder = (field: Field) => `\uE000${field}\uE001`;
const PLACEHOLDERS = /\uE000(id|status|version|source|target)\uE001/g;

/**
 * The SQL for the pages of this export, or undefined when the export must be made in JS:
 * another format, sentence units, a converted variant, or markup that is not plain text
 * (a language code needing escaping, or an exporter whose unit is not literal pieces and
 * fields).
 */
export function tmxPageSql(request: TmxPageRequest): TmxPageSql | undefined {
  if (request.format !== 'tmx' || request.granularity !== 'paragraph' || request.convertSource)
    return undefined;
  const template = unitTemplate(request.meta);
  if (!template) return undefined;
  const { pieces, fields } = template;

  const params: Record<string, string> = {};
  const parts: string[] = [];
  pieces.forEach((piece, k) => {
    if (piece !== '') {
      params[`m${k}`] = piece;
      parts.push(`@m${k}`);
    }
    const field = fields[k];
    if (field) parts.push(`"${field}"`);
  });
  const noted = [...request.notes].filter(([, n]) => n.length > 0).map(([id]) => id);
  if (noted.length > 0) params.noted = JSON.stringify(noted);
  if (request.statuses) params.statuses = JSON.stringify(request.statuses);

  const sql =
    `select cast(group_concat(concat(${parts.join(', ')}), '') as blob), count(*)` +
    // Units with notes get <note>s: such a page is made in JS.
    (params.noted ? `, sum("id" in (select "value" from json_each(@noted)))` : '') +
    ` from (select ${FIELDS.map((f) => `"${f}"`).join(', ')} from "segments"` +
    ` where "document_id" = @document and "position" > @after and "position" <= @upTo` +
    (params.statuses ? ` and "status" in (select "value" from json_each(@statuses))` : '') +
    // group_concat() takes the rows in the order the subquery yields them: SQLite keeps a
    // FROM subquery's ORDER BY when the outer query uses an aggregate other than count(),
    // min() or max() (select.c, the exceptions to omitting such an ORDER BY), and the
    // (document_id, position) index yields it with no sort. group_concat(… order by
    // position) would say so in the call, but sorts each page again in a temp b-tree:
    // +70–90 ms per 100,000 rows, about half of the statement's time.
    ` order by "position")`;
  return { sql, params, bracketsPerUnit: countBrackets(pieces.join('')) };
}

/**
 * The exporter's unit markup as literal pieces around fields (`pieces[k]` precedes
 * `fields[k]`), checked against real units: undefined when it is not that simple, or when
 * the markup itself is not plain XML text.
 */
function unitTemplate(meta: ExportMeta): { pieces: string[]; fields: Field[] } | undefined {
  const unit = tmxExporter.unit;
  const probe = unit(
    {
      id: placeholder('id'),
      status: placeholder('status') as SegmentStatus,
      // The exporter writes the number as text; a string placeholder stands in for it.
      version: placeholder('version') as unknown as number,
      source: placeholder('source'),
      target: placeholder('target'),
      notes: [],
    },
    meta,
  );
  // With the capture group: piece, field, piece, …, piece.
  const split = probe.split(PLACEHOLDERS);
  const pieces = split.filter((_, k) => k % 2 === 0);
  const fields = split.filter((_, k) => k % 2 === 1) as Field[];
  const markup = pieces.join('');
  if (!isCleanXmlUtf8(new TextEncoder().encode(markup), countBrackets(markup))) return undefined;
  // Real units, every status, empty texts and not: the template must give exactly them.
  const ok = SEGMENT_STATUSES.every((status, k) => {
    const u = {
      id: String(90 + k),
      status,
      version: k + 1,
      source: k % 2 ? '源文' : '',
      target: k % 2 ? '' : 'Target\ttext',
      notes: [],
    };
    const filled = fields.map((f) => String(u[f]));
    return pieces.map((p, j) => p + (filled[j] ?? '')).join('') === unit(u, meta);
  });
  return ok ? { pieces, fields } : undefined;
}

interface Connection {
  /** Whether the database stores text as UTF-8, which `cast(… as blob)` then returns. */
  utf8: boolean;
  statements: Map<string, SqliteDatabase.Statement>;
}

const connections = new WeakMap<SqliteDatabase.Database, Connection>();

/**
 * The units of the segments with positions in (after, upTo] as UTF-8 TMX, or undefined when
 * this page must be made by the JS exporter.
 */
export function readTmxPage(
  sqlite: SqliteDatabase.Database,
  plan: TmxPageSql,
  documentId: number,
  after: number,
  upTo: number,
): Uint8Array | undefined {
  let c = connections.get(sqlite);
  if (!c) {
    c = { utf8: sqlite.pragma('encoding', { simple: true }) === 'UTF-8', statements: new Map() };
    connections.set(sqlite, c);
  }
  if (!c.utf8) return undefined;
  let statement = c.statements.get(plan.sql);
  if (!statement) {
    statement = sqlite.prepare(plan.sql).raw(true);
    c.statements.set(plan.sql, statement);
  }
  let row: [Uint8Array | null, number, number?];
  try {
    row = statement.get({ ...plan.params, document: documentId, after, upTo }) as typeof row;
  } catch (e) {
    // Over SQLite's longest string (1 GB): the JS exporter makes it in chunks.
    if ((e as { code?: unknown }).code === 'SQLITE_TOOBIG') return undefined;
    throw e;
  }
  const [units, count, noted] = row;
  if (noted) return undefined;
  if (!units) return new Uint8Array(0);
  return isCleanXmlUtf8(units, count * plan.bracketsPerUnit) ? units : undefined;
}
