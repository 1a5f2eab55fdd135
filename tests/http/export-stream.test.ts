/**
 * Exports made page by page, every other page on a worker thread with its own connection to
 * the database file (issue 8): the bytes must be exactly those of one serialisation of the
 * whole document, in every format and with every option, whoever made which page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import {
  EXPORT_FORMATS,
  variantConverter,
  type ExportFormat,
  type ExportMeta,
} from '../../server/domain/exchange/index.js';
import type { SegmentStatus } from '../../server/domain/segment/index.js';
import type { Db } from '../../server/store/db.js';
import { insertDocument } from '../../server/store/documents.js';
import { exportNotes } from '../../server/store/exchange.js';
import {
  exportChunks,
  type ExportRequest,
  type ExportStreamOptions,
} from '../../server/store/export-stream.js';
import { referenceExport } from '../export-reference.js';
import { adminToken, makeApp } from '../helpers.js';
import { parseDump, validate, validatorAvailable } from './exchange-helpers.js';

let dir: string;
let app: Express;
let db: Db;
let auth: { Authorization: string };
/** A synthetic document of BIG paragraphs, hostile texts among them. */
let big: number;
const BIG = 12_345;

const STATUSES: SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'approved'];
const HOSTILE = [
  ['& < > " \' ]]>', 'Tom & Jerry <b>x</b> "q" \'s\''],
  ['表情😀𠮷', 'emoji 😀 𠮷'],
  ['段内\n换行\r\n', 'line\nbreak\r\nCR\r'],
  ['NUL\u0000控制\u0001\uFFFE', 'bell\u0007 vt\u000B \uFFFF'],
  ['=SUM(A1)', '@user\t-2'],
  ['', ''],
];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-export-'));
  ({ app, db } = await makeApp({ databaseUrl: `sqlite:${path.join(dir, 'db.sqlite')}` }));
  auth = { Authorization: `Bearer ${await adminToken(app)}` };
  const segments = Array.from({ length: BIG }, (_, i) => {
    const [source, target] = HOSTILE[i % 97 === 0 ? (i / 97) % HOSTILE.length : 0] ?? ['', ''];
    return i % 97 === 0
      ? { source: source!, target: target!, status: STATUSES[i % 5]! }
      : {
          source: `第${i}段。人工智能模型的出口管制。第二句话！`,
          target: i % 7 ? `Paragraph ${i}. Export controls on AI models. Second one!` : '',
          status: STATUSES[i % 5]!,
        };
  });
  big = (
    await db
      .transaction()
      .execute((trx) =>
        insertDocument(
          trx,
          { title: 'Big 大', sourceLang: 'zh-CN', targetLang: 'en', segments },
          1,
          'import',
        ),
      )
  ).id;
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const META = (documentId: number, extra: Partial<ExportMeta> = {}): ExportMeta => ({
  documentId,
  title: 'T <&>',
  sourceLang: 'zh-CN',
  targetLang: 'en',
  granularity: 'paragraph' as const,
  side: 'target' as const,
  layout: 'bilingual' as const,
  bom: false,
  toolVersion: '0.1.0',
  createdAt: '2026-11-30T12:00:00.000Z',
  ...extra,
});

async function exportRequest(
  documentId: number,
  format: ExportFormat,
  extra: Partial<ExportRequest> = {},
  meta: Partial<ExportMeta> = {},
): Promise<ExportRequest> {
  return {
    documentId,
    format,
    meta: META(documentId, { granularity: extra.granularity ?? 'paragraph', ...meta }),
    statuses: undefined,
    granularity: 'paragraph',
    sourceLang: 'zh-CN',
    targetLang: 'en',
    convertSource: undefined,
    notes: await exportNotes(db, documentId),
    ...extra,
  };
}

async function bytesOf(req: ExportRequest, options: ExportStreamOptions): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of exportChunks(db, req, options)) parts.push(chunk);
  return Buffer.concat(parts);
}

const reference = (req: ExportRequest) => referenceExport(db, req);

