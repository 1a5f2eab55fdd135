import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../server/store/db.js';
import { adminToken, makeApp, userToken } from '../helpers.js';

let app: Express;
let db: Db;
let admin: Record<string, string>;
let reviewer: Record<string, string>;
let translator: Record<string, string>;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeEach(async () => {
  ({ app, db } = await makeApp());
  admin = bearer(await adminToken(app));
  reviewer = bearer(await userToken(app, db, 'reviewer'));
  translator = bearer(await userToken(app, db, 'translator'));
});

async function seg(id: number) {
  const doc = (await request(app).get('/api/documents/1').set(admin)).body;
  return doc.segments.find((s: { id: number }) => s.id === id);
}
async function annotations() {
  return (await request(app).get('/api/documents/1/annotations').set(admin)).body.annotations;
}
async function annotate(
  who: Record<string, string>,
  segmentId: number,
  side: 'source' | 'target',
  quote: string,
  extra = {},
  status = 201,
) {
  const text = (await seg(segmentId))[side] as string;
  const start = text.indexOf(quote);
  return request(app)
    .post(`/api/segments/${segmentId}/annotations`)
    .set(who)
    .send({
      side,
      start,
      end: start + quote.length,
      category: 'terminology',
      severity: 'major',
      body: 'Use the **glossary** term.',
      ...extra,
    })
    .expect(status);
}

describe('POST /api/segments/:id/annotations', () => {
  it('creates an anchored annotation with its quote and sanitized HTML', async () => {
    const res = await annotate(reviewer, 6, 'target', 'Shanghai AI Laboratory', {}, 201);
    expect(res.body).toMatchObject({
      segmentId: 6,
      side: 'target',
      exact: 'Shanghai AI Laboratory',
      status: 'open',
      orphaned: false,
      bodyHtml: '<p>Use the <strong>glossary</strong> term.</p>',
      author: { username: 'reviewer' },
    });
    expect(res.body.prefix.length).toBeGreaterThan(0);
  });

  it.each([
    [{ start: -1, end: 3 }],
    [{ start: 5, end: 5 }],
    [{ start: 10, end: 5 }],
    [{ start: 0, end: 100_000 }],
    [{ start: 1.5, end: 3 }],
    [{ side: 'middle' }],
    [{ category: 'grammar' }],
    [{ severity: 'blocker' }],
    [{ body: '   ' }],
  ])('refuses %j with 400', async (override) => {
    const body = {
      side: 'source',
      start: 0,
      end: 2,
      category: 'accuracy',
      severity: 'minor',
      body: 'x',
      ...override,
    };
    const res = await request(app)
      .post('/api/segments/2/annotations')
      .set(reviewer)
      .send(body)
      .expect(400);
    expect(res.body.error.code).toMatch(/invalid_input|bad_request/);
  });

  it('lets translators reply but not open annotations', async () => {
    await annotate(translator, 6, 'target', 'Shanghai AI Laboratory', {}, 403);
  });

  it('neutralises a malicious comment', async () => {
    const res = await annotate(reviewer, 6, 'target', 'Shanghai', {
      body: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(2)</script>',
    });
    expect(res.body.bodyHtml).not.toMatch(/<img|<script|onerror|javascript:/);
    expect(res.body.body).toContain('<script>');
  });
});

describe('working annotations', () => {
  it('replies, resolves, reopens; authors edit and delete their own', async () => {
    const { body: a } = await annotate(reviewer, 6, 'target', 'Shanghai AI Laboratory', {}, 201);
    const replied = await request(app)
      .post(`/api/annotations/${a.id}/replies`)
      .set(translator)
      .send({ body: 'Fixed, thanks.' })
      .expect(201);
    expect(replied.body.replies).toHaveLength(1);
    expect(replied.body.replies[0]).toMatchObject({
      body: 'Fixed, thanks.',
      author: { username: 'translator' },
    });

    await request(app)
      .patch(`/api/annotations/${a.id}`)
      .set(translator)
      .send({ status: 'resolved' })
      .expect(403);
    const resolved = await request(app)
      .patch(`/api/annotations/${a.id}`)
      .set(reviewer)
      .send({ status: 'resolved' })
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    await request(app)
      .patch(`/api/annotations/${a.id}`)
      .set(admin)
      .send({ status: 'open' })
      .expect(200);

    await request(app)
      .patch(`/api/annotations/${a.id}`)
      .set(translator)
      .send({ body: 'hijack' })
      .expect(403);
    const edited = await request(app)
      .patch(`/api/annotations/${a.id}`)
      .set(reviewer)
      .send({ body: 'Edited *comment*', severity: 'minor' })
      .expect(200);
    expect(edited.body).toMatchObject({
      body: 'Edited *comment*',
      bodyHtml: '<p>Edited <em>comment</em></p>',
      severity: 'minor',
    });

    const replyId = replied.body.replies[0].id;
    await request(app)
      .patch(`/api/replies/${replyId}`)
      .set(reviewer)
      .send({ body: 'not mine' })
      .expect(403);
    await request(app)
      .patch(`/api/replies/${replyId}`)
      .set(translator)
      .send({ body: 'Fixed in v2.' })
      .expect(200);
    await request(app).delete(`/api/replies/${replyId}`).set(translator).expect(204);

    await request(app).delete(`/api/annotations/${a.id}`).set(translator).expect(403);
    await request(app).delete(`/api/annotations/${a.id}`).set(reviewer).expect(204);
    expect((await annotations()).find((x: { id: number }) => x.id === a.id)).toBeUndefined();
  });
});

