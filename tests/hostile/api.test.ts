/**
 * The hostile-input suite: every text field of the API gets script, SQL, bidi overrides,
 * control characters, broken Unicode, huge strings, wrong types and malformed bodies. Each is
 * refused with a clear 4xx and changes nothing, or is stored exactly and comes back inert in
 * the pages and the exports; the server never answers 500 and keeps serving.
 */
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../server/store/db.js';
import { adminToken, makeApp, signInAgent } from '../helpers.js';
import { HOSTILE_TEXT, HUGE_TEXT, REFUSED_TEXT } from './payloads.js';

let app: Express;
let db: Db;
let auth: Record<string, string>;

beforeAll(async () => {
  ({ app, db } = await makeApp());
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
});
afterEach(async () => {
  // Whatever was thrown at it, the server still answers.
  await request(app).get('/api/me').set(auth).expect(200);
});

async function segment(id: number) {
  const doc = (await request(app).get('/api/documents/1').set(auth)).body;
  return doc.segments.find((s: { id: number }) => s.id === id);
}

describe('segment text', () => {
  it.each(Object.entries(HOSTILE_TEXT))(
    'stores %s exactly and renders it inert',
    async (_name, text) => {
      const seg = await segment(2);
      const res = await request(app)
        .patch('/api/segments/2')
        .set(auth)
        .send({ target: text, version: seg.version })
        .expect(200);
      expect(res.body.target).toBe(text);
      expect((await segment(2)).target).toBe(text);
      const { agent } = await signInAgent(app);
      const page = await agent.get('/documents/1').expect(200);
      expect(page.text).not.toContain(text.includes('<') ? text : '\u0000never');
      for (const format of ['html', 'md', 'tmx', 'xliff12']) {
        const exp = await request(app).get(`/api/documents/1/export?format=${format}`).set(auth);
        expect(exp.status, format).toBe(200);
        if (text.includes('<script')) expect(exp.text, format).not.toContain('<script>alert');
      }
    },
  );

  it.each(Object.entries(REFUSED_TEXT))(
    'refuses %s with 400 and changes nothing',
    async (_name, text) => {
      const before = await segment(3);
      const res = await request(app)
        .patch('/api/segments/3')
        .set(auth)
        .send({ target: text, version: before.version })
        .expect(400);
      expect(res.body.error.fields[0].field).toBe('target');
      expect(await segment(3)).toEqual(before);
    },
  );

  it('refuses a paragraph over the size limit with 400', async () => {
    const seg = await segment(3);
    await request(app)
      .patch('/api/segments/3')
      .set(auth)
      .send({ target: HUGE_TEXT, version: seg.version })
      .expect(400);
  });

  it.each([
    ['number', 42],
    ['array', ['a']],
    ['object', { a: 1 }],
    ['null', null],
    ['boolean', true],
  ])('refuses a target of type %s', async (_name, target) => {
    await request(app).patch('/api/segments/3').set(auth).send({ target, version: 1 }).expect(400);
  });
});

describe('malformed requests', () => {
  it.each([
    ['truncated JSON', '{"target": "abc'],
    ['trailing garbage', '{"target": "a", "version": 1}}'],
    ['single quotes', "{'target': 'a'}"],
    ['bare string', '"just a string"'],
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['prototype pollution', '{"__proto__": {"admin": true}, "version": 1, "target": "x"}'],
  ])('%s gets a 4xx, never a 500', async (_name, raw) => {
    const res = await request(app)
      .patch('/api/segments/3')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a 3 MB body is 413', async () => {
    const res = await request(app)
      .patch('/api/segments/3')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ target: 'x'.repeat(3_000_000), version: 1 }));
    expect(res.status).toBe(413);
  });

  it('a form body on the JSON API is 415', async () => {
    await request(app)
      .patch('/api/segments/3')
      .set(auth)
      .type('form')
      .send({ target: 'x', version: '1' })
      .expect(415);
  });

  it.each([
    '/api/segments/1e3',
    '/api/segments/0x10',
    '/api/segments/-1',
    '/api/segments/%00',
    '/api/segments/..%2F..%2Fetc',
  ])('a strange id in %s is 400 or 404', async (url) => {
    const res = await request(app).get(`${url}/revisions`).set(auth);
    expect([400, 404]).toContain(res.status);
  });
});

