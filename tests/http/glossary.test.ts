import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.js';
import type { Role } from '../../server/domain/document/index.js';
import type { Db } from '../../server/store/db.js';
import { createUser } from '../../server/store/users.js';
import { adminToken, makeApp, signInAgent } from '../helpers.js';

const VALIDATOR = path.resolve(import.meta.dirname, '../../../shared/tools/validate-export');
const haveValidator = fs.existsSync(VALIDATOR);
if (!haveValidator && process.env.CI) throw new Error(`CI=true but ${VALIDATOR} is missing`);
if (!haveValidator)
  console.warn(`SKIPPING validate-export on the API exports: ${VALIDATOR} not found`);

let app: Express;
let db: Db;
let admin: { Authorization: string };

async function tokenFor(role: Role): Promise<{ Authorization: string }> {
  const username = `${role}-1`;
  await createUser(db, {
    username,
    displayName: role,
    role,
    passwordHash: await hashPassword('password-123'),
  });
  const res = await request(app)
    .post('/api/tokens')
    .send({ username, password: 'password-123' })
    .expect(201);
  return { Authorization: `Bearer ${(res.body as { token: string }).token}` };
}

const NEW = {
  source: '算力',
  target: 'computing power',
  alternatives: ['compute'],
  note: 'GPU capacity',
};

beforeEach(async () => {
  ({ app, db } = await makeApp());
  admin = { Authorization: `Bearer ${await adminToken(app)}` };
});

/** A download as text, whatever its media type. */
async function getText(url: string) {
  return request(app)
    .get(url)
    .set(admin)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => done(null, text));
    })
    .expect(200)
    .then((r) => ({ text: r.body as string, headers: r.headers }));
}

async function auditActions(): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'entity_type'])
    .where('entity_type', 'like', 'glossary%')
    .execute();
  return rows.map((r) => `${r.action} ${r.entity_type}`);
}

describe('GET /api/glossary', () => {
  it('lists the 59 corpus entries, searchable and sortable', async () => {
    const all = await request(app).get('/api/glossary').set(admin).expect(200);
    expect(all.body.entries).toHaveLength(59);
    expect(Object.keys(all.body.entries[0]).sort()).toEqual([
      'alternatives',
      'caseSensitive',
      'domain',
      'forbidden',
      'id',
      'note',
      'source',
      'target',
    ]);
    const q = await request(app).get('/api/glossary?q=model%20weighting').set(admin).expect(200);
    expect(q.body.entries.map((e: { source: string }) => e.source)).toEqual(['模型权重']);
    const domain = await request(app)
      .get('/api/glossary?domain=person&sort=target')
      .set(admin)
      .expect(200);
    expect(domain.body.entries.map((e: { target: string }) => e.target)).toEqual([
      'Biden',
      'Chen Ran',
      'Lin Dahua',
      'Lin Jian',
      'Liu Wei',
      'Xiao Yanghua',
    ]);
    await request(app).get('/api/glossary?sort=colour').set(admin).expect(400);
  });
});

