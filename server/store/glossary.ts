import {
  compileGlossary,
  type CompiledGlossary,
  type GlossaryEntry,
  type GlossaryEntryInput,
} from '../domain/glossary/index.js';
import { glossaryGeneration, now, type Db } from './db.js';
import type { GlossaryEntriesTable } from './schema.js';
import type { Selectable } from 'kysely';

function toEntry(row: Selectable<GlossaryEntriesTable>): GlossaryEntry {
  return {
    id: row.id,
    source: row.source,
    target: row.target,
    alternatives: JSON.parse(row.alternatives) as string[],
    forbidden: JSON.parse(row.forbidden) as string[],
    note: row.note,
    caseSensitive: row.case_sensitive === 1,
    domain: row.domain,
  };
}

/** Every glossary entry, ordered by source term. */
export async function listGlossary(db: Db): Promise<GlossaryEntry[]> {
  const rows = await db.selectFrom('glossary_entries').selectAll().orderBy('source').execute();
  return rows.map(toEntry);
}

/** Inserts entries; call inside a transaction when inserting several. */
export async function insertGlossaryEntries(
  db: Db,
  entries: GlossaryEntryInput[],
): Promise<number[]> {
  const at = now();
  const ids: number[] = [];
  for (const e of entries) {
    const row = await db
      .insertInto('glossary_entries')
      .values({
        source: e.source,
        target: e.target,
        alternatives: JSON.stringify(e.alternatives),
        forbidden: JSON.stringify(e.forbidden),
        note: e.note,
        case_sensitive: e.caseSensitive ? 1 : 0,
        domain: e.domain,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** One entry by id. */
export async function getGlossaryEntry(db: Db, id: number): Promise<GlossaryEntry | undefined> {
  const row = await db
    .selectFrom('glossary_entries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toEntry(row);
}

function toRow(e: GlossaryEntryInput) {
  return {
    source: e.source,
    target: e.target,
    alternatives: JSON.stringify(e.alternatives),
    forbidden: JSON.stringify(e.forbidden),
    note: e.note,
    case_sensitive: e.caseSensitive ? 1 : 0,
    domain: e.domain,
  };
}

/** Replaces an entry's fields; false when there is no such entry. */
export async function updateGlossaryEntry(
  db: Db,
  id: number,
  e: GlossaryEntryInput,
): Promise<boolean> {
  const r = await db
    .updateTable('glossary_entries')
    .set({ ...toRow(e), updated_at: now() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes an entry; false when there is no such entry. */
export async function deleteGlossaryEntry(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('glossary_entries').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

const compiledCache = new WeakMap<
  Db,
  { generation: string | undefined; version: string; compiled: CompiledGlossary }
>();

/**
 * The glossary compiled for matching, rebuilt only when an entry changed since the last call
 * on this database: compiling converts every term's script variants and builds two automata.
 * While no statement wrote the glossary and no other connection committed (glossaryGeneration)
 * the compiled one is returned at once; otherwise the entries are read and compared (about
 * 4 ms per thousand entries: 22 ms of every consistency request with 5,000).
 */
export async function loadCompiledGlossary(db: Db): Promise<CompiledGlossary> {
  const generation = glossaryGeneration(db);
  const hit = compiledCache.get(db);
  if (hit && generation !== undefined && hit.generation === generation) return hit.compiled;
  const entries = await listGlossary(db);
  const version = JSON.stringify(entries);
  if (hit?.version === version) {
    hit.generation = generation;
    return hit.compiled;
  }
  const compiled = compileGlossary(entries);
  compiledCache.set(db, { generation, version, compiled });
  return compiled;
}
