import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { adminToken, makeApp } from '../helpers.js';

let app: Express;
let auth: { Authorization: string };
beforeAll(async () => {
  ({ app } = await makeApp());
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
});

describe('GET /api/documents', () => {
  it('lists the seed article with its progress', async () => {
    const res = await request(app).get('/api/documents').set(auth).expect(200);
    expect(res.body.documents).toHaveLength(1);
    expect(res.body.documents[0]).toMatchObject({
      id: 1,
      sourceLang: 'zh-CN',
      targetLang: 'en',
      segmentCount: 20,
      progress: { total: 20, percentDone: 100, byStatus: { translated: 20 } },
    });
  });
});

describe('GET /api/documents/:id', () => {
  it('gives the segments in order with every field of the model', async () => {
    const res = await request(app).get('/api/documents/1').set(auth).expect(200);
    const segs = res.body.segments;
    expect(segs).toHaveLength(20);
    expect(segs.map((s: { position: number }) => s.position)).toEqual(
      [...Array(20).keys()].map((i) => i + 1),
    );
    expect(segs[0]).toEqual({
      id: expect.any(Number),
      documentId: 1,
      position: 1,
      source: '美国众议院推进大模型出口限制法案,业内学者:自损八百',
      target: expect.stringContaining('US House'),
      status: 'translated',
      version: 1,
      updatedBy: 1,
      updatedAt: expect.any(String),
      alignCheck: false,
      alignNote: '',
    });
  });

  it.each([
    ['/api/documents/999', 404, 'not_found'],
    ['/api/documents/abc', 400, 'invalid_input'],
    ['/api/documents/0', 400, 'invalid_input'],
    ['/api/documents/1.5', 400, 'invalid_input'],
    ['/api/documents/99999999999999999999', 400, 'invalid_input'],
    ['/api/documents/999/annotations', 404, 'not_found'],
    ['/api/no-such-thing', 404, 'not_found'],
  ])('%s → %i', async (url, status, code) => {
    const res = await request(app).get(url).set(auth).expect(status);
    expect(res.body).toEqual({
      error: expect.objectContaining({ code, message: expect.any(String) }),
    });
  });
});

describe('GET /api/glossary', () => {
  it('gives every entry with its renderings', async () => {
    const res = await request(app).get('/api/glossary').set(auth).expect(200);
    expect(res.body.entries.length).toBeGreaterThanOrEqual(30);
    const weights = res.body.entries.find((e: { source: string }) => e.source === '模型权重');
    expect(weights).toMatchObject({
      target: 'model weights',
      forbidden: expect.arrayContaining(['model parameters']),
      caseSensitive: false,
    });
    const bis = res.body.entries.find((e: { source: string }) => e.source === 'BIS');
    expect(bis.caseSensitive).toBe(true);
  });
});

describe('GET /api/documents/:id/annotations', () => {
  it('gives the seed annotations, anchored, with sanitized HTML and replies', async () => {
    const [doc, res] = await Promise.all([
      request(app).get('/api/documents/1').set(auth),
      request(app).get('/api/documents/1/annotations').set(auth).expect(200),
    ]);
    const annotations = res.body.annotations;
    expect(annotations.length).toBeGreaterThanOrEqual(6);
    for (const a of annotations) {
      const seg = doc.body.segments.find((s: { id: number }) => s.id === a.segmentId);
      expect(seg[a.side].slice(a.start, a.end)).toBe(a.exact);
      expect(a.bodyHtml).toMatch(/^<(p|ul|ol|h4|blockquote)/);
      expect(a.author.username).toBe('seed-reviewer');
    }
    const doubled = annotations.find((a: { exact: string }) => a.exact === 'ENFORCE法案法案');
    expect(doubled).toMatchObject({ category: 'source-issue', side: 'source', status: 'open' });
    expect(annotations.some((a: { replies: unknown[] }) => a.replies.length > 0)).toBe(true);
  });
});

describe('request hygiene', () => {
  it('answers malformed JSON with 400', async () => {
    const res = await request(app)
      .post('/api/tokens')
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('answers a non-JSON body on the API with 415', async () => {
    await request(app)
      .post('/api/tokens')
      .set('Content-Type', 'text/plain')
      .send('admin')
      .expect(415);
  });

  it('answers an oversized body with 413', async () => {
    const huge = JSON.stringify({ username: 'a', password: 'x'.repeat(3 * 1024 * 1024) });
    await request(app)
      .post('/api/tokens')
      .set('Content-Type', 'application/json')
      .send(huge)
      .expect(413);
  });

  it('sends security headers and a strict CSP', async () => {
    const res = await request(app).get('/login');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('rate-limits repeated failed sign-ins with 429 and Retry-After', async () => {
    const { app: fresh } = await makeApp({ seedCorpus: false });
    let last = await request(fresh)
      .post('/api/tokens')
      .send({ username: 'admin', password: 'bad' });
    for (let i = 0; i < 10 && last.status !== 429; i++) {
      last = await request(fresh).post('/api/tokens').send({ username: 'admin', password: 'bad' });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
