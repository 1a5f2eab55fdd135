import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.js';
import { insertDocument, type NewDocument } from '../../server/store/documents.js';
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

describe('insertDocument', () => {
  it.each([0, 1, 249, 250, 251, 1001])(
    'writes every segment and one first revision each (%i segments)',
    async (n) => {
      const db = await fresh();
      const input = doc(n);
      const created = await insertDocument(db, input, null, 'import');
      const { segments, revisions } = await snapshot(db, created.id);
      expect(segments.map((s) => s.position)).toEqual(input.segments.map((_, i) => i + 1));
      expect(segments.map((s) => [s.source, s.target, s.status, s.version])).toEqual(
        input.segments.map((s) => [s.source, s.target, s.status, 1]),
      );
      expect(created.segmentIds).toEqual(segments.map((s) => s.id));
      expect(revisions).toEqual(
        segments.map((s) => ({
          segment_id: s.id,
          version: 1,
          target: s.target,
          status: s.status,
          kind: 'import',
          author_id: null,
        })),
      );
      await db.destroy();
    },
  );
});