describe('glossary CRUD', () => {
  it('creates, edits and deletes an entry, with audit events', async () => {
    const created = await request(app).post('/api/glossary').set(admin).send(NEW).expect(201);
    expect(created.body.entry).toMatchObject({
      ...NEW,
      forbidden: [],
      caseSensitive: false,
      domain: '',
    });
    const id = created.body.entry.id as number;
    const patched = await request(app)
      .patch(`/api/glossary/${id}`)
      .set(admin)
      .send({ target: 'compute', alternatives: [] })
      .expect(200);
    expect(patched.body.entry).toMatchObject({
      id,
      source: '算力',
      target: 'compute',
      alternatives: [],
      note: 'GPU capacity',
    });
    await request(app).delete(`/api/glossary/${id}`).set(admin).expect(204);
    await request(app).delete(`/api/glossary/${id}`).set(admin).expect(404);
    await request(app).patch(`/api/glossary/${id}`).set(admin).send({ note: 'x' }).expect(404);
    expect(await auditActions()).toEqual([
      'create glossary_entry',
      'update glossary_entry',
      'delete glossary_entry',
    ]);
  });

  it.each([
    ['the same source', '模型权重'],
    ['the same source in Traditional script', '模型權重'],
    ['the same Latin source in another case', 'bis'],
  ])('refuses %s with 409 and a clear message', async (_what, source) => {
    const res = await request(app)
      .post('/api/glossary')
      .set(admin)
      .send({ source, target: 'x' })
      .expect(409);
    expect(res.body.error.code).toBe('duplicate_source');
    expect(res.body.error.message).toMatch(/already has ".+" \(entry \d+\)/);
  });

  it('refuses renaming an entry onto another one', async () => {
    const list = (await request(app).get('/api/glossary').set(admin)).body.entries as {
      id: number;
      source: string;
    }[];
    const id = list.find((e) => e.source === '参数')!.id;
    await request(app)
      .patch(`/api/glossary/${id}`)
      .set(admin)
      .send({ source: '模型权重' })
      .expect(409);
    await request(app).patch(`/api/glossary/${id}`).set(admin).send({ source: '参数' }).expect(200);
  });

  it.each([
    ['an empty source', { source: ' ', target: 'x' }, 'source'],
    ['a missing target', { source: '甲' }, 'target'],
    ['an unknown field', { ...NEW, colour: 'red' }, 'body'],
    ['a list item with |', { ...NEW, alternatives: ['a|b'] }, 'alternatives.0'],
    ['a wrong type', { ...NEW, caseSensitive: 'yes' }, 'caseSensitive'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const res = await request(app).post('/api/glossary').set(admin).send(body).expect(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('lets reviewers edit and refuses translators (403)', async () => {
    const reviewer = await tokenFor('reviewer');
    const translator = await tokenFor('translator');
    await request(app).post('/api/glossary').set(translator).send(NEW).expect(403);
    await request(app)
      .post('/api/glossary/import?format=csv')
      .set(translator)
      .send({ content: 'source,target\n' })
      .expect(403);
    const created = await request(app).post('/api/glossary').set(reviewer).send(NEW).expect(201);
    await request(app).delete(`/api/glossary/${created.body.entry.id}`).set(translator).expect(403);
    await request(app).get('/api/glossary').set(translator).expect(200);
  });

  it('needs the CSRF header with a cookie session', async () => {
    const { agent, csrf } = await signInAgent(app);
    await agent.post('/api/glossary').send(NEW).expect(403);
    await agent.post('/api/glossary').set('X-CSRF-Token', csrf).send(NEW).expect(201);
  });
});

describe('export and import', () => {
  it.each(['tbx', 'csv'] as const)(
    '%s: exports, and re-importing the export changes nothing',
    async (format) => {
      const exported = await getText(`/api/glossary/export?format=${format}`);
      expect(exported.headers['content-disposition']).toContain(`glossary.${format}`);
      const before = (await request(app).get('/api/glossary').set(admin)).body.entries;
      const res = await request(app)
        .post(`/api/glossary/import?format=${format}`)
        .set(admin)
        .send({ content: exported.text })
        .expect(200);
      expect(res.body.applied).toBe(true);
      expect(res.body.report.unchanged).toHaveLength(59);
      expect([
        ...res.body.report.added,
        ...res.body.report.updated,
        ...res.body.report.invalid,
      ]).toEqual([]);
      expect((await request(app).get('/api/glossary').set(admin)).body.entries).toEqual(before);
    },
  );

  it.runIf(haveValidator).each(['tbx', 'csv'] as const)(
    '%s export passes validate-export',
    async (format) => {
      const exported = await getText(`/api/glossary/export?format=${format}`);
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-')),
        `glossary.${format}`,
      );
      fs.writeFileSync(file, exported.text);
      expect(execFileSync(VALIDATOR, [format, file], { encoding: 'utf8' })).toMatch(
        new RegExp(`^${format} OK: 59 units`),
      );
    },
  );

  it('adds and updates from CSV in one transaction, with a report by line', async () => {
    const csv =
      'source,target,note\n算力,computing power,new\n模型权重,model weights,"changed note"\n参数,parameters,"The values a model learns; weights are a subset."\n';
    const dry = await request(app)
      .post('/api/glossary/import?format=csv&dryRun=1')
      .set(admin)
      .send({ content: csv })
      .expect(200);
    expect(dry.body.applied).toBe(false);
    expect((await request(app).get('/api/glossary').set(admin)).body.entries).toHaveLength(59);
    const res = await request(app)
      .post('/api/glossary/import?format=csv')
      .set(admin)
      .send({ content: csv })
      .expect(200);
    expect(res.body.report.added.map((r: { line: number }) => r.line)).toEqual([2]);
    expect(res.body.report.updated.map((r: { line: number }) => r.line).sort()).toEqual([3, 4]);
    expect((await request(app).get('/api/glossary').set(admin)).body.entries).toHaveLength(60);
    expect(await auditActions()).toEqual(['import glossary']);
  });

  it('never half-applies: one invalid row rejects the whole file', async () => {
    const csv = 'source,target\n算力,computing power\n,no source\n模型权重,model weights\n';
    const res = await request(app)
      .post('/api/glossary/import?format=csv')
      .set(admin)
      .send({ content: csv })
      .expect(400);
    expect(res.body.error.code).toBe('invalid_import');
    expect(res.body.error.report.invalid.map((r: { line: number }) => r.line)).toEqual([3]);
    expect(res.body.error.report.added.map((r: { line: number }) => r.line)).toEqual([2]);
    const list = (await request(app).get('/api/glossary').set(admin)).body.entries as {
      source: string;
    }[];
    expect(list.some((e) => e.source === '算力')).toBe(false);
  });

  it('reports an unreadable file with line and column', async () => {
    const res = await request(app)
      .post('/api/glossary/import?format=tbx')
      .set(admin)
      .send({ content: '<tbx>\n<text>\n</tbx>' })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_file', line: 3 });
    const doctype = await request(app)
      .post('/api/glossary/import?format=tbx')
      .set(admin)
      .send({ content: '<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>' })
      .expect(400);
    expect(doctype.body.error.message).toMatch(/DOCTYPE/);
  });

  it('refuses a non-JSON body and an unknown format', async () => {
    await request(app)
      .post('/api/glossary/import?format=csv')
      .set(admin)
      .set('Content-Type', 'text/csv')
      .send('source,target\n')
      .expect(415);
    await request(app)
      .post('/api/glossary/import?format=xlsx')
      .set(admin)
      .send({ content: '' })
      .expect(400);
    await request(app).get('/api/glossary/export?format=xlsx').set(admin).expect(400);
  });
});

describe('the /glossary page', () => {
  it('lists entries with search, and offers editing to admins only', async () => {
    const { agent } = await signInAgent(app);
    const page = await agent.get('/glossary?q=BIS').expect(200);
    expect(page.text).toContain('data-action="add-entry"');
    expect(page.text).toContain('Bureau of Industry and Security');
    expect(page.text).not.toContain('大模型');
    expect(page.text).toContain('/static/css/glossary.css');
    const zh = await agent.get('/glossary?lng=zh-Hant').expect(200);
    expect(zh.text).toContain('術語表');
  });
});
