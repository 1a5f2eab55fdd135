/**
 * Creating a document from a large TMX file: read on a worker thread while its segments are
 * stored, in one transaction (issue 8). Large files must give what small ones give, and a file
 * that turns out bad at its very end must leave nothing behind.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { parseTmx } from '../../server/domain/exchange/index.js';
import type { Db } from '../../server/store/db.js';
import { adminToken, makeApp } from '../helpers.js';

let app: Express;
let db: Db;
let auth: { Authorization: string };

beforeAll(async () => {
  ({ app, db } = await makeApp());
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
});

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext">\n' +
  '<prop type="x-duizhao-title">  大文件 &amp; co  </prop>\n</header>\n<body>\n';

/** A TMX of `n` units, over 1 MB from ~3,000 units (so it is read on a worker). */
function bigTmx(n: number, extra = ''): string {
  let body = '';
  for (let i = 0; i < n; i++) {
    const target =
      i % 11 === 0
        ? ''
        : `<tuv xml:lang="en-GB"><seg>Paragraph ${i} &lt;x&gt; with <ph>code</ph>text.</seg></tuv>`;
    const status = i % 13 === 0 ? '<prop type="x-duizhao-status">reviewed</prop>' : '';
    const source = i % 17 === 0 ? '' : `第${i}段：人工智能模型的出口管制😀。`;
    body += `<tu tuid="${i}">${status}<tuv xml:lang="zh-CN"><seg>${source}</seg></tuv>${target}</tu>\n`;
  }
  return `${HEAD}${body}${extra}</body>\n</tmx>\n`;
}

const importTmx = (body: string | Buffer) =>
  request(app)
    .post('/api/documents/import?format=tmx')
    .set(auth)
    .set('Content-Type', 'application/x-tmx+xml')
    .send(body);

async function counts() {
  const n = async (table: 'documents' | 'segments' | 'revisions' | 'audit_events') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    documents: await n('documents'),
    segments: await n('segments'),
    revisions: await n('revisions'),
    audit: await n('audit_events'),
  };
}

