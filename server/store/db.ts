import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import type { Database } from './schema.js';

/** The store handle every repository takes as its first argument. */
export type Db = Kysely<Database>;

/** A database URL that names no backend this build has. */
export class UnsupportedDatabaseError extends Error {}

/**
 * Opens the database named by `url` (`sqlite:PATH` or `sqlite::memory:`).
 *
 * SQLite settings: WAL so readers never block the writer; foreign keys on (off by default in
 * SQLite); a busy timeout so a second process waits instead of failing; synchronous=FULL so an
 * acknowledged save survives a power cut, not only a process crash (measured ~5,000 durable
 * commits/s here, far above what a team of translators produces).
 */
export function openDb(url: string): Db {
  const match = /^sqlite:(.+)$/.exec(url);
  if (!match?.[1]) throw new UnsupportedDatabaseError(`Unsupported DATABASE_URL: ${url}`);
  const file = match[1] === ':memory:' ? ':memory:' : path.resolve(match[1]);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const writes: Record<WatchedTables, number> = { auth: 0, glossary: 0 };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: withStatementCache(sqlite, (kind) => void writes[kind]++),
    }),
  });
  // Other connections (a CLI, a second process) are seen through data_version, which changes
  // whenever another connection commits; it costs no I/O.
  handles.set(db, sqlite);
  generations.set(
    db,
    (kind) => `${writes[kind]}:${String(sqlite.pragma('data_version', { simple: true }))}`,
  );
  return db;
}

const handles = new WeakMap<Db, SqliteDatabase.Database>();

/**
 * The better-sqlite3 connection behind `db`, for the rare hot path Kysely cannot serve (rows
 * as plain arrays: a 100,000-row export). Use it only while holding the connection
 * (`db.connection().execute(...)`), so it never runs in the middle of another request's
 * transaction. Undefined for a handle not made by `openDb`.
 */
export function sqliteHandle(db: Db): SqliteDatabase.Database | undefined {
  return handles.get(db);
}

/** Groups of tables whose writes are counted, for caches of what is read from them. */
type WatchedTables = 'auth' | 'glossary';

const generations = new WeakMap<Db, (kind: WatchedTables) => string>();

/**
 * A value that changes whenever users or API tokens may have changed: a statement writing
 * either table ran on this connection, or another connection committed anything. Caches of
 * who a credential belongs to compare it on every use, so a revocation, deactivation or
 * password change takes effect on the very next request. Undefined for a handle not made
 * by `openDb` (then nothing may be cached).
 */
export function authGeneration(db: Db): string | undefined {
  return generations.get(db)?.('auth');
}

/** Like `authGeneration`, for the glossary: the compiled glossary is kept while it holds. */
export function glossaryGeneration(db: Db): string | undefined {
  return generations.get(db)?.('glossary');
}

/** SQL that writes a watched group of tables (sessions aside: not cached). */
const WATCHED_WRITES: [WatchedTables, RegExp][] = [
  ['auth', /^\s*(?:insert|update|delete|replace)\b[\s\S]*?["`\s](?:users|api_tokens)["`\s]/i],
  ['glossary', /^\s*(?:insert|update|delete|replace)\b[\s\S]*?["`\s]glossary_entries["`\s]/i],
];

/** How many distinct SQL strings keep a prepared statement (the app has a few hundred). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind Kysely with prepared statements reused: Kysely prepares every query
 * anew, which showed as ~7 % of the server's CPU under autosave load. Statements are reusable
 * and better-sqlite3 runs them synchronously, so one per SQL string is safe. Bounded (oldest
 * dropped first) so dynamically built SQL cannot grow it without limit.
 */
function withStatementCache(
  sqlite: SqliteDatabase.Database,
  onWrite: (kind: WatchedTables) => void,
): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        for (const [kind, re] of WATCHED_WRITES)
          if (re.test(sql)) statement = counted(statement, () => onWrite(kind));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** A statement that calls `onRun` each time it runs (before, so no reader can miss it). */
function counted(statement: SqliteDatabase.Statement, onRun: () => void): SqliteDatabase.Statement {
  return new Proxy(statement, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'run' || key === 'all' || key === 'get' || key === 'iterate')
        return (...args: unknown[]) => {
          onRun();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** The current time as the store writes it: ISO-8601 UTC. */
export function now(): string {
  return new Date().toISOString();
}
