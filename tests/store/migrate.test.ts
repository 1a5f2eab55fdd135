import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../server/corpus/read-corpus.js';
import { openDb, type Db } from '../../server/store/db.js';
import { migrate, SchemaTooNewError } from '../../server/store/migrate.js';
import { MIGRATIONS } from '../../server/store/migrations/index.js';
import { seedIfEmpty } from '../../server/store/seed.js';
import { countDocuments, getDocument } from '../../server/store/documents.js';
import { countUsers } from '../../server/store/users.js';

const TABLES = [
  'annotation_replies',
  'annotations',
  'api_tokens',
  'audit_events',
  'documents',
  'glossary_entries',
  'qa_acceptances',
  'revisions',
  'schema_migrations',
  'schema_migrations_lock',
  'segments',
  'sessions',
  'users',
];

const open: Db[] = [];
function tempDbUrl(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-'));
  return `sqlite:${path.join(dir, 'test.sqlite')}`;
}
function track(db: Db): Db {
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()));
});

describe('migrate', () => {
  it('creates every table on a fresh database', async () => {
    const db = track(openDb('sqlite::memory:'));
    expect(await migrate(db)).toEqual(Object.keys(MIGRATIONS));
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(TABLES);
  });

  it('makes STRICT tables with foreign keys enforced', async () => {
    const db = track(openDb('sqlite::memory:'));
    await migrate(db);
    const insertOrphan = sql`insert into segments (document_id, position, source, updated_at) values (999, 1, 'x', 'now')`;
    await expect(insertOrphan.execute(db)).rejects.toThrow(/FOREIGN KEY/);
    const wrongType = sql`insert into documents (title, source_lang, target_lang, created_at, updated_at) values (x'00', 'zh', 'en', 'a', 'b')`;
    await expect(wrongType.execute(db)).rejects.toThrow(/cannot store BLOB/);
  });

  it('leaves an existing database and its data alone when run again', async () => {
    const url = tempDbUrl();
    const first = openDb(url);
    await migrate(first);
    await seedIfEmpty(first, { adminPasswordHash: 'x', corpus: readCorpus() });
    await first.destroy();

    const again = track(openDb(url));
    expect(await migrate(again)).toEqual([]);
    expect(await countDocuments(again)).toBe(1);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
  });

  it('applies a new migration on top of an existing database', async () => {
    const db = track(openDb('sqlite::memory:'));
    await migrate(db);
    const next: Migration = {
      up: async (d) => {
        await d.schema.alterTable('documents').addColumn('note', 'text').execute();
      },
    };
    expect(await migrate(db, { ...MIGRATIONS, '9999-test': next })).toEqual(['9999-test']);
    const cols = (await db.introspection.getTables()).find((t) => t.name === 'documents')?.columns;
    expect(cols?.map((c) => c.name)).toContain('note');
  });

  it('refuses a database written by a newer version, changing nothing', async () => {
    const db = track(openDb('sqlite::memory:'));
    const future: Migration = { up: async () => {} };
    await migrate(db, { ...MIGRATIONS, '9999-future': future });
    await expect(migrate(db)).rejects.toThrow(SchemaTooNewError);
    await expect(migrate(db)).rejects.toThrow(/9999-future/);
  });
});

describe('seedIfEmpty', () => {
  it('creates admin, glossary, document and annotations once, and never again', async () => {
    const db = track(openDb('sqlite::memory:'));
    await migrate(db);
    const corpus = readCorpus();
    const first = await seedIfEmpty(db, { adminPasswordHash: 'x', corpus });
    expect(first).toMatchObject({ seeded: true, documents: 1 });
    expect(first.glossaryEntries).toBe(corpus.glossary.length);
    expect(first.annotations).toBe(corpus.documents[0]?.annotations.length);

    // Work done since the first start is never overwritten by a restart.
    await sql`update segments set target = 'edited by a translator' where position = 2`.execute(db);
    const second = await seedIfEmpty(db, { adminPasswordHash: 'x', corpus });
    expect(second.seeded).toBe(false);
    expect(await countDocuments(db)).toBe(1);
    const doc = await getDocument(db, 1);
    expect(doc?.segments[1]?.target).toBe('edited by a translator');
  });

  it('writes nothing at all when loading fails half-way', async () => {
    const db = track(openDb('sqlite::memory:'));
    await migrate(db);
    const corpus = readCorpus();
    const broken = structuredClone(corpus);
    const doc = broken.documents[0];
    if (!doc) throw new Error('no corpus document');
    doc.annotations.push({ ...doc.annotations[0]!, paragraph: 99 });
    await expect(seedIfEmpty(db, { adminPasswordHash: 'x', corpus: broken })).rejects.toThrow();
    expect(await countUsers(db)).toBe(0);
    expect(await countDocuments(db)).toBe(0);
  });
});