describe('exports made by two threads are the exports made by one', () => {
  it.each(EXPORT_FORMATS)(
    '%s of the annotated seed article, a few paragraphs a page',
    async (format) => {
      const req = await exportRequest(1, format);
      const expected = await reference(req);
      expect(expected).toContain(format === 'tmx' ? '<note>' : '');
      for (const pageSize of [1, 3, 7, 20, 1000]) {
        const parallel = await bytesOf(req, { pageSize, parallel: true });
        expect(parallel.toString('utf8')).toBe(expected);
      }
      expect((await bytesOf(req, { pageSize: 3, parallel: false })).toString('utf8')).toBe(
        expected,
      );
    },
  );

  it.each([
    ['tmx', { statuses: ['translated', 'approved'] as SegmentStatus[] }],
    ['tsv', { statuses: ['new'] as SegmentStatus[] }],
    ['xliff12', { granularity: 'sentence' as const }],
    ['jsonl', { granularity: 'sentence' as const, statuses: ['draft'] as SegmentStatus[] }],
    ['xliff2', { notes: new Map() }],
  ] as const)('%s with %o, thousands of paragraphs', async (format, extra) => {
    const req = await exportRequest(big, format, extra);
    const expected = await reference(req);
    const parallel = await bytesOf(req, { pageSize: 1000, parallel: true });
    expect(parallel.toString('utf8')).toBe(expected);
  });

  it('a variant export stays on one thread and is the same', async () => {
    const req = await exportRequest(
      1,
      'tmx',
      { convertSource: variantConverter('zh-TW') },
      { sourceLang: 'zh-TW' },
    );
    expect((await bytesOf(req, { pageSize: 3, parallel: true })).toString('utf8')).toBe(
      await reference(req),
    );
  });

  it('pages the worker does not make in time are made here, with the same result', async () => {
    const req = await exportRequest(big, 'tmx');
    const slow = await bytesOf(req, { pageSize: 2000, parallel: true, stallMs: 0 });
    expect(slow.toString('utf8')).toBe(await reference(req));
  });

  it('an export stopped early leaves the next ones whole', async () => {
    const req = await exportRequest(big, 'tsv');
    const chunks = exportChunks(db, req, { pageSize: 500, parallel: true });
    await chunks.next();
    await chunks.next();
    await chunks.return(undefined);
    const expected = await reference(req);
    for (let i = 0; i < 2; i++)
      expect((await bytesOf(req, { pageSize: 500, parallel: true })).toString('utf8')).toBe(
        expected,
      );
  });

  it.runIf(validatorAvailable())('validate-export accepts a TMX made by two threads', async () => {
    const req = await exportRequest(big, 'tmx');
    const tmx = (await bytesOf(req, { pageSize: 3000, parallel: true })).toString('utf8');
    const v = await validate('tmx', tmx, ['--dump', '--src-lang', 'zh-CN', '--tgt-lang', 'en']);
    expect(v.stderr, v.stderr).toMatch(/^tmx OK/m);
    expect(v.code).toBe(0);
    expect(parseDump(v.stdout)).toHaveLength(BIG);
  });
});

describe('GET /api/documents/:id/export of a large document on a database file', () => {
  it('streams the same bytes each time, the worker joining when it has started', async () => {
    const req = await exportRequest(big, 'tmx', {}, { title: 'Big 大' });
    const expected = await reference(req);
    for (let i = 0; i < 3; i++) {
      const res = await request(app)
        .get(`/api/documents/${big}/export?format=tmx`)
        .set(auth)
        .buffer(true)
        .parse((r, cb) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
        })
        .expect(200);
      const body = res.body as string;
      // Only the creation date differs.
      const date = /creationdate="([^"]+)"/.exec(body)?.[1];
      expect(body.length).toBeGreaterThan(3_000_000);
      expect(body).toBe(expected.replace(/creationdate="[^"]+"/, `creationdate="${date}"`));
    }
  });
});
