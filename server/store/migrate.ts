import { Migrator, type Kysely, type Migration } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/** The database was migrated by a newer build of Duizhao than this one. */
export class SchemaTooNewError extends Error {}

const TABLE = 'schema_migrations';

/**
 * Brings the schema up to date, forward only. Refuses, before touching anything, a database
 * that has migrations this code does not know (it was written by a newer build): running old
 * code on it could corrupt data the newer code relies on.
 * @returns the names of the migrations applied by this call
 */
export async function migrate(
  db: Kysely<any>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<string[]> {
  const known = new Set(Object.keys(migrations));
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `The database has migrations this version does not know (${unknown.join(', ')}): ` +
        'it was created by a newer Duizhao. Upgrade Duizhao or restore a backup.',
    );
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: TABLE,
    migrationLockTableName: `${TABLE}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === TABLE)) return [];
  const rows = await db.selectFrom(TABLE).select('name').execute();
  return rows.map((r) => String(r.name));
}
