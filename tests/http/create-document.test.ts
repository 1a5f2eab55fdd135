import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { hashPassword } from '../../server/auth/password.js';
import type { Db } from '../../server/store/db.js';
import { createUser } from '../../server/store/users.js';
import { adminToken, makeApp, signInAgent } from '../helpers.js';
import { seedPairs } from '../domain/align/evaluation.js';

let app: Express;
let db: Db;
let auth: { Authorization: string };
beforeAll(async () => {
  ({ app, db } = await makeApp());
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
});

const pairs = seedPairs();

describe('POST /api/documents', () => {
  it('aligns a pasted translation that is not paragraph-aligned', async () => {
    const target = pairs.map((p) => p.target);
    target.splice(3, 2, `${target[3]} ${target[4]}`); // two paragraphs merged in the translation
    target.splice(13, 1); // one dropped (pairs[14])
    const res = await request(app)
      .post('/api/documents')
      .set(auth)
      .send({
        title: '对齐测试',
        sourceLang: 'zh-CN',
        targetLang: 'en',
        source: pairs.map((p) => p.source).join('\n\n'),
        target: target.join('\n\n'),
      })
      .expect(201);
    expect(res.body.document).toMatchObject({
      title: '对齐测试',
      sourceLang: 'zh-CN',
      targetLang: 'en',
    });
    const doc = (await request(app).get(`/api/documents/${res.body.document.id}`).set(auth)).body;
    // The merged pair became one row holding both source paragraphs; the dropped one is empty.
    expect(doc.segments).toHaveLength(pairs.length - 1);
    expect(doc.segments[3]).toMatchObject({
      source: pairs[3]!.source + pairs[4]!.source,
      target: `${pairs[3]!.target} ${pairs[4]!.target}`,
      status: 'draft',
    });
    const dropped = doc.segments.find((s: { source: string }) => s.source === pairs[14]!.source);
    expect(dropped).toMatchObject({ target: '', status: 'new' });
    expect(res.body.alignment.lowConfidence).toEqual(expect.arrayContaining([4]));
    const ok = doc.segments.filter((s: { status: string }) => s.status === 'translated');
    expect(ok.length).toBeGreaterThanOrEqual(pairs.length - 6);
    const rev = await db
      .selectFrom('revisions')
      .selectAll()
      .where('segment_id', '=', doc.segments[0].id)
      .executeTakeFirstOrThrow();
    expect(rev).toMatchObject({ kind: 'align', version: 1, author_id: 1 });
  });

  it('creates new, untranslated paragraphs from a source alone', async () => {
    const res = await request(app)
      .post('/api/documents')
      .set(auth)
      .send({ title: 'T', source: '第一段。\r\n\r\n第二段。\n' })
      .expect(201);
    const doc = (await request(app).get(`/api/documents/${res.body.document.id}`).set(auth)).body;
    expect(
      doc.segments.map((s: { source: string; status: string }) => [s.source, s.status]),
    ).toEqual([
      ['第一段。', 'new'],
      ['第二段。', 'new'],
    ]);
  });

  it.each([
    [{ source: 'x' }, 'title'],
    [{ title: 'T', source: '   ' }, 'source'],
    [{ title: 'T', source: 'x', sourceLang: 'not a tag!' }, 'sourceLang'],
  ])('400 for %j', async (body, field) => {
    const res = await request(app).post('/api/documents').set(auth).send(body).expect(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('is for admins only', async () => {
    await createUser(db, {
      username: 'rev',
      displayName: 'Rev',
      role: 'reviewer',
      passwordHash: await hashPassword('password-1234'),
    });
    const t = (
      await request(app).post('/api/tokens').send({ username: 'rev', password: 'password-1234' })
    ).body.token;
    await request(app)
      .post('/api/documents')
      .set({ Authorization: `Bearer ${t}` })
      .send({ title: 'T', source: 'x' })
      .expect(403);
  });
});

describe('the import page', () => {
  it('creates a document from the paste form without JavaScript', async () => {
    const { agent, csrf } = await signInAgent(app);
    const page = await agent.get('/import').expect(200);
    expect(page.text).toContain('name="source"');
    const res = await agent
      .post('/import')
      .type('form')
      .send({
        _csrf: csrf,
        title: '表单',
        source: '一段。',
        target: 'One paragraph.',
        sourceLang: 'zh-CN',
        targetLang: 'en',
      })
      .expect(303);
    expect(res.headers.location).toMatch(/^\/documents\/\d+$/);
    const doc = await agent.get(`/api${res.headers.location}`).expect(200);
    expect(doc.body.segments).toMatchObject([
      { source: '一段。', target: 'One paragraph.', status: 'translated' },
    ]);
  });

  it('offers importing into a document, in the user’s language', async () => {
    const { agent } = await signInAgent(app);
    const page = await agent.get('/documents/1/import?lng=zh-Hant').expect(200);
    expect(page.text).toContain('匯入譯好的檔案');
    expect(page.text).toContain('data-import-url="/api/documents/1/import"');
  });
});
