import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';

/**
 * Table suffix per dialect: SQLite tables are STRICT (a column accepts only its declared type,
 * as in PostgreSQL); other dialects need nothing.
 */
export function tableOptions(db: Kysely<any>): RawBuilder<unknown> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return sqlite ? sql` strict` : sql``;
}