describe('POST /api/documents/import with a large TMX file', () => {
  it('creates the document the file describes, with every segment and its first revision', async () => {
    const xml = bigTmx(6000);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1 << 20);
    const parsed = parseTmx(xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const expected = parsed.file.units
      .filter((u) => u.source !== '' || (u.target ?? '') !== '')
      .map((u) => ({
        source: u.source,
        target: u.target ?? '',
        status: u.status ?? ((u.target ?? '') === '' ? 'new' : 'translated'),
      }));

    const res = await importTmx(xml).expect(201);
    const id = res.body.document.id as number;
    expect(res.body.document).toEqual({
      id,
      title: '大文件 & co',
      sourceLang: 'zh-CN',
      targetLang: 'en-GB',
      segmentCount: expected.length,
    });
    const rows = await db
      .selectFrom('segments')
      .select(['id', 'position', 'source', 'target', 'status', 'version', 'updated_by'])
      .where('document_id', '=', id)
      .orderBy('position')
      .execute();
    expect(rows.map((r) => ({ source: r.source, target: r.target, status: r.status }))).toEqual(
      expected,
    );
    expect(rows.map((r) => r.position)).toEqual(expected.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => `${r.version}:${r.updated_by}`))).toEqual(new Set(['1:1']));
    const revisions = await db
      .selectFrom('revisions')
      .innerJoin('segments', 'segments.id', 'revisions.segment_id')
      .select(['revisions.segment_id', 'revisions.target', 'revisions.status', 'revisions.kind'])
      .where('segments.document_id', '=', id)
      .orderBy('revisions.id')
      .execute();
    expect(revisions).toEqual(
      rows.map((r) => ({ segment_id: r.id, target: r.target, status: r.status, kind: 'import' })),
    );
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'details'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('create');
    expect(audit.entity_id).toBe(String(id));
    expect(JSON.parse(audit.details)).toEqual({
      segments: expected.length,
      format: 'tmx',
      units: 6000,
    });
    // The document reads back like any other.
    const doc = await request(app).get(`/api/documents/${id}`).set(auth).expect(200);
    expect(doc.body).toMatchObject({ title: '大文件 & co', segmentCount: expected.length });
  });

  it('the title in the query wins; languages fall back when the file has none', async () => {
    const xml = bigTmx(6000)
      .replace(' srclang="zh-CN"', ' srclang="*all*"')
      .replace(/ xml:lang="en-GB"/g, ' xml:lang="x y"');
    const res = await request(app)
      .post('/api/documents/import?format=tmx&title=Mine')
      .set(auth)
      .set('Content-Type', 'application/octet-stream')
      .send(xml)
      .expect(201);
    expect(res.body.document).toMatchObject({
      title: 'Mine',
      sourceLang: 'zh-CN',
      targetLang: 'en',
    });
  });

  it('titles a document after the uploaded file when the file names no title of its own', async () => {
    const untitled = bigTmx(6000).replace(/<prop type="x-duizhao-title">[^<]*<\/prop>\n/, '');
    const post = (xml: string) =>
      request(app)
        .post(
          `/api/documents/import?format=tmx&name=${encodeURIComponent('D:\\files\\听证会.en.tmx')}`,
        )
        .set(auth)
        .set('Content-Type', 'application/octet-stream')
        .send(xml)
        .expect(201);
    expect((await post(untitled)).body.document.title).toBe('听证会.en');
    // The file's own title wins over its name.
    expect((await post(bigTmx(6000))).body.document.title).toBe('大文件 & co');
    // A blank title in the file is no title; with no name either, the default.
    const blank = await request(app)
      .post('/api/documents/import?format=tmx')
      .set(auth)
      .set('Content-Type', 'application/octet-stream')
      .send(bigTmx(6000).replace('  大文件 &amp; co  ', '   '))
      .expect(201);
    expect(blank.body.document.title).toBe('Imported tmx file');
  });

  it.each([
    [
      'a malformed tag in the last unit',
      (x: string) =>
        x.replace('</body>', '<tu><tuv xml:lang="zh-CN"><seg>x</sex></tuv></tu>\n</body>'),
      400,
      /^Line \d+, column \d+: unexpected close tag/,
    ],
    [
      'a unit without the source language at the end',
      (x: string) =>
        x.replace('</body>', '<tu tuid="last"><tuv xml:lang="en"><seg>x</seg></tuv></tu>\n</body>'),
      400,
      /source language zh-CN/,
    ],
    [
      'a DOCTYPE after the units',
      (x: string) => x.replace('</body>', '</body><!DOCTYPE x>'),
      400,
      /DOCTYPE|doctype/,
    ],
    [
      'nothing but empty units',
      () => bigTmx(0, '<tu><tuv xml:lang="zh-CN"><seg></seg></tuv></tu>\n'.repeat(30_000)),
      400,
      /no units/,
    ],
  ])('%s: refused, nothing created', async (_name, make, status, message) => {
    const before = await counts();
    const xml = make(bigTmx(6000));
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1 << 20);
    const res = await importTmx(xml).expect(status);
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('invalid UTF-8 at the very end: 415, nothing created', async () => {
    const before = await counts();
    const bytes = Buffer.from(bigTmx(6000));
    bytes[bytes.length - 3] = 0xff;
    const res = await importTmx(bytes).expect(415);
    expect(res.body.error.code).toBe('unsupported_encoding');
    expect(await counts()).toEqual(before);
  });

  it('the line and column of an error are those of the file', async () => {
    const xml = bigTmx(6000);
    const broken = xml.replace(
      '</body>',
      '<tu>\n  <tuv xml:lang="zh-CN"><seg>x</sex></tuv></tu>\n</body>',
    );
    const line = broken.slice(0, broken.indexOf('</sex>')).split('\n').length;
    const res = await importTmx(broken).expect(400);
    expect(res.body.error).toMatchObject({ line, column: 36 });
    expect(parseTmx(broken)).toMatchObject({ ok: false, error: { line, column: 36 } });
  });

  it('two large imports at once both succeed', async () => {
    const xml = bigTmx(6000);
    const [a, b] = await Promise.all([importTmx(xml), importTmx(xml)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.document.segmentCount).toBe(b.body.document.segmentCount);
    expect(a.body.document.id).not.toBe(b.body.document.id);
  });
});

/**
 * An upload sent in pieces with chunked transfer encoding (no Content-Length), as a browser
 * streaming a file or a script piping one would, optionally with pauses and broken off.
 */
