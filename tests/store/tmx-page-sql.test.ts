/**
 * TMX pages made by SQLite (store/tmx-page-sql.ts) must leave the export byte for byte what
 * the JS exporter makes, whatever the texts: pages SQLite can make come from it, the others
 * from the JS exporter, on either thread (parallel true/false), page by page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXPORTERS,
  encodeUnits,
  escapeXmlText,
  toExportUnits,
  variantConverter,
  type ExportMeta,
  type ExportNote,
} from '../../server/domain/exchange/index.js';
import type { SegmentStatus } from '../../server/domain/segment/index.js';
import { openDb, sqliteHandle, type Db } from '../../server/store/db.js';
import { insertDocument } from '../../server/store/documents.js';
import { exportChunks, type ExportRequest } from '../../server/store/export-stream.js';
import { migrate } from '../../server/store/migrate.js';
import { pageBounds, rangeStatements, readRange } from '../../server/store/segment-range.js';
import { readTmxPage, tmxPageSql } from '../../server/store/tmx-page-sql.js';
import { referenceExport, unitOptions } from '../export-reference.js';
import { seededRandom } from '../seeded-random.js';

const STATUSES: SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'approved'];
const LONG = '长文本'.repeat(40_000) + 'long text '.repeat(10_000);

/** Texts escaping would change (or that read back changed), and some that need nothing. */
const TRICKY: [string, string][] = [
  ['& 与 &amp;', 'Tom & Jerry'],
  ['a < b', 'x > y'],
  ['<b>粗体</b>', ''],
  ['', ']]>'],
  ['回车\r', 'CRLF\r\nline'],
  ['NUL\u0000字', 'bell\u0007'],
  ['\u0001\u0008\u000b\u000c\u000e\u001f', 'C0'],
  ['\uFFFE', 'U+FFFF \uFFFF'],
  ['lone \uD800 high', 'lone \uDC00 low'],
  ['reversed \uDC00\uD800 pair', 'ok'],
  [`${LONG}&`, LONG],
];
const CLEAN: [string, string][] = [
  ['tab\t制表', 'LF\nline\n'],
  ['表情😀𠮷', 'emoji 😀 𠮷'],
  ['"双引号" \'单\'', 'quotes "q" \'a\' %s %d %%s'],
  ['', ''],
  [LONG, LONG],
  ['\u007f DEL \u0080 \u0085 \u009f', '\uFEFF BOM \uFFFD ￥ \uFFEF ￮'],
  ['全角，标点。', 'ASCII = ; : / ? # [ ] @ !'],
];

let dir: string;
let db: Db;
/** 600 paragraphs: clean ones, now and then a tricky or clean-but-odd one. */
let tricky: number;
/** The same kind of paragraphs, their positions reversed (and spread) against their ids. */
let reordered: number;
/** Seeded random paragraphs, most pages clean, some not. */
let random: number;

async function addDocument(segments: { source: string; target: string; status: SegmentStatus }[]) {
  return (
    await insertDocument(
      db,
      { title: 'T', sourceLang: 'zh-CN', targetLang: 'en', segments },
      null,
      'import',
    )
  ).id;
}

