import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { hashPassword } from '../../server/auth/password.js';
import type { Db } from '../../server/store/db.js';
import { createUser } from '../../server/store/users.js';
import { adminToken, makeApp, signInAgent } from '../helpers.js';
import { saveSegment } from '../../server/store/segments.js';
import { exportText } from './exchange-helpers.js';

let app: Express;
let db: Db;
let auth: { Authorization: string };
type Seg = { id: number; source: string; target: string; status: string; version: number };

beforeEach(async () => {
  ({ app, db } = await makeApp());
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
});

const segmentsOf = async (id = 1): Promise<Seg[]> =>
  (await request(app).get(`/api/documents/${id}`).set(auth)).body.segments;
/** An edit made here, through the store's versioned save (as the editor makes it). */
async function edit(id: number, change: { target?: string; status?: 'approved' }, version: number) {
  const r = await saveSegment(db, {
    id,
    ...change,
    expectedVersion: version,
    authorId: 1,
    kind: 'edit',
  });
  expect(r.ok).toBe(true);
}

async function tokenFor(role: 'translator' | 'reviewer') {
  await createUser(db, {
    username: role,
    displayName: role,
    role,
    passwordHash: await hashPassword('password-1234'),
  });
  const res = await request(app)
    .post('/api/tokens')
    .send({ username: role, password: 'password-1234' })
    .expect(201);
  return { Authorization: `Bearer ${res.body.token}` };
}

/** Hostile paragraphs written straight into the store (the editor API may not exist yet). */
const HOSTILE = [
  ['  表情😀𠮷 & <标签> "引号" \'撇号\'  ', '  emoji 😀 𠮷 & <tag> "quotes" \'apostrophe\'  '],
  ['\u200F\u202Bمرحبا\u202C 混排\t制表', 'bidi \u200Emarks\u200F\u2066iso\u2069\ttab'],
  ['段内\n换行\r\n和CR\r', 'line\nbreak\r\nCRLF\rCR'],
  ['=SUM(A1) 公式', '=HYPERLINK("x") +1 -2 @me'],
  ["'=撇号在前", "''-two"],
  ['NUL\u0000控制\u0001', 'bell\u0007 vt\u000B'],
];

async function hostileDocument(): Promise<number> {
  const created = await request(app)
    .post('/api/documents')
    .set(auth)
    .send({ title: 'Hostile <&> 😀', source: HOSTILE.map((_, i) => `第${i + 1}段。`).join('\n') })
    .expect(201);
  const id = created.body.document.id as number;
  const rows = await db
    .selectFrom('segments')
    .select('id')
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
  for (const [i, r] of rows.entries())
    await db
      .updateTable('segments')
      .set({ source: HOSTILE[i]![0], target: HOSTILE[i]![1] })
      .where('id', '=', r.id)
      .execute();
  return id;
}

const importInto = (id: number, format: string, body: string, headers = auth, query = '') =>
  request(app)
    .post(`/api/documents/${id}/import?format=${format}${query}`)
    .set(headers)
    .set(
      'Content-Type',
      format === 'csv'
        ? 'text/csv'
        : format === 'tsv'
          ? 'text/tab-separated-values'
          : 'application/xml',
    )
    .send(body);

describe('export then import reproduces every character', () => {
  it.each(['xliff2', 'tsv', 'csv', 'jsonl', 'tmx', 'xliff12'])('%s', async (format) => {
    const id = await hostileDocument();
    const before = await segmentsOf(id);
    const file = (await exportText(app, auth, `format=${format}`, id)).body as string;

    // Into the same document: nothing changes.
    const same = await importInto(id, format, file).expect(200);
    expect(same.body.summary).toMatchObject({
      units: HOSTILE.length,
      unchanged: HOSTILE.length,
      updated: 0,
      conflicts: 0,
      unknown: 0,
    });

    // As a new document: both sides equal, except what XML 1.0 cannot carry (TMX, XLIFF 1.2).
    const created = await request(app)
      .post(`/api/documents/import?format=${format}&title=copy`)
      .set(auth)
      .set('Content-Type', 'application/octet-stream')
      .send(file)
      .expect(201);
    const copy = await segmentsOf(created.body.document.id);
    const lossy = format === 'tmx' || format === 'xliff12';
    const strip = (s: string) =>
      lossy ? s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '') : s;
    expect(copy.map((s) => [s.source, s.target])).toEqual(
      before.map((s) => [strip(s.source), strip(s.target)]),
    );
  });
});

