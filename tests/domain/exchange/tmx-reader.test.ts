import { describe, expect, it } from 'vitest';
import {
  EXPORTERS,
  parseTmx,
  readTmxBatches,
  readTmxBytes,
  serialize,
  TmxReader,
  type ExportMeta,
  type ExportUnit,
  type ImportedUnit,
  type ParseResult,
  type TmxBatchOptions,
  type TmxEnd,
  type UnitBatch,
} from '../../../server/domain/exchange/index.js';
import {
  packBatch,
  toUnitBatch,
  unpackBatch,
} from '../../../server/domain/exchange/tmx-batches.js';
import { MAX_UNITS } from '../../../server/domain/exchange/parse-status.js';
import { parseTmxTree } from './tmx-tree-reference.js';
import { seededRandom } from '../../seeded-random.js';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>\n<body>\n';
const TAIL = '</body></tmx>';
const tmx = (body: string, head = HEAD) => `${head}${body}${TAIL}`;
const tu = (zh: string, en: string, attrs = '') =>
  `<tu${attrs}><tuv xml:lang="zh-CN"><seg>${zh}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>\n`;

/** The streaming reader fed `xml` in pieces of `size` characters. */
function parseInPieces(xml: string, size: number): ParseResult {
  const reader = new TmxReader();
  for (let i = 0; i < xml.length; i += size) reader.write(xml.slice(i, i + size));
  return reader.end();
}

/**
 * Saxes finds text outside the root element at the end of the piece it was given, so that
 * error's position depends on where the pieces end (the whole-file read still matches).
 */
const PIECE_DEPENDENT = 'text data outside of root node.';

/** The streaming reader must give exactly what the tree reader gave, whole or in pieces. */
function expectSameAsTree(xml: string): ParseResult {
  const expected = parseTmxTree(xml);
  const actual = parseTmx(xml);
  expect(actual).toStrictEqual(expected);
  const same = (r: ParseResult) =>
    !expected.ok && expected.error.message === PIECE_DEPENDENT
      ? expect(r).toMatchObject({ ok: false, error: { message: PIECE_DEPENDENT } })
      : expect(r).toStrictEqual(expected);
  for (const size of [1, 3, 17, 4096]) same(parseInPieces(xml, size));
  // From bytes, as the route reads uploads: as the tree reader on the decoded text (no BOM).
  const bytes = new TextEncoder().encode(xml);
  const decoded = parseTmxTree(new TextDecoder().decode(bytes));
  if (!decoded.ok && decoded.error.message === PIECE_DEPENDENT)
    expect(readTmxBytes(bytes)).toMatchObject({ ok: false, error: { message: PIECE_DEPENDENT } });
  else expect(readTmxBytes(bytes)).toStrictEqual(decoded);
  return actual;
}

const META: ExportMeta = {
  documentId: 7,
  title: '标题 <&> "quoted" \'s',
  sourceLang: 'zh-CN',
  targetLang: 'en',
  granularity: 'paragraph',
  side: 'target',
  layout: 'bilingual',
  bom: false,
  toolVersion: '0.1.0',
  createdAt: '2024-05-23T08:00:00.000Z',
};

/** Texts that break careless readers and writers. */
const HOSTILE: [string, string][] = [
  ['& < > " \' ]]> &amp;', 'Tom & Jerry <b>not bold</b> "quoted" \'single\' ]]>'],
  ['表情😀𠮷（扩展B）', 'emoji 😀 and 👩🏽‍💻 and 𠮷'],
  ['  前后空格  ', '  leading and trailing spaces  '],
  ['\u200F\u202Bمرحبا\u202C\u200E 混排', 'bidi \u200Emarks\u200F \u2066isolate\u2069 kept'],
  ['制表\t符', 'tab\there'],
  ['段内\n换行', 'line\nbreak and\r\nCRLF and lone\rCR'],
  ['NUL\u0000和控制符\u0001\u001F', 'control \u0007 bell \u000B vt \uFFFE nonchar'],
  ['', ''],
];

const hostileUnits: ExportUnit[] = HOSTILE.map(([source, target], i) => ({
  id: String(i + 1),
  source,
  target,
  status: i % 2 ? 'translated' : 'approved',
  version: i + 1,
  notes: [],
}));

