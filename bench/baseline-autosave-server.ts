/**
 * The autosave baseline: a bare node:http server doing the same durable work as
 * PATCH /api/segments/:id (versioned UPDATE + revision INSERT in one transaction, WAL,
 * synchronous=FULL) with better-sqlite3 directly: no Express, no auth, no validation.
 * Usage: tsx bench/baseline-autosave-server.ts <sqlite-file> <port>
 */
import http from 'node:http';
import SqliteDatabase from 'better-sqlite3';

const [file, port] = process.argv.slice(2);
const db = new SqliteDatabase(file ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const select = db.prepare('select version, status from segments where id = ?');
const update = db.prepare(
  'update segments set target = ?, version = version + 1, updated_at = ? where id = ? and version = ?',
);
const insert = db.prepare(
  "insert into revisions (segment_id, version, target, status, kind, author_id, created_at) values (?, ?, ?, ?, 'edit', 1, ?)",
);
const save = db.transaction((id: number, target: string, version: number) => {
  const at = new Date().toISOString();
  if (update.run(target, at, id, version).changes !== 1) return undefined;
  const row = select.get(id) as { version: number; status: string };
  insert.run(id, row.version, target, row.status, at);
  return row.version;
});

http
  .createServer((req, res) => {
    const id = Number(/\/api\/segments\/(\d+)/.exec(req.url ?? '')?.[1]);
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      const { target, version } = JSON.parse(body) as { target: string; version: number };
      const v = save(id, target, version);
      res.writeHead(v === undefined ? 409 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, version: v, target }));
    });
  })
  .listen(Number(port), '127.0.0.1', () => console.log('listening'));