describe('POST /api/documents/:id/import', () => {
  it('updates targets changed in the file, keeps local edits, reports conflicts; all as revisions', async () => {
    const segs = await segmentsOf();
    const [a, b, c] = segs;
    const tsv = (await exportText(app, auth, 'format=tsv')).body as string;
    // Since the export: b and c were edited here.
    await edit(b!.id, { target: 'Edited here.' }, 1);
    await edit(c!.id, { target: 'Also edited here.' }, 1);
    // Elsewhere: a and c were edited in the file.
    const edited = tsv
      .replace(`\t${a!.target}\t`, '\tTranslated elsewhere: A.\t')
      .replace(`\t${c!.target}\t`, '\tTranslated elsewhere: C.\t');

    const res = await importInto(1, 'tsv', edited).expect(200);
    expect(res.body.summary).toEqual({
      units: 20,
      updated: 1,
      unchanged: 18,
      conflicts: 1,
      locked: 0,
      unknown: 0,
      notInFile: 0,
    });
    expect(res.body.conflicts).toEqual([
      expect.objectContaining({
        segmentId: c!.id,
        reason: 'changed-both',
        current: 'Also edited here.',
        incoming: 'Translated elsewhere: C.',
        base: c!.target,
      }),
    ]);
    const after = await segmentsOf();
    expect(after[0]).toMatchObject({
      target: 'Translated elsewhere: A.',
      version: 2,
      status: 'translated',
    });
    expect(after[1]!.target).toBe('Edited here.');
    expect(after[2]!.target).toBe('Also edited here.');
    const rev = await db
      .selectFrom('revisions')
      .selectAll()
      .where('segment_id', '=', a!.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(rev).toMatchObject({
      version: 2,
      kind: 'import',
      author_id: 1,
      target: 'Translated elsewhere: A.',
    });
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ format: 'tsv', updated: 1, conflicts: 1 });
  });

  it('dryRun reports without writing', async () => {
    const [a] = await segmentsOf();
    const tmx = ((await exportText(app, auth, 'format=tmx')).body as string).replace(
      `<seg>${a!.target}</seg>`,
      '<seg>New text.</seg>',
    );
    const res = await importInto(1, 'tmx', tmx, auth, '&dryRun=1').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, summary: { updated: 1 } });
    expect((await segmentsOf())[0]!.target).toBe(a!.target);
  });

  it('locks approved paragraphs against a translator, and lets a translator update others', async () => {
    const [a, b] = await segmentsOf();
    await edit(a!.id, { status: 'approved' }, 1);
    const xlf = ((await exportText(app, auth, 'format=xliff12')).body as string)
      .replace(`>${a!.target}</target>`, '>Changed A.</target>')
      .replace(`>${b!.target}</target>`, '>Changed B.</target>');
    const translator = await tokenFor('translator');
    const res = await importInto(1, 'xliff12', xlf, translator).expect(200);
    expect(res.body.locked).toEqual([expect.objectContaining({ segmentId: a!.id })]);
    expect(res.body.updated).toEqual([expect.objectContaining({ segmentId: b!.id })]);
    const rev = await db
      .selectFrom('revisions')
      .selectAll()
      .where('segment_id', '=', b!.id)
      .where('kind', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(rev.author_id).not.toBe(1);
  });

  it('matches a file from another tool by source text; unknown units are reported', async () => {
    const segs = await segmentsOf();
    const tmx = `<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN" creationtool="OmegaT" creationtoolversion="6" segtype="paragraph" o-tmf="OmegaT" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="zh-CN"><seg>${segs[4]!.source}</seg></tuv><tuv xml:lang="en"><seg>${segs[4]!.target}</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>不在文档里</seg></tuv><tuv xml:lang="en"><seg>Not here</seg></tuv></tu>
</body></tmx>`;
    const res = await importInto(1, 'tmx', tmx).expect(200);
    expect(res.body.summary).toMatchObject({ unchanged: 1, unknown: 1, notInFile: 19 });
    expect(res.body.unknown[0]).toMatchObject({ line: 3, source: '不在文档里' });
  });

  it('imports a Traditional-variant export back by id and source', async () => {
    const tw = (await exportText(app, auth, 'format=xliff2&variant=zh-TW')).body as string;
    const res = await importInto(1, 'xliff2', tw).expect(200);
    expect(res.body.summary).toMatchObject({ unchanged: 20, conflicts: 0, unknown: 0 });
  });

  it.each([
    [
      'external entity',
      '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx>&x;</tmx>',
      2,
    ],
    [
      'billion laughs',
      `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${'&a;'.repeat(10)}">`).join('')}]><tmx>&bbbbbbbbb;</tmx>`,
      1,
    ],
    ['deep nesting', `<tmx>${'<x>'.repeat(10000)}`, 1],
    ['truncated', '<tmx version="1.4"><header srclang="zh-CN"/><body><tu>\n<tuv', 2],
  ])('refuses %s with 400, line and column, quickly', async (_name, xml, line) => {
    const started = Date.now();
    const res = await importInto(1, 'tmx', xml).expect(400);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.body.error).toMatchObject({
      code: 'invalid_file',
      line,
      column: expect.any(Number),
    });
  });

  it('refuses bad CSV with the line of the problem', async () => {
    const res = await importInto(1, 'csv', 'id,zh-CN,en\n1,"unterminated\n').expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_file', line: 2, column: 3 });
  });

  it('answers 413 beyond 50 MB, 415 for non-UTF-8, and keeps JSON-only elsewhere', async () => {
    await importInto(1, 'tsv', 'x'.repeat(51 * 1024 * 1024)).expect(413);
    await request(app)
      .post('/api/documents/1/import?format=tsv')
      .set(auth)
      .set('Content-Type', 'text/plain')
      .send(Buffer.from([0x69, 0x64, 0xff, 0xfe]))
      .expect(415);
    await request(app)
      .post('/api/documents')
      .set(auth)
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(415);
  });

  it('needs a signed-in editor, and the CSRF token for cookie sessions', async () => {
    await request(app).post('/api/documents/1/import?format=tsv').send('id\tzh\ten\n').expect(401);
    const { agent, csrf } = await signInAgent(app);
    await agent
      .post('/api/documents/1/import?format=tsv')
      .set('Content-Type', 'text/tab-separated-values')
      .send('id\tzh\ten\n')
      .expect(403);
    await agent
      .post('/api/documents/1/import?format=tsv')
      .set('X-CSRF-Token', csrf)
      .set('Content-Type', 'text/tab-separated-values')
      .send('id\tzh\ten\n')
      .expect(200);
  });
});

describe('POST /api/documents/import', () => {
  it('creates a document from a bilingual file (admin only)', async () => {
    const xlf = (await exportText(app, auth, 'format=xliff2')).body as string;
    const res = await request(app)
      .post('/api/documents/import?format=xliff2')
      .set(auth)
      .set('Content-Type', 'application/xliff+xml')
      .send(xlf)
      .expect(201);
    expect(res.body.document).toMatchObject({
      title: expect.stringContaining('美国众议院'),
      sourceLang: 'zh-CN',
      targetLang: 'en',
      segmentCount: 20,
    });
    const translator = await tokenFor('translator');
    await request(app)
      .post('/api/documents/import?format=xliff2')
      .set(translator)
      .set('Content-Type', 'application/xml')
      .send(xlf)
      .expect(403);
  });
});