function upload(
  server: http.Server,
  pieces: Buffer[],
  options: {
    gapMs?: number;
    abortAfter?: number;
    headers?: Record<string, string>;
    /** Before piece `at` is sent, wait for `until`. */
    hold?: { at: number; until: Promise<void> };
  } = {},
): Promise<{ status: number; body: { error?: { code: string }; document?: { id: number } } }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        method: 'POST',
        path: '/api/documents/import?format=tmx',
        headers: {
          ...auth,
          'Content-Type': 'application/x-tmx+xml',
          'Transfer-Encoding': 'chunked',
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    void (async () => {
      for (const [k, piece] of pieces.entries()) {
        if (options.hold?.at === k) await options.hold.until;
        if (options.abortAfter === k) {
          req.destroy();
          resolve({ status: 0, body: {} });
          return;
        }
        req.write(piece);
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
      req.end();
    })();
  });
}

/** `bytes` cut into `n` pieces at odd offsets (multi-byte characters are split across pieces). */
function pieces(bytes: Buffer, n: number): Buffer[] {
  const size = Math.ceil(bytes.length / n) + 7;
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe('a TMX upload is read as it arrives', () => {
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a chunked upload in pieces that split characters gives what one buffer gives', async () => {
    const xml = bigTmx(4000);
    const bytes = Buffer.from(xml);
    const whole = await importTmx(bytes).expect(201);
    const streamed = await upload(server, pieces(bytes, 37), { gapMs: 2 });
    expect(streamed.status).toBe(201);
    const texts = (id: number) =>
      db
        .selectFrom('segments')
        .select(['source', 'target', 'status'])
        .where('document_id', '=', id)
        .orderBy('position')
        .execute();
    const a = await texts(whole.body.document.id as number);
    const b = await texts(streamed.body.document!.id);
    expect(a.length).toBeGreaterThan(3000);
    expect(b).toEqual(a);
  });

  it('past the size limit without a declared size: 413, nothing created', async () => {
    const before = await counts();
    const head = Buffer.from(bigTmx(6000).replace(/<\/body>[\s\S]*$/, ''));
    const filler = Buffer.from(`<!-- ${'x'.repeat(1 << 20)} -->\n`);
    const res = await upload(server, [head, ...Array<Buffer>(52).fill(filler)]);
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('too_large');
    expect(await counts()).toEqual(before);
  });

  it('bytes that are not UTF-8 in the middle: 415, nothing created, and the reply still arrives', async () => {
    const before = await counts();
    const bytes = Buffer.from(bigTmx(6000));
    bytes[Math.floor(bytes.length / 2)] = 0xff;
    const res = await upload(server, pieces(bytes, 20));
    expect(res.status).toBe(415);
    expect(res.body.error?.code).toBe('unsupported_encoding');
    expect(await counts()).toEqual(before);
  });

  it('an upload broken off half way leaves nothing, and the next one works', async () => {
    const before = await counts();
    const parts = pieces(Buffer.from(bigTmx(6000)), 20);
    await upload(server, parts, { abortAfter: 10, gapMs: 5 });
    // The server notices the broken connection and rolls the import back.
    for (let k = 0; k < 100 && (await counts()).segments !== before.segments; k++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(await counts()).toEqual(before);
    const res = await upload(server, parts);
    expect(res.status).toBe(201);
  });

  it("a slow upload does not hold up other users' saves (the transaction opens once it is all here)", async () => {
    const segment = await db
      .selectFrom('segments')
      .select(['id', 'version'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    const parts = pieces(Buffer.from(bigTmx(6000)), 20);
    // A parsing worker started and ready, so that the held upload's first batches are parsed
    // well within the wait below.
    expect((await upload(server, parts)).status).toBe(201);
    const importing = upload(server, parts, { hold: { at: 12, until } });
    await new Promise((r) => setTimeout(r, 500));
    const save = request(app)
      .patch(`/api/segments/${segment.id}`)
      .set(auth)
      .send({ target: 'Saved during an upload.', version: segment.version });
    const outcome = await Promise.race([
      save.then((res) => res.status),
      new Promise((r) => setTimeout(() => r('still waiting'), 5000)),
    ]);
    release();
    expect(outcome).toBe(200);
    expect((await importing).status).toBe(201);
  });

  it('a compressed upload is still accepted (read whole, then inflated)', async () => {
    const xml = bigTmx(3000);
    const res = await upload(server, [zlib.gzipSync(xml)], {
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(res.status).toBe(201);
  });
});