function plain(i: number): { source: string; target: string; status: SegmentStatus } {
  return {
    source: `第${i}段。人工智能模型的出口管制。`,
    target: i % 5 ? `Paragraph ${i}. Export controls on AI models.` : '',
    status: STATUSES[i % 5]!,
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-tmx-sql-'));
  db = openDb(`sqlite:${path.join(dir, 'db.sqlite')}`);
  await migrate(db);
  const mixed = (i: number) => {
    const odd = i % 23 === 5 ? TRICKY : i % 17 === 3 ? CLEAN : undefined;
    if (!odd) return plain(i);
    const [source, target] = odd[Math.floor(i / 23) % odd.length]!;
    return { source, target, status: STATUSES[i % 5]! };
  };
  tricky = await addDocument(Array.from({ length: 600 }, (_, i) => mixed(i)));
  reordered = await addDocument(Array.from({ length: 300 }, (_, i) => mixed(i)));
  const sqlite = sqliteHandle(db)!;
  // Versions of several digits; text that is not UTF-8 at all, stored by another tool.
  sqlite.prepare('update segments set version = id * 37 % 1001 where id % 3 = 0').run();
  sqlite
    .prepare(
      `update segments set target = cast(x'61ff62c0af' as text) where document_id = ? and position = 400`,
    )
    .run(tricky);
  // Reversed positions with gaps: ids no longer say the order.
  sqlite.prepare('update segments set position = -position where document_id = ?').run(reordered);
  sqlite
    .prepare('update segments set position = 10 * (1000 + position) where document_id = ?')
    .run(reordered);

  const rand = seededRandom(8);
  const fragments = [
    ...['人工智能', '模型', '出口', '管制', '，', '。', '😀', ' '],
    ...['export', 'controls', 'on', 'AI', 'models', '.', ' ', '\t', '\n', '"', "'"],
  ];
  const dirty = ['&', '<', '>', '\r', '\u0000', '\u0019', '\uFFFF', '\uD800'];
  const text = () => {
    let out = '';
    const n = Math.floor(rand() * 30);
    for (let k = 0; k < n; k++) {
      out +=
        rand() < 0.001
          ? dirty[Math.floor(rand() * dirty.length)]
          : fragments[Math.floor(rand() * fragments.length)];
    }
    return out;
  };
  random = await addDocument(
    Array.from({ length: 2500 }, () => ({
      source: text(),
      target: text(),
      status: STATUSES[Math.floor(rand() * 5)]!,
    })),
  );
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const note = (exact: string): ExportNote => ({
  side: 'target',
  category: 'terminology',
  severity: 'minor',
  status: 'open',
  exact,
  body: 'Use <b> & “model weights”.',
  author: null,
});

function exportRequest(
  documentId: number,
  extra: Partial<ExportRequest> = {},
  meta: Partial<ExportMeta> = {},
): ExportRequest {
  return {
    documentId,
    format: 'tmx',
    meta: {
      documentId,
      title: 'T <&>',
      sourceLang: 'zh-CN',
      targetLang: 'en',
      granularity: 'paragraph',
      side: 'target',
      layout: 'bilingual',
      bom: false,
      toolVersion: '0.1.0',
      createdAt: '2026-11-30T12:00:00.000Z',
      ...meta,
    },
    statuses: undefined,
    granularity: 'paragraph',
    sourceLang: 'zh-CN',
    targetLang: 'en',
    convertSource: undefined,
    notes: new Map(),
    ...extra,
  };
}

const reference = (req: ExportRequest) => referenceExport(db, req);

async function exported(req: ExportRequest, pageSize: number, parallel: boolean) {
  const parts: Uint8Array[] = [];
  for await (const chunk of exportChunks(db, req, { pageSize, parallel })) parts.push(chunk);
  return Buffer.concat(parts);
}

async function expectSameExport(req: ExportRequest, pageSizes = [1, 7, 64, 5000]) {
  const expected = Buffer.from(await reference(req));
  for (const pageSize of pageSizes)
    for (const parallel of [false, true]) {
      const bytes = await exported(req, pageSize, parallel);
      // Buffer.equals first: a failing toBe on megabytes of text would print them all.
      if (!bytes.equals(expected))
        expect(bytes.toString('utf8'), `page size ${pageSize}, parallel ${parallel}`).toBe(
          expected.toString('utf8'),
        );
    }
}

/** Per page: SQLite's units, or undefined where the page is left to the JS exporter. */
function sqlPages(req: ExportRequest, pageSize: number) {
  const sqlite = sqliteHandle(db)!;
  const plan = tmxPageSql(req);
  expect(plan).toBeDefined();
  const s = rangeStatements(sqlite);
  const bounds = pageBounds(s, req.documentId, pageSize);
  return bounds.slice(1).map((upTo, k) => {
    const after = bounds[k]!;
    const rows = readRange(s, req.documentId, after, upTo);
    const js = Buffer.concat(
      encodeUnits(EXPORTERS.tmx, req.meta, toExportUnits(rows, req.notes, unitOptions(req))),
    );
    return { rows, js, sql: readTmxPage(sqlite, plan!, req.documentId, after, upTo) };
  });
}

describe('TMX pages made by SQLite', () => {
  it('are the JS exporter’s bytes where used, and left to it where escaping matters', () => {
    const pages = sqlPages(exportRequest(tricky), 4);
    for (const p of pages) if (p.sql) expect(Buffer.from(p.sql).equals(p.js)).toBe(true);
    // A row escaping changes, or whose stored bytes are not what JS reads (not UTF-8).
    const stored = sqliteHandle(db)!
      .prepare('select cast(source as blob), cast(target as blob) from segments where id = ?')
      .raw();
    const dirty = (r: { id: number; source: string; target: string }) => {
      const bytes = stored.get(r.id) as Buffer[];
      return [r.source, r.target].some(
        (t, k) => escapeXmlText(t) !== t || !Buffer.from(t).equals(bytes[k]!),
      );
    };
    // Each page with such a row is left to JS; all others (the clean odd ones too) are SQL's.
    for (const p of pages)
      expect(p.sql === undefined, p.rows.map((r) => r.id).join()).toBe(p.rows.some(dirty));
    expect(pages.filter((p) => p.sql).length).toBeGreaterThan(100);
  });

  it('leave pages with notes to the JS exporter, not those with an empty list', () => {
    const sqlite = sqliteHandle(db)!;
    const ids = sqlite
      .prepare('select id from segments where document_id = ? order by position')
      .pluck()
      .all(tricky) as number[];
    const notes = new Map<number, ExportNote[]>([
      [ids[1]!, [note('Export')]],
      [ids[2]!, []],
    ]);
    const [first, second] = sqlPages(exportRequest(tricky, { notes }), 2);
    expect(first!.sql).toBeUndefined();
    expect(first!.js.toString()).toContain('<note>');
    expect(second!.sql).toBeDefined();
  });

  it('read the page in position order from the (document_id, position) index, with no sort', () => {
    // group_concat takes rows in the order the subquery yields them: this guards that the
    // plan stays an index search in position order (a planner change would show here first).
    const plan = tmxPageSql(exportRequest(tricky, { statuses: ['new', 'translated'] }))!;
    const sqlite = sqliteHandle(db)!;
    for (const p of [plan, tmxPageSql(exportRequest(tricky))!]) {
      const steps = sqlite
        .prepare(`explain query plan ${p.sql}`)
        .all({ ...p.params, document: tricky, after: 0, upTo: 1e9 }) as { detail: string }[];
      const details = steps.map((s) => s.detail).join(' | ');
      expect(details).toMatch(
        /SEARCH segments USING INDEX sqlite_autoindex_segments_1 \(document_id=\? AND position>\? AND position<\?\)/,
      );
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('an empty document, or a page past the end, gives no units', async () => {
    const empty = await addDocument([]);
    await expectSameExport(exportRequest(empty), [1, 5000]);
    const plan = tmxPageSql(exportRequest(empty))!;
    expect(readTmxPage(sqliteHandle(db)!, plan, empty, 0, 1e9)).toHaveLength(0);
  });
});

describe('exports with TMX pages made by SQLite are the exports made in JS', () => {
  it('tricky texts, every page size, both threads', async () => {
    await expectSameExport(exportRequest(tricky));
  });

  it('positions in another order than ids', async () => {
    await expectSameExport(exportRequest(reordered), [1, 9, 5000]);
  });

  it('with notes on some paragraphs', async () => {
    const sqlite = sqliteHandle(db)!;
    const ids = sqlite
      .prepare('select id from segments where document_id = ? order by position')
      .pluck()
      .all(tricky) as number[];
    const notes = new Map(ids.filter((_, k) => k % 41 === 0).map((id) => [id, [note(`n${id}`)]]));
    notes.set(ids[3]!, []);
    await expectSameExport(exportRequest(tricky, { notes }), [7, 64]);
  });

  it.each([[['translated', 'approved']], [['new']], [[]]] as SegmentStatus[][][])(
    'with a status filter %o',
    async (statuses) => {
      await expectSameExport(exportRequest(tricky, { statuses }), [7, 5000]);
    },
  );

  it('language codes that need escaping, or none', async () => {
    expect(tmxPageSql(exportRequest(tricky, {}, { targetLang: 'en"x' }))).toBeUndefined();
    await expectSameExport(
      exportRequest(tricky, {}, { sourceLang: 'zh&"<', targetLang: 'a\tb' }),
      [64],
    );
    await expectSameExport(exportRequest(tricky, {}, { sourceLang: '', targetLang: '' }), [64]);
  });

  it('variants, sentences and other formats stay in JS and are unchanged', async () => {
    expect(
      tmxPageSql(exportRequest(tricky, { convertSource: variantConverter('zh-TW') })),
    ).toBeUndefined();
    expect(tmxPageSql(exportRequest(tricky, { granularity: 'sentence' }))).toBeUndefined();
    expect(tmxPageSql(exportRequest(tricky, { format: 'xliff12' }))).toBeUndefined();
    await expectSameExport(
      exportRequest(tricky, { convertSource: variantConverter('zh-TW') }, { sourceLang: 'zh-TW' }),
      [64],
    );
    await expectSameExport(
      exportRequest(tricky, { granularity: 'sentence' }, { granularity: 'sentence' }),
      [64],
    );
  });

  it('random paragraphs (seeded), random page sizes', async () => {
    const req = exportRequest(random);
    const pages = sqlPages(req, 20);
    const fast = pages.filter((p) => p.sql).length;
    // Both kinds of page, many of each.
    expect(fast).toBeGreaterThan(20);
    expect(pages.length - fast).toBeGreaterThan(20);
    const rand = seededRandom(99);
    await expectSameExport(req, [
      1,
      2,
      3,
      20,
      5000,
      ...Array.from({ length: 4 }, () => 4 + Math.floor(rand() * 200)),
    ]);
  });
});