/** Inputs the two readers must agree on: valid files of every shape, and broken ones. */
const CASES: [string, string][] = [
  ['our own export of hostile texts', [...serialize(EXPORTERS.tmx, META, hostileUnits)].join('')],
  [
    'our own sentence export with notes',
    [
      ...serialize(EXPORTERS.tmx, { ...META, granularity: 'sentence' }, [
        {
          ...hostileUnits[0]!,
          id: '1.1',
          notes: [
            {
              side: 'target',
              category: 'terminology',
              severity: 'major',
              status: 'open',
              exact: 'x',
              body: 'y <&>',
              author: null,
            },
          ],
        },
      ]),
    ].join(''),
  ],
  [
    'inline codes dropped, <hi> kept (nested too), text after codes kept',
    tmx(
      '<tu tuid="a"><tuv xml:lang="en"><seg>Hello <ph>&lt;b/&gt;</ph><hi>wor<hi x="1">ld</hi></hi>!</seg></tuv>' +
        '<tuv xml:lang="zh-CN"><seg>你好<bpt i="1">&lt;b&gt;<sub>子<hi>不要</hi></sub></bpt>世界<ept i="1">&lt;/b&gt;</ept><it pos="begin">x</it><ut>u</ut>。</seg></tuv></tu>',
    ),
  ],
  [
    '<hi> inside a code and a code inside <hi>',
    tmx(
      tu('一<ph><hi>隐</hi></ph>二', 'a<hi>b<ph>hidden</ph>c</hi>d') +
        tu('<hi><hi><bpt i="1">x</bpt>深</hi></hi>', '<ph/><ph/>'),
    ),
  ],
  [
    'srclang *all*: the first tuv is the source',
    tmx(
      '<tu><tuv xml:lang="en"><seg>first</seg></tuv><tuv xml:lang="zh-CN"><seg>第二</seg></tuv></tu>' +
        '<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv><tuv xml:lang="en"><seg>A</seg></tuv></tu>',
      HEAD.replace('srclang="zh-CN"', 'srclang="*all*"'),
    ),
  ],
  ['no srclang at all', tmx(tu('一', 'one'), HEAD.replace('srclang="zh-CN"', 'srclang="  "'))],
  [
    'languages compared without case, spaces trimmed, lang without xml:',
    tmx(
      '<tu><tuv xml:lang=" EN-us "><seg>Hi</seg></tuv><tuv lang="ZH-cn"><seg>嗨</seg></tuv></tu>' +
        '<tu><tuv xml:lang="en-US"><seg>Yo</seg></tuv><tuv xml:lang="zh-cn"><seg>哟</seg></tuv></tu>',
    ),
  ],
  [
    'xml:lang wins over lang, an empty xml:lang too',
    tmx(
      '<tu><tuv xml:lang="zh-CN" lang="en"><seg>中</seg></tuv><tuv xml:lang="" lang="en"><seg>empty lang</seg></tuv></tu>',
    ),
  ],
  [
    'missing target, a tuv without seg, a third language, the target language fixed by the first',
    tmx(
      '<tu tuid="1"><tuv xml:lang="zh-CN"><seg>只有原文</seg></tuv></tu>' +
        '<tu tuid="2"><tuv xml:lang="zh-CN"><seg>二</seg></tuv><tuv xml:lang="fr"><seg>deux</seg></tuv><tuv xml:lang="en"><seg>two</seg></tuv></tu>' +
        '<tu tuid="3"><tuv xml:lang="de"><seg>drei</seg></tuv><tuv xml:lang="zh-CN"><seg>三</seg></tuv><tuv xml:lang="FR"><note>n</note></tuv></tu>' +
        '<tu tuid="4"><tuv xml:lang="zh-CN"><seg>四</seg><seg>second seg ignored</seg></tuv><tuv xml:lang="en"><seg>four</seg></tuv></tu>',
    ),
  ],
  [
    'two source tuvs: the first is the source, the second is no target',
    tmx(
      '<tu><tuv xml:lang="zh-CN"><seg>甲</seg></tuv><tuv xml:lang="zh-cn"><seg>乙</seg></tuv><tuv xml:lang="en"><seg>A</seg></tuv></tu>',
    ),
  ],
  [
    'props: ours, foreign, repeated (last wins), nested markup, props in tuv ignored',
    tmx(
      '<tu tuid="p"><prop type="x-duizhao-status">draft</prop><prop type="x-duizhao-version"> 7 </prop>' +
        '<prop type="x-duizhao-version">8</prop><prop type="x-other">o</prop><prop>untyped</prop>' +
        '<tuv xml:lang="zh-CN"><prop type="x-duizhao-status">approved</prop><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>' +
        '<tu><prop type="x-duizhao-status">appr<b>oved</b></prop><prop type="x-duizhao-version">0</prop>' +
        '<prop type="x-duizhao-status">reviewed</prop>' +
        '<tuv xml:lang="zh-CN"><seg>二</seg></tuv><tuv xml:lang="en"><seg>two</seg></tuv></tu>' +
        '<tu><prop type="x-duizhao-status">bogus</prop><prop type="x-duizhao-version">1e3</prop>' +
        '<tuv xml:lang="zh-CN"><seg>三</seg></tuv></tu>',
      HEAD.replace(
        '/>\n<body>',
        '><prop type="x-duizhao-document">12</prop><prop type="x-duizhao-title"> 标题 &amp; <i>x</i>y </prop><prop type="x-duizhao-title">second title</prop></header>\n<body>',
      ),
    ),
  ],
  [
    'header props with CDATA and a bad document number',
    tmx(
      tu('一', 'one'),
      HEAD.replace(
        '/>\n<body>',
        '><prop type="x-duizhao-document">abc</prop><prop type="x-duizhao-title"><![CDATA[<T&T>]]></prop></header>\n<body>',
      ),
    ),
  ],
  [
    'CDATA, entities, character references, CRLF, whitespace kept',
    tmx(
      tu(
        '<![CDATA[<原样> & ]]>&#x4E2D;&#25991;&amp;&lt;&gt;&quot;&apos;',
        '  a\r\nb\rc&#13;d&#9;  <![CDATA[]]>',
      ),
    ),
  ],
  [
    'tus nested in other elements of the body, a tu inside a tu, tus outside the body',
    tmx(
      '<group><tu tuid="g"><tuv xml:lang="zh-CN"><seg>组</seg></tuv></tu></group>' +
        '<tu tuid="outer"><tuv xml:lang="zh-CN"><seg>外</seg></tuv><tu tuid="inner"><tuv xml:lang="zh-CN"><seg>内</seg></tuv></tu></tu>',
      HEAD.replace(
        '/>\n<body>',
        '><tu tuid="h"><tuv xml:lang="zh-CN"><seg>头</seg></tuv></tu></header>\n<body>',
      ),
    ) + '',
  ],
  [
    'a second body and a second header are ignored',
    `${HEAD}${tu('一', 'one')}</body><header srclang="en"/><body>${tu('二', 'two')}</body></tmx>`,
  ],
  [
    'the header after the body',
    `<tmx version="1.4"><body>${tu('一', 'one')}<tu><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="zh-CN"><seg>二</seg></tuv></tu></body><header srclang="zh-CN"><prop type="x-duizhao-title">late</prop></header></tmx>`,
  ],
  [
    'the header after the body, with a bad unit',
    `<tmx version="1.4"><body>${tu('一', 'one')}<tu><tuv xml:lang="en"><seg>x</seg></tuv></tu></body><header srclang="zh-CN"/></tmx>`,
  ],
  [
    'namespaced elements are read by local name',
    tmx(tu('一', 'one').replace(/<(\/?)seg>/g, '<$1t:seg xmlns:t="urn:x">')),
  ],
  [
    'self-closing everything',
    tmx('<tu/><tu><tuv xml:lang="zh-CN"/><tuv xml:lang="en"><seg/></tuv></tu>'),
  ],
  ['empty units', tmx(tu('', '') + tu('', 'only target') + tu('只有原文', ''))],
  ['a BOM, a comment and a PI', `\uFEFF${tmx(tu('一', 'one'))}<!-- c --><?pi x?>\n`],
  ['a comment before the XML declaration', `<!-- c -->${tmx(tu('一', 'one'))}`],
  // Structural errors.
  [
    'a tu without the source language',
    tmx(
      tu('一', 'one') +
        '\n  <tu tuid="x"><tuv xml:lang="en"><seg>only en</seg></tuv></tu>' +
        tu('三', 'three'),
    ),
  ],
  [
    'a tu without any tuv under *all*',
    tmx('<tu/>', HEAD.replace('srclang="zh-CN"', 'srclang="*all*"')),
  ],
  ['no header', '<tmx version="1.4"><body>' + tu('一', 'one') + '</body></tmx>'],
  ['no body', '<tmx version="1.4"><header srclang="zh-CN"/></tmx>'],
  ['another root', '<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>'],
  ['a namespaced root named tmx', '<x:tmx xmlns:x="urn:x"><header srclang="zh"/><body/></x:tmx>'],
  // Malformed files: XML errors win over everything else.
  [
    'a mismatched tag after a bad unit',
    tmx(
      '<tu><tuv xml:lang="en"><seg>x</seg></tuv></tu>\n<tu><tuv xml:lang="zh-CN"><seg>a</sex></tuv></tu>',
    ),
  ],
  ['a truncated file', `${HEAD}<tu><tuv xml:lang="zh-CN"><seg>半`],
  ['an undeclared entity', tmx(tu('&nbsp;', 'x'))],
  ['a NUL character reference', tmx(tu('&#0;', 'x'))],
  ['a DOCTYPE', `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x "y">]>\n${tmx(tu('&x;', 'x'))}`],
  [
    'deep nesting',
    tmx(
      `<tu><tuv xml:lang="zh-CN"><seg>${'<hi>'.repeat(70)}深${'</hi>'.repeat(70)}</seg></tuv></tu>`,
    ),
  ],
  ['text outside the root', `${tmx(tu('一', 'one'))}trailing`],
  ['no XML at all', 'id\tzh\ten'],
  ['an empty file', ''],
  ['only whitespace', '  \n '],
  ['a duplicate attribute', tmx(tu('一', 'one', ' tuid="1" tuid="2"'))],
  ['an unbound prefix', tmx(tu('一', 'one', ' x:a="1"'))],
  [']]> in text', tmx(tu('a]]>b', 'x'))],
  ['a non-root-closing stray end tag', `${HEAD}</tmx>`],
];

