import type { GlossaryEntry, GlossaryEntryInput } from '../domain/glossary/index.js';
import { now, type Db } from './db.js';
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
