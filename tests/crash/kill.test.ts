import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, startServer } from './server-process.js';

const PASSWORD = 'crash-test-admin-password';

async function json(base: string, method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

describe('crash safety of the real server', () => {
  it('keeps every acknowledged save through a SIGKILL, and the database stays intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-crash-'));
    const file = path.join(dir, 'db.sqlite');
    const env = { DATABASE_URL: `sqlite:${file}`, ADMIN_PASSWORD: PASSWORD };
    const first = await startServer(env);
    const tokenRes = await fetch(`${first.base}/api/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const doc = (await json(first.base, 'GET', '/api/documents/1', token)).body;
    const segments: { id: number; version: number }[] = doc.segments.slice(0, 8);

    /** Every save the server acknowledged: segment → (version → text). */
    const acked = new Map<number, Map<number, string>>();
    let stop = false;
    const clients = segments.map(async (seg) => {
      let version = seg.version;
      for (let i = 0; !stop; i++) {
        const target = `client ${seg.id} save ${i} ${'字'.repeat(i % 7)}`;
        try {
          const r = await json(first.base, 'PATCH', `/api/segments/${seg.id}`, token, {
            target,
            version,
          });
          if (r.status !== 200) throw new Error(`unexpected ${r.status}`);
          version = r.body.version;
          const m = acked.get(seg.id) ?? new Map<number, string>();
          m.set(version, target);
          acked.set(seg.id, m);
        } catch {
          return; // the server died under us: what was not acknowledged may be lost
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await exited(first.child);
    const total = [...acked.values()].reduce((n, m) => n + m.size, 0);
    expect(total).toBeGreaterThan(20);

    // Restart on the same file: the WAL is recovered; every acknowledged save is there.
    const second = await startServer(env);
    try {
      for (const [segmentId, saves] of acked) {
        const history = (
          await json(second.base, 'GET', `/api/segments/${segmentId}/revisions`, token)
        ).body.revisions as {
          version: number;
          target: string;
        }[];
        const byVersion = new Map(history.map((r) => [r.version, r.target]));
        for (const [version, target] of saves) expect(byVersion.get(version)).toBe(target);
        const latest = Math.max(...saves.keys());
        const seg = (await json(second.base, 'GET', '/api/documents/1', token)).body.segments.find(
          (s: { id: number }) => s.id === segmentId,
        );
        expect(seg.version).toBeGreaterThanOrEqual(latest);
      }
    } finally {
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    }
    const db = new SqliteDatabase(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  }, 90_000);
});

describe('npm run cli -- backup', () => {
  it('copies a live database consistently', async () => {
    const { backupDatabase } = await import('../../server/cli/backup.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-backup-'));
    const file = path.join(dir, 'db.sqlite');
    const server = await startServer({ DATABASE_URL: `sqlite:${file}`, ADMIN_PASSWORD: PASSWORD });
    try {
      const copy = path.join(dir, 'copy.sqlite');
      const { pages } = await backupDatabase(file, copy);
      expect(pages).toBeGreaterThan(0);
      const db = new SqliteDatabase(copy, { readonly: true });
      expect(db.prepare('select count(*) as n from segments').get()).toEqual({ n: 20 });
      db.close();
      await expect(backupDatabase(file, copy)).rejects.toThrow(/exists/);
      // Restore: the copy serves as the database of a new server.
      const restored = await startServer({
        DATABASE_URL: `sqlite:${copy}`,
        ADMIN_PASSWORD: 'ignored-on-existing-db',
      });
      const res = await fetch(`${restored.base}/api/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(res.status).toBe(201);
      restored.child.kill('SIGTERM');
      await exited(restored.child);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  }, 60_000);
});
