import { describe, expect, it } from 'vitest';
import {
  EXPORTERS,
  IMPORTERS,
  serialize,
  stripXmlIllegal,
  type ExportMeta,
  type ExportUnit,
} from '../../../server/domain/exchange/index.js';

export const META: ExportMeta = {
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

/** Texts that break careless exporters. */
export const HOSTILE: [string, string][] = [
  ['& < > " \' ]]> &amp;', 'Tom & Jerry <b>not bold</b> "quoted" \'single\' ]]>'],
  ['表情😀𠮷（扩展B）', 'emoji 😀 and 👩🏽‍💻 and 𠮷'],
  ['  前后空格  ', '  leading and trailing spaces  '],
  ['\u200F\u202Bمرحبا\u202C\u200E 混排', 'bidi \u200Emarks\u200F \u2066isolate\u2069 kept'],
  ['制表\t符', 'tab\there'],
  ['段内\n换行', 'line\nbreak and\r\nCRLF and lone\rCR'],
  ['=1+2', '=HYPERLINK("http://evil","x")'],
  ['+86 电话', '-3% and @user'],
  ["'=已经有撇号", "''+two apostrophes"],
  ['\\反斜杠\\n不是换行', 'back\\slash \\t not a tab'],
  ['CJK 标点：“引号”、《书名》……', 'U+2028\u2028and U+2029\u2029inside'],
  ['NUL\u0000和控制符\u0001\u001F', 'control \u0007 bell \u000B vt \uFFFE nonchar'],
  ['', ''],
];

const units: ExportUnit[] = HOSTILE.map(([source, target], i) => ({
  id: String(100 + i),
  source,
  target,
  status: i === 0 ? 'approved' : i === 1 ? 'draft' : 'translated',
  version: i + 1,
  notes:
    i === 0
      ? [
          {
            side: 'target',
            category: 'terminology',
            severity: 'major',
            status: 'open',
            exact: 'Tom & Jerry',
            body: 'Use <i>house</i> style & check',
            author: 'Reviewer "R"',
          },
        ]
      : [],
}));

/** Formats that carry every character, and those that drop what XML 1.0 cannot hold. */
const LOSSLESS = ['xliff2', 'tsv', 'csv', 'jsonl'] as const;
const XML_LOSSY = ['tmx', 'xliff12'] as const;

describe.each([...LOSSLESS, ...XML_LOSSY])('%s export then import', (format) => {
  const text = [...serialize(EXPORTERS[format], META, units)].join('');
  const parsed = IMPORTERS[format](text);

  it('reads back every unit with its id, status and version', () => {
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.file.units.map((u) => u.id)).toEqual(units.map((u) => u.id));
    expect(parsed.file.units.map((u) => u.version)).toEqual(units.map((u) => u.version));
    if (format !== 'tmx') expect(parsed.file.units[0]!.status).toBe('approved');
  });

  it('reproduces both sides character for character', () => {
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const keep = (s: string) =>
      (LOSSLESS as readonly string[]).includes(format) ? s : stripXmlIllegal(s);
    for (const [i, u] of parsed.file.units.entries()) {
      expect(u.source).toBe(keep(units[i]!.source));
      expect(u.target ?? '').toBe(keep(units[i]!.target));
    }
  });
});

describe('XML exports', () => {
  it.each(['tmx', 'xliff12', 'xliff2'] as const)(
    '%s: no raw control character reaches the file',
    (format) => {
      const text = [...serialize(EXPORTERS[format], META, units)].join('');
      expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(text).toContain('\u200F\u202B');
    },
  );

  it('xliff2 keeps controls as <cp hex>', () => {
    const text = [...serialize(EXPORTERS.xliff2, META, units)].join('');
    expect(text).toContain('NUL<cp hex="0000"/>和控制符<cp hex="0001"/><cp hex="001F"/>');
    expect(text).toContain('<cp hex="FFFE"/>');
  });

  it('tmx carries status, version and notes', () => {
    const text = [...serialize(EXPORTERS.tmx, META, units)].join('');
    expect(text).toContain('<prop type="x-duizhao-status">approved</prop>');
    expect(text).toContain('<prop type="x-duizhao-version">1</prop>');
    expect(text).toContain(
      '<note>terminology/major (open), target “Tom &amp; Jerry”: Use &lt;i&gt;house&lt;/i&gt; style &amp; check — Reviewer "R"</note>',
    );
    expect(text).toContain('line\nbreak and&#13;\nCRLF and lone&#13;CR');
  });
});

describe('csv', () => {
  const text = [...serialize(EXPORTERS.csv, { ...META, bom: true }, units)].join('');
  it('starts with a BOM when asked, uses CRLF and quotes every field', () => {
    expect(text.startsWith('\uFEFF"id","zh-CN","en","status","version"\r\n')).toBe(true);
  });
  it.each([
    ['=1+2', "'=1+2"],
    ['+86 电话', "'+86 电话"],
    ['-3% and @user', "'-3% and @user"],
    ["'=已经有撇号", "''=已经有撇号"],
    ['tab\there', 'tab\there'],
  ])('guards %j as %j', (cell, written) => {
    expect(text).toContain(`"${written.replace(/"/g, '""')}"`);
  });
});

describe('txt, md and html', () => {
  it('txt writes one line per unit, inner line ends as spaces', () => {
    const text = [...serialize(EXPORTERS.txt, META, units)].join('');
    expect(text.split('\n')).toHaveLength(units.length + 1);
    expect(text).toContain('line break and CRLF and lone CR');
    const src = [...serialize(EXPORTERS.txt, { ...META, side: 'source' }, units)].join('');
    expect(src.split('\n')[5]).toBe('段内 换行');
  });

  it('html escapes markup and keeps bidi marks', () => {
    const text = [...serialize(EXPORTERS.html, META, units)].join('');
    expect(text).toContain('Tom &amp; Jerry &lt;b&gt;not bold&lt;/b&gt; &quot;quoted&quot;');
    expect(text).not.toContain('<b>not bold');
    expect(text).toContain('\u200Emarks\u200F');
    const pub = [...serialize(EXPORTERS.html, { ...META, layout: 'target' }, units)].join('');
    expect(pub).toContain('<article lang="en">');
    expect(pub).not.toContain('表情');
  });

  it('md escapes table pipes and markup', () => {
    const text = [
      ...serialize(EXPORTERS.md, META, [{ ...units[0]!, target: 'a | b *c* <x>' }]),
    ].join('');
    expect(text).toContain('a \\| b \\*c\\* \\<x\\>');
    const pub = [
      ...serialize(EXPORTERS.md, { ...META, layout: 'target' }, [
        { ...units[0]!, target: '# not a heading' },
      ]),
    ].join('');
    expect(pub).toContain('\\# not a heading');
  });
});