describe('anchoring through edits', () => {
  it('follows its text when the paragraph is edited, and is orphaned when the text is gone', async () => {
    const { body: a } = await annotate(reviewer, 6, 'target', 'Shanghai AI Laboratory', {}, 201);
    const s = await seg(6);
    const edited = `In a post, ${s.target}`;
    await request(app)
      .patch('/api/segments/6')
      .set(translator)
      .send({ target: edited, version: s.version })
      .expect(200);
    let now = (await annotations()).find((x: { id: number }) => x.id === a.id);
    expect(now.orphaned).toBe(false);
    expect(edited.slice(now.start, now.end)).toBe('Shanghai AI Laboratory');

    await request(app)
      .patch('/api/segments/6')
      .set(translator)
      .send({ target: 'Completely rewritten.', version: s.version + 1 })
      .expect(200);
    now = (await annotations()).find((x: { id: number }) => x.id === a.id);
    expect(now).toMatchObject({ orphaned: true, exact: 'Shanghai AI Laboratory' });
  });
});

describe('GET /api/documents/:id/quality', () => {
  it('scores the seed annotations with MQM weights and keeps source issues apart', async () => {
    const res = await request(app).get('/api/documents/1/quality').set(admin).expect(200);
    const q = res.body;
    expect(q.model.weights).toEqual({ minor: 1, major: 5, critical: 25 });
    expect(q.sourceIssues.open).toBe(2);
    expect(q.targetWords).toBeGreaterThan(900);
    expect(q.penalty).toBe(q.errors.minor * 1 + q.errors.major * 5 + q.errors.critical * 25);
    expect(q.score).toBeCloseTo(100 - (q.penalty * 100) / q.targetWords, 1);
    expect(q.pass).toBe(q.score >= 95);
  });

  it('charges a new critical error and honours the threshold override', async () => {
    const before = (await request(app).get('/api/documents/1/quality').set(admin)).body;
    await annotate(
      reviewer,
      6,
      'target',
      'Shanghai AI Laboratory',
      {
        severity: 'critical',
        category: 'accuracy',
      },
      201,
    );
    const after = (await request(app).get('/api/documents/1/quality?threshold=99.9').set(admin))
      .body;
    expect(after.penalty).toBe(before.penalty + 25);
    expect(after.pass).toBe(false);
  });
});

describe('W3C Web Annotation exchange', () => {
  it('exports JSON-LD with quote and code-point position selectors, and imports it back', async () => {
    await db
      .updateTable('segments')
      .set({ target: '😀 emoji first, then the term.' })
      .where('id', '=', 7)
      .execute();
    await annotate(reviewer, 7, 'target', 'term', {}, 201);
    const res = await request(app)
      .get('/api/documents/1/annotations?format=w3c')
      .set(admin)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    const coll = JSON.parse(res.text);
    expect(coll['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(coll.type).toBe('AnnotationCollection');
    const item = coll.first.items.find((i: { target: { source?: string } }) =>
      i.target?.source?.endsWith('#segment-7-target'),
    );
    const position = item.target.selector.find(
      (s: { type: string }) => s.type === 'TextPositionSelector',
    );
    // "😀 emoji first, then the " is 25 UTF-16 units but 24 code points.
    expect(position).toEqual({ type: 'TextPositionSelector', start: 24, end: 28 });
    expect(item.body.map((b: { format?: string }) => b.format)).toEqual(
      expect.arrayContaining(['text/markdown', 'text/html']),
    );

    const count = (await annotations()).length;
    const imported = await request(app)
      .post('/api/documents/1/annotations/import')
      .set(reviewer)
      .send(coll)
      .expect(201);
    expect(imported.body.added).toBe(count);
    const all = await annotations();
    expect(all).toHaveLength(count * 2);
    const copies = all.filter(
      (a: { exact: string; segmentId: number }) => a.segmentId === 7 && a.exact === 'term',
    );
    expect(copies).toHaveLength(2);
    expect(copies[0].start).toBe(copies[1].start);
  });

  it('refuses a collection that does not target our segments', async () => {
    const bad = {
      type: 'AnnotationCollection',
      first: {
        items: [
          {
            type: 'Annotation',
            body: { value: 'x' },
            target: { source: 'https://example.org/page' },
          },
        ],
      },
    };
    await request(app)
      .post('/api/documents/1/annotations/import')
      .set(reviewer)
      .send(bad)
      .expect(400);
  });
});
