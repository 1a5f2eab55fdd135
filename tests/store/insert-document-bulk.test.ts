import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.js';
import { insertDocument, type NewDocument } from '../../server/store/documents.js';
import { insertDocumentInBulk } from '../../server/store/exchange.js';
import { migrate } from '../../server/store/migrate.js';

async function fresh(): Promise<Db> {
  const db = openDb('sqlite::memory:');
  await migrate(db);
  return db;
}

const doc = (n: number): NewDocument => ({
  title: 'Bulk',
  sourceLang: 'zh-CN',
  targetLang: 'en',
  segments: Array.from({ length: n }, (_, i) => ({
    source: `第${i + 1}段。`,
    target: i % 3 === 0 ? '' : `Paragraph ${i + 1}.`,
    status: i % 3 === 0 ? ('new' as const) : ('translated' as const),
  })),
});

async function snapshot(db: Db, id: number) {
  const segments = await db
    .selectFrom('segments')
    .select(['id', 'position', 'source', 'target', 'status', 'version', 'updated_by'])
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
  const revisions = await db
    .selectFrom('revisions')
    .select(['segment_id', 'version', 'target', 'status', 'kind', 'author_id'])
    .orderBy('id')
    .execute();
  return { segments, revisions };
}

describe('insertDocumentInBulk', () => {
  it.each([1, 249, 250, 251, 1001])(
    'writes what insertDocument writes (%i segments)',
    async (n) => {
      const a = await fresh();
      const b = await fresh();
      const one = await insertDocument(a, doc(n), null, 'import');
      const bulk = await insertDocumentInBulk(b, doc(n), null, 'import');
      expect(bulk.segmentIds).toEqual(one.segmentIds);
      expect(await snapshot(b, bulk.id)).toEqual(await snapshot(a, one.id));
      await a.destroy();
      await b.destroy();
    },
  );
});
