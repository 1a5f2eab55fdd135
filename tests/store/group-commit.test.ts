import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/store/db.js';
import { insertDocument } from '../../server/store/documents.js';
import { groupCommit } from '../../server/store/group-commit.js';
import { migrate } from '../../server/store/migrate.js';
import { saveSegment } from '../../server/store/segments.js';

async function withDocument(n: number): Promise<{ db: Db; ids: number[] }> {
  const db = openDb('sqlite::memory:');
  await migrate(db);
  const { segmentIds } = await insertDocument(
    db,
    {
      title: 'Group commit',
      sourceLang: 'zh-CN',
      targetLang: 'en',
      segments: Array.from({ length: n }, (_, i) => ({
        source: `第${i + 1}段。`,
        target: '',
        status: 'new' as const,
      })),
    },
    null,
    'create',
  );
  return { db, ids: segmentIds };
}

const stored = (db: Db) =>
  db.selectFrom('segments').select(['id', 'target', 'version']).orderBy('id').execute();

describe('group commit of saves', () => {
  it('commits saves that arrive together in one transaction, each acknowledged with its own result', async () => {
    const { db, ids } = await withDocument(20);
    const before = { ...groupCommit(db).stats };
    const results = await Promise.all(
      ids.map((id) =>
        saveSegment(db, {
          id,
          target: `Paragraph ${id}.`,
          expectedVersion: 1,
          authorId: null,
          kind: 'edit',
        }),
      ),
    );
    expect(results.every((r) => r.ok && r.segment.version === 2)).toBe(true);
    const stats = groupCommit(db).stats;
    expect(stats.batches - before.batches).toBe(1);
    expect(stats.largest).toBe(20);
    for (const row of await stored(db)) expect(row).toMatchObject({ version: 2 });
    const revisions = await db.selectFrom('revisions').select('segment_id').execute();
    expect(revisions.filter((r) => r.segment_id === ids[0])).toHaveLength(2);
  });

  it('rolls back only the unit that failed; the others of its batch are committed', async () => {
    const { db, ids } = await withDocument(3);
    const refused = new Error('refused');
    const outcomes = await Promise.allSettled([
      saveSegment(db, {
        id: ids[0]!,
        target: 'One.',
        expectedVersion: 1,
        authorId: null,
        kind: 'edit',
      }),
      saveSegment(db, {
        id: ids[1]!,
        expectedVersion: 1,
        authorId: null,
        kind: 'edit',
        decide: () => {
          throw refused;
        },
      }),
      // A failure after this unit already wrote: its writes must go too.
      groupCommit(db).run(async (trx) => {
        await trx
          .updateTable('segments')
          .set({ target: 'half-done' })
          .where('id', '=', ids[2]!)
          .execute();
        throw refused;
      }),
      saveSegment(db, {
        id: ids[2]!,
        target: 'Three.',
        expectedVersion: 1,
        authorId: null,
        kind: 'edit',
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: refused });
    expect(await stored(db)).toEqual([
      { id: ids[0], target: 'One.', version: 2 },
      { id: ids[1], target: '', version: 1 },
      { id: ids[2], target: 'Three.', version: 2 },
    ]);
  });

  it('sees a conflict between two saves of one batch on the same paragraph', async () => {
    const { db, ids } = await withDocument(1);
    const save = (target: string) =>
      saveSegment(db, { id: ids[0]!, target, expectedVersion: 1, authorId: null, kind: 'edit' });
    const [a, b] = await Promise.all([save('Mine.'), save('Theirs.')]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { target: 'Mine.', version: 2 },
    });
    expect(await stored(db)).toEqual([{ id: ids[0], target: 'Mine.', version: 2 }]);
  });

  it('tells every caller when the batch transaction fails, and stores nothing of it', async () => {
    const { db, ids } = await withDocument(2);
    const outcomes = await Promise.allSettled([
      saveSegment(db, {
        id: ids[0]!,
        target: 'Kept?',
        expectedVersion: 1,
        authorId: null,
        kind: 'edit',
      }),
      // Ends the transaction under the batch: the savepoint and the commit fail after it.
      groupCommit(db).run(async (trx) => {
        await sql`rollback`.execute(trx);
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await stored(db)).toEqual([
      { id: ids[0], target: '', version: 1 },
      { id: ids[1], target: '', version: 1 },
    ]);
    // The group commit goes on working after a failed batch.
    const again = await saveSegment(db, {
      id: ids[0]!,
      target: 'Now.',
      expectedVersion: 1,
      authorId: null,
      kind: 'edit',
    });
    expect(again).toMatchObject({ ok: true, segment: { version: 2 } });
  });
});
