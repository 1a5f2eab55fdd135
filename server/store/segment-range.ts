/**
 * Reading a document's segments for an export, a range of positions at a time, straight from
 * better-sqlite3 (rows as plain arrays). Shared by the main thread and the export worker,
 * each on its own connection.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { SegmentForExport } from '../domain/exchange/index.js';
import type { SegmentStatus } from '../domain/segment/index.js';

/** A segment as an export page carries it. */
export type PagedSegment = SegmentForExport & { position: number };

const RANGE_SQL =
  'select "id", "position", "source", "target", "status", "version" from "segments" ' +
  'where "document_id" = ? and "position" > ? and "position" <= ? order by "position"';

/**
 * The position `offset + 1` entries after a given one: the end of the page starting there.
 * Each call steps over one page of the (document_id, position) index without reading rows.
 */
const PAGE_END_SQL =
  'select "position" from "segments" where "document_id" = ? and "position" > ? ' +
  'order by "position" limit 1 offset ?';

/** No upper bound: the last page reads to the end, whatever was added since. */
export const TO_END = Number.MAX_SAFE_INTEGER;

/** Prepared statements of one connection. */
export interface RangeStatements {
  range: SqliteDatabase.Statement;
  pageEnd: SqliteDatabase.Statement;
}

const prepared = new WeakMap<SqliteDatabase.Database, RangeStatements>();

/** The statements for `sqlite`, prepared once per connection. */
export function rangeStatements(sqlite: SqliteDatabase.Database): RangeStatements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      range: sqlite.prepare(RANGE_SQL).raw(true),
      pageEnd: sqlite.prepare(PAGE_END_SQL).pluck(true),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

type RawRow = [number, number, string, string, SegmentStatus, number];

/** The segments with positions in (after, upTo], in order. */
export function readRange(
  s: RangeStatements,
  documentId: number,
  after: number,
  upTo: number,
): PagedSegment[] {
  const rows = s.range.all(documentId, after, upTo) as RawRow[];
  const out = new Array<PagedSegment>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = { id: r[0], position: r[1], source: r[2], target: r[3], status: r[4], version: r[5] };
  }
  return out;
}

/** Page limits for a document: `[0, b1, …, TO_END]`; page k is (bounds[k], bounds[k + 1]]. */
export function pageBounds(s: RangeStatements, documentId: number, pageSize: number): number[] {
  const bounds = [0];
  for (;;) {
    const end = s.pageEnd.get(documentId, bounds.at(-1), pageSize - 1) as number | undefined;
    // The last page (partial, or empty when the count is a multiple) reads to the end.
    if (end === undefined) break;
    bounds.push(end);
  }
  bounds.push(TO_END);
  return bounds;
}