describe('comments, glossary and names', () => {
  it.each(Object.entries(HOSTILE_TEXT))(
    'an annotation body with %s is stored exactly and rendered inert',
    async (_name, text) => {
      const res = await request(app)
        .post('/api/segments/4/annotations')
        .set(auth)
        .send({
          side: 'source',
          start: 0,
          end: 2,
          category: 'other',
          severity: 'minor',
          body: `note ${text}`,
        })
        .expect(201);
      expect(res.body.body).toBe(`note ${text}`);
      expect(res.body.bodyHtml).not.toMatch(
        /<(script|img|svg|iframe)\b|\son\w+=|javascript:|data:text/i,
      );
      const w3c = await request(app)
        .get('/api/documents/1/annotations?format=w3c')
        .set(auth)
        .expect(200);
      // The Markdown source travels as JSON data (served as JSON, nosniff); the HTML bodies are sanitized.
      expect(w3c.headers['x-content-type-options']).toBe('nosniff');
      const html = JSON.parse(w3c.text)
        .first.items.flatMap((i: { body?: { format?: string; value: string }[] }) => i.body ?? [])
        .filter((b: { format?: string }) => b.format === 'text/html')
        .map((b: { value: string }) => b.value)
        .join('\n');
      expect(html).not.toMatch(/<(script|img|svg|iframe)\b|\son\w+=|javascript:/i);
    },
  );

  it.each(Object.entries(HOSTILE_TEXT))(
    'a glossary entry with %s is stored exactly or refused, never half-written',
    async (name, text) => {
      const before = (await request(app).get('/api/glossary').set(auth)).body.entries.length;
      const res = await request(app)
        .post('/api/glossary')
        .set(auth)
        .send({ source: `术语${name}`, target: text.slice(0, 200) || 'x', note: text });
      expect([201, 400]).toContain(res.status);
      const after = (await request(app).get('/api/glossary').set(auth)).body.entries;
      expect(after.length).toBe(before + (res.status === 201 ? 1 : 0));
      if (res.status === 201) {
        const { agent } = await signInAgent(app);
        const page = await agent.get('/glossary').expect(200);
        if (text.includes('<script')) expect(page.text).not.toContain(text);
      }
    },
  );

  it.each(['../admin', 'a b', '<script>', "o'brien; drop", '\u202Eadmin'])(
    'refuses the username %j',
    async (username) => {
      await request(app)
        .post('/api/users')
        .set(auth)
        .send({ username, password: 'a long enough secret', role: 'translator' })
        .expect(400);
    },
  );

  it('a display name with markup is stored exactly and escaped in pages', async () => {
    const res = await request(app)
      .post('/api/users')
      .set(auth)
      .send({
        username: 'markup',
        displayName: '<b onmouseover=alert(1)>Mallory</b>',
        password: 'a long enough secret',
        role: 'reviewer',
      })
      .expect(201);
    expect(res.body.displayName).toBe('<b onmouseover=alert(1)>Mallory</b>');
    const { agent } = await signInAgent(app);
    const page = await agent.get('/admin/users').expect(200);
    expect(page.text).toContain('&lt;b onmouseover=alert(1)&gt;Mallory&lt;/b&gt;');
  });
});

describe('hostile files', () => {
  const xxe = `<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="paragraph" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/>
<body><tu tuid="1"><tuv xml:lang="zh-CN"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`;
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tmx version="1.4"><body><tu><tuv xml:lang="zh-CN"><seg>&lol3;</seg></tuv></tu></body></tmx>`;
  const deep = `<?xml version="1.0"?><tmx version="1.4"><body>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</body></tmx>`;
  const truncated = xxe.replace(/<!DOCTYPE[^\]]+\]>/, '').slice(0, 300);

  it.each([
    ['external entity', xxe],
    ['entity bomb', bomb],
    ['deep nesting', deep],
    ['truncated file', truncated],
    ['not XML at all', '\u0000\u0001binary'],
  ])('a TMX with %s is refused with 400 and creates nothing', async (_name, body) => {
    const before = (await request(app).get('/api/documents').set(auth)).body.documents.length;
    const res = await request(app)
      .post('/api/documents/import?format=tmx')
      .set(auth)
      .set('Content-Type', 'application/xml')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('root:');
    expect((await request(app).get('/api/documents').set(auth)).body.documents.length).toBe(before);
  });

  it('a TBX with an external entity is refused and the glossary is unchanged', async () => {
    const before = (await request(app).get('/api/glossary').set(auth)).body.entries.length;
    const tbx = xxe.replace(/tmx/g, 'tbx');
    const res = await request(app)
      .post('/api/glossary/import?format=tbx')
      .set(auth)
      .set('Content-Type', 'application/xml')
      .send(tbx);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await request(app).get('/api/glossary').set(auth)).body.entries.length).toBe(before);
  });

  it('a W3C collection with junk is refused and adds nothing', async () => {
    const before = (await request(app).get('/api/documents/1/annotations').set(auth)).body
      .annotations.length;
    await request(app)
      .post('/api/documents/1/annotations/import')
      .set(auth)
      .send({ first: { items: [{ target: 5 }] } })
      .expect(400);
    expect(
      (await request(app).get('/api/documents/1/annotations').set(auth)).body.annotations.length,
    ).toBe(before);
  });
});