describe('the streaming TMX reader gives exactly what the tree reader gave', () => {
  it.each(CASES)('%s', (_name, xml) => {
    expectSameAsTree(xml);
  });

  it('reports positions like the tree reader (unit lines, error line and column)', () => {
    const r = expectSameAsTree(
      `${HEAD}<tu tuid="1">\n<tuv xml:lang="zh-CN"><seg>a</seg></tuv></tu>\n\n  <tu tuid="2"><tuv xml:lang="zh-CN"><seg>b</seg></tuv></tu>${TAIL}`,
    );
    expect(r).toMatchObject({ ok: true, file: { units: [{ line: 4 }, { line: 7 }] } });
    expect(expectSameAsTree(tmx('\n<tu tuid="x">\n<tuv xml:lang="en"/></tu>'))).toMatchObject({
      ok: false,
      error: { line: 5, column: 13 },
    });
  });

  it('agrees on random TMX-like files, valid or not', () => {
    const rand = seededRandom(20261130);
    for (let n = 0; n < 1000; n++) expectSameAsTree(randomTmx(rand));
  });

  it('stops at more than MAX_UNITS units, where the tree reader did', () => {
    const one = tu('一', 'one');
    const xml = tmx(one.repeat(MAX_UNITS) + '<tu tuid="over"/>');
    const r = parseTmx(xml);
    expect(r).toMatchObject({ ok: false, error: { message: `more than ${MAX_UNITS} units` } });
    const lines = HEAD.split('\n').length + MAX_UNITS;
    expect(r.ok || r.error.line).toBe(lines);
    // And a file of exactly MAX_UNITS units is fine.
    expect(parseTmx(tmx(one.repeat(MAX_UNITS)))).toMatchObject({ ok: true });
  });
});

