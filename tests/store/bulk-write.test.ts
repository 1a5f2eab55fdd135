import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backgroundCheckpoint } from '../../server/store/bulk-write.js';
import { openDb, sqliteHandle, type Db } from '../../server/store/db.js';
import type { NewSegment } from '../../server/store/documents.js';
import { createDocumentFromBatches } from '../../server/store/exchange.js';
import { migrate } from '../../server/store/migrate.js';
import { createUser } from '../../server/store/users.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-bulk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function fresh(name: string): Promise<{ db: Db; userId: number }> {
  const db = openDb(name === ':memory:' ? 'sqlite::memory:' : `sqlite:${path.join(dir, name)}`);
  await migrate(db);
  const user = await createUser(db, {
    username: 'importer',
    displayName: 'Importer',
    role: 'admin',
    passwordHash: 'x',
  });
  return { db, userId: user.id };
}

const batch = (from: number, n: number): NewSegment[] =>
  Array.from({ length: n }, (_, i) => ({
    source: `第${from + i}段：人工智能模型的出口管制。`.repeat(4),
    target: `Paragraph ${from + i}: export controls on AI models. `.repeat(4),
    status: 'translated' as const,
  }));

/** Imports `batches` batches of 1,000 segments, recording the connection's settings mid-way. */
async function bulkImport(db: Db, userId: number, batches: number) {
  const seen: { autoCheckpoint: unknown; foreignKeys: unknown }[] = [];
  const sqlite = sqliteHandle(db)!;
  const created = await createDocumentFromBatches(
    db,
    (async function* () {
      for (let b = 0; b < batches; b++) {
        seen.push({
          autoCheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }),
          foreignKeys: sqlite.pragma('foreign_keys', { simple: true }),
        });
        yield batch(b * 1000, 1000);
      }
    })(),
    () => ({ title: 'Bulk', sourceLang: 'zh-CN', targetLang: 'en', details: {} }),
    { id: userId },
    'import',
  );
  return { created, seen };
}

describe('bulk writes', () => {
  it('commit without the automatic checkpoint, which a worker runs right after on its own connection', async () => {
    const { db, userId } = await fresh('one.sqlite');
    const sqlite = sqliteHandle(db)!;
    sqlite.pragma('wal_autocheckpoint = 500');
    const { created, seen } = await bulkImport(db, userId, 5);
    expect(created.segmentCount).toBe(5000);
    // During the write: no automatic checkpoint, no foreign-key checks.
    expect(seen.every((s) => s.autoCheckpoint === 0)).toBe(true);
    expect(seen.every((s) => s.foreignKeys === 0)).toBe(true);
    // After it: the connection's own settings again.
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(500);

    const reply = await backgroundCheckpoint(db);
    expect(reply).toMatchObject({ ok: true, busy: 0 });
    if (!reply?.ok) throw new Error('no checkpoint');
    expect(reply.log).toBeGreaterThan(100);
    expect(reply.done).toBe(reply.log);
    // Everything is in the database file itself: a copy without its WAL has the document.
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(path.join(dir, 'one.sqlite'), copy);
    const alone = new SqliteDatabase(copy, { readonly: true });
    expect(
      alone.prepare('select count(*) from segments where document_id = ?').pluck().get(created.id),
    ).toBe(5000);
    alone.close();
    await db.destroy();
  });

  it('restore the settings after a failed bulk write, and after overlapping ones (which take turns)', async () => {
    const { db, userId } = await fresh('two.sqlite');
    const sqlite = sqliteHandle(db)!;
    const failing = createDocumentFromBatches(
      db,
      (async function* () {
        yield batch(0, 1000);
        throw new Error('bad file');
      })(),
      () => ({ title: 'x', sourceLang: 'zh-CN', targetLang: 'en', details: {} }),
      { id: userId },
      'import',
    );
    await expect(failing).rejects.toThrow('bad file');
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const [a, b] = await Promise.all([bulkImport(db, userId, 2), bulkImport(db, userId, 3)]);
    expect(a.created.segmentCount + b.created.segmentCount).toBe(5000);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(await backgroundCheckpoint(db)).toMatchObject({ ok: true });
    // The failed import left nothing.
    expect(sqlite.prepare('select count(*) from segments').pluck().get()).toBe(5000);
    await db.destroy();
  });

  it('hold the connection while foreign keys are off: another request waits for the commit', async () => {
    const { db, userId } = await fresh('three.sqlite');
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const importing = createDocumentFromBatches(
      db,
      (async function* () {
        yield batch(0, 10);
        events.push('first batch stored');
        await gate;
        yield batch(10, 10);
      })(),
      () => {
        events.push('import finishing');
        return { title: 'x', sourceLang: 'zh-CN', targetLang: 'en', details: {} };
      },
      { id: userId },
      'import',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A write of another request, which must not run with foreign keys off: it would insert a
    // revision of a segment that does not exist.
    const other = db
      .insertInto('revisions')
      .values({
        segment_id: 999_999,
        version: 1,
        target: 'x',
        status: 'draft',
        kind: 'edit',
        author_id: userId,
        created_at: 'now',
      })
      .execute()
      .then(
        () => events.push('other write stored'),
        (e: Error) => events.push(`other write refused: ${e.message}`),
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['first batch stored']);
    release();
    await importing;
    await other;
    expect(events).toEqual([
      'first batch stored',
      'import finishing',
      'other write refused: FOREIGN KEY constraint failed',
    ]);
    await db.destroy();
  });

  it('refuse to import as a user who does not exist, storing nothing', async () => {
    const { db } = await fresh('four.sqlite');
    const sqlite = sqliteHandle(db)!;
    await expect(
      createDocumentFromBatches(
        db,
        (async function* () {
          yield batch(0, 10);
        })(),
        () => ({ title: 'x', sourceLang: 'zh-CN', targetLang: 'en', details: {} }),
        { id: 4242 },
        'import',
      ),
    ).rejects.toThrow('No user 4242');
    expect(sqlite.prepare('select count(*) from documents').pluck().get()).toBe(0);
    expect(sqlite.prepare('select count(*) from segments').pluck().get()).toBe(0);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('start no checkpoint for a database in memory', async () => {
    const { db, userId } = await fresh(':memory:');
    await bulkImport(db, userId, 1);
    expect(backgroundCheckpoint(db)).toBeUndefined();
    await db.destroy();
  });
});