describe('reading bytes', () => {
  const xml = tmx(
    Array.from({ length: 3000 }, (_, i) => tu(`第${i}段，😀𠮷中文`, `para ${i}`)).join(''),
  );

  it('decodes in pieces: characters split across pieces survive (64 KB pieces)', () => {
    const bytes = new TextEncoder().encode(xml);
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    expect(readTmxBytes(bytes)).toStrictEqual(parseTmxTree(xml));
  });

  it('refuses bytes that are not UTF-8, even after a parse error, even at the very end', () => {
    const bytes = new TextEncoder().encode(xml);
    const bad = (at: number, b = 0xff) => {
      const copy = new Uint8Array(bytes);
      copy[at] = b;
      return copy;
    };
    expect(readTmxBytes(bad(bytes.length - 3))).toEqual({ ok: false, invalidUtf8: true });
    const broken = new TextEncoder().encode(`<tmx><oops></tmx>${' '.repeat(200_000)}`);
    broken[broken.length - 1] = 0xc3; // a truncated sequence at the very end
    expect(readTmxBytes(broken)).toEqual({ ok: false, invalidUtf8: true });
    // A lone truncated sequence is caught when the decoder is flushed.
    expect(readTmxBytes(Uint8Array.of(0x3c, 0xe4, 0xb8))).toEqual({ ok: false, invalidUtf8: true });
  });

  it('drops a leading byte-order mark as the whole-file decode did', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${xml}`);
    expect(readTmxBytes(bytes)).toStrictEqual(parseTmxTree(xml));
  });
});

/** Every batch and the end of a read. */
async function drain(
  bytes: Uint8Array,
  options: TmxBatchOptions,
): Promise<{ batches: UnitBatch[]; end: TmxEnd }> {
  const read = readTmxBatches(bytes, options);
  const batches: UnitBatch[] = [];
  for (let r = await read.next(); ; r = await read.next()) {
    if (r.done) return { batches, end: r.value };
    batches.push(r.value);
  }
}

function flatten(batches: UnitBatch[]) {
  return batches.flatMap((b) =>
    b.sources.map((source, i) => ({ source, target: b.targets[i], status: b.statuses[i] })),
  );
}

const pick = (units: ImportedUnit[]) =>
  units.map((u) => ({ source: u.source, target: u.target, status: u.status }));

describe('batches as the worker sends them', () => {
  it('pack and unpack to the same texts, missing targets and statuses included', () => {
    const units: ImportedUnit[] = [
      { source: '一😀', target: 'one', status: 'approved', line: 1 },
      { source: '', target: undefined, line: 2 },
      { source: 'lone \uD800 surrogate', target: '', status: 'new', line: 3 },
      { source: '\u0000\r\n', target: 'x\uDFFFy', status: 'draft', line: 4 },
    ];
    const packed = packBatch(units);
    expect(packed.texts).toBe(units.map((u) => u.source + (u.target ?? '')).join(''));
    expect(unpackBatch(structuredClone(packed))).toEqual(toUnitBatch(units));
    expect(unpackBatch(packBatch([]))).toEqual({ sources: [], targets: [], statuses: [] });
  });
});

describe('reading in batches, on a worker thread or here', () => {
  const units = Array.from({ length: 2500 }, (_, i) =>
    tu(`第${i}段`, i % 7 ? `para ${i}` : '', i % 5 ? '' : ` tuid="${i}"`).replace(
      '<tuv',
      i % 3 ? '<tuv' : '<prop type="x-duizhao-status">reviewed</prop><tuv',
    ),
  );
  const xml = tmx(units.join(''));
  const expected = parseTmxTree(xml);
  if (!expected.ok) throw new Error('bad fixture');

  it.each([
    ['on a worker', 0],
    ['here', Infinity],
  ])('%s: the same units in order, in batches, and the header facts', async (_where, from) => {
    const { batches, end } = await drain(new TextEncoder().encode(xml), {
      workerFrom: from,
      batchSize: 1000,
    });
    expect(batches.map((b) => b.sources.length)).toEqual([1000, 1000, 500]);
    expect(flatten(batches)).toEqual(pick(expected.file.units));
    const { units: _u, ...facts } = expected.file;
    expect(end).toEqual({ ok: true, file: facts, units: 2500 });
  });

  it.each([
    ['on a worker', 0],
    ['here', Infinity],
  ])('%s: errors end the read, with position, after the batches read so far', async (_w, from) => {
    const broken = xml.replace(
      /<\/body><\/tmx>$/,
      '<tu><tuv xml:lang="zh-CN"><seg>x</sex></tuv></tu></body></tmx>',
    );
    const { end } = await drain(new TextEncoder().encode(broken), { workerFrom: from });
    expect(end).toEqual({ ok: false, error: (parseTmxTree(broken) as { error: unknown }).error });
    const bytes = new TextEncoder().encode(xml);
    bytes[bytes.length - 20] = 0xfe;
    expect((await drain(bytes, { workerFrom: from })).end).toEqual({
      ok: false,
      invalidUtf8: true,
    });
  });

  it('reuses its worker, and a read stopped early does not disturb the next one', async () => {
    const bytes = new TextEncoder().encode(xml);
    const read = readTmxBatches(bytes, { workerFrom: 0, batchSize: 100 });
    expect((await read.next()).done).toBe(false);
    await read.return({ ok: false, error: { message: 'stopped', line: 0, column: 0 } });
    for (let i = 0; i < 3; i++) {
      const { batches, end } = await drain(bytes, { workerFrom: 0, batchSize: 700 });
      expect(flatten(batches)).toEqual(pick(expected.file.units));
      expect(end.ok).toBe(true);
    }
    // Two reads at once.
    const [a, b] = await Promise.all([
      drain(bytes, { workerFrom: 0 }),
      drain(bytes, { workerFrom: 0 }),
    ]);
    expect(flatten(a.batches)).toEqual(flatten(b.batches));
  });
});

/** A random file from TMX's vocabulary, mostly well-formed, sometimes broken or misshapen. */
function randomTmx(rand: () => number): string {
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const TEXT = [
    '一',
    'a',
    ' ',
    '\n',
    '&amp;',
    '&#x4E2D;',
    '<![CDATA[<x>]]>',
    '😀',
    'Tom & Jerry'.replace('&', '&amp;'),
    '',
  ];
  const LANGS = ['zh-CN', 'ZH-cn', 'en', 'EN', 'fr', '', ' en '];
  const INLINE = ['hi', 'ph', 'bpt', 'ept', 'it', 'ut', 'sub', 'seg', 'tuv'];
  const text = () => Array.from({ length: Math.floor(rand() * 3) }, () => pickOne(TEXT)).join('');
  const inline = (depth: number): string => {
    let out = text();
    const n = depth > 3 ? 0 : Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      const el = pickOne(INLINE);
      out += rand() < 0.2 ? `<${el}/>` : `<${el}>${inline(depth + 1)}</${el}>`;
      out += text();
    }
    return out;
  };
  const prop = () => {
    const type = pickOne([
      'x-duizhao-status',
      'x-duizhao-version',
      'x-duizhao-title',
      'x-duizhao-document',
      'other',
    ]);
    const value = pickOne(['draft', 'approved', 'reviewed', '3', ' 12 ', '0', 'x', '']);
    return `<prop${rand() < 0.9 ? ` type="${type}"` : ''}>${value}${rand() < 0.2 ? `<b>${text()}</b>` : ''}</prop>`;
  };
  const tuv = (forced?: string) => {
    const lang = forced ?? pickOne(LANGS);
    const attr =
      forced !== undefined || rand() < 0.8
        ? ` xml:lang="${lang}"`
        : rand() < 0.5
          ? ` lang="${lang}"`
          : '';
    const segs = rand() < 0.1 ? '' : `<seg>${inline(0)}</seg>`;
    return `<tuv${attr}>${rand() < 0.2 ? prop() : ''}${segs}${rand() < 0.1 ? `<seg>second</seg>` : ''}</tuv>`;
  };
  const srclang = pickOne(['zh-CN', 'zh-cn', '*all*', '', 'en']);
  const unit = (depth: number): string => {
    const parts: string[] = [];
    const n = Math.floor(rand() * 4);
    for (let i = 0; i < n; i++)
      parts.push(rand() < 0.15 ? prop() : rand() < 0.05 ? '<note>n</note>' : tuv());
    // Most units have their source language somewhere (its case varied).
    if (rand() < 0.9) {
      const lang = rand() < 0.5 ? srclang.toUpperCase() : srclang;
      parts.splice(Math.floor(rand() * (parts.length + 1)), 0, tuv(lang));
    }
    if (depth < 1 && rand() < 0.05) parts.push(unit(depth + 1));
    return `<tu${rand() < 0.7 ? ` tuid="${Math.floor(rand() * 100)}"` : ''}>${parts.join(text())}</tu>`;
  };
  const headerProps = rand() < 0.5 ? Array.from({ length: 2 }, prop).join('') : '';
  const header = `<header srclang="${srclang}">${headerProps}</header>`;
  let body = '';
  const units = Math.floor(rand() * 6);
  for (let i = 0; i < units; i++) body += rand() < 0.1 ? `<group>${unit(0)}</group>` : unit(0);
  const order = rand();
  let xml =
    order < 0.8
      ? `<tmx>${header}<body>${body}</body></tmx>`
      : order < 0.9
        ? `<tmx><body>${body}</body>${header}</tmx>`
        : `<tmx>${rand() < 0.5 ? header : ''}${rand() < 0.5 ? `<body>${body}</body>` : ''}</tmx>`;
  // Sometimes break it: cut it short, or swap a character.
  const damage = rand();
  if (damage < 0.05) xml = xml.slice(0, Math.floor(rand() * xml.length));
  else if (damage < 0.1) {
    const at = Math.floor(rand() * xml.length);
    xml = xml.slice(0, at) + pickOne(['<', '>', '&', '/', '"']) + xml.slice(at + 1);
  }
  return xml;
}
