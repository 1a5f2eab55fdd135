import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../../server/corpus/read-corpus.js';
import {
  parseCsv,
  parseTbx,
  planImport,
  serializeCsv,
  serializeTbx,
  TBX_LIMITS,
  type GlossaryEntry,
  type GlossaryEntryInput,
} from '../../../server/domain/glossary/index.js';

const corpus = readCorpus().glossary;
const withIds: GlossaryEntry[] = corpus.map((e, i) => ({ ...e, id: i + 1 }));

const TRICKY: GlossaryEntryInput = {
  source: '“引号”与<尖括号>&',
  target: '=SUM(A1) "quoted", with comma',
  alternatives: ['-minus start', '@at start', 'plain'],
  forbidden: ['+plus'],
  note: 'Line one,\nline "two" with a tab\tand a control\u0001 char.',
  caseSensitive: true,
  domain: 'test',
};

/** The independent validator beside the repository; required under CI. */
const VALIDATOR = path.resolve(import.meta.dirname, '../../../../shared/tools/validate-export');
const haveValidator = fs.existsSync(VALIDATOR);
if (!haveValidator && process.env.CI) throw new Error(`CI=true but ${VALIDATOR} is missing`);
if (!haveValidator) console.warn(`SKIPPING validate-export checks: ${VALIDATOR} not found`);

function validate(kind: 'tbx' | 'csv', text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-export-'));
  const file = path.join(dir, `glossary.${kind}`);
  fs.writeFileSync(file, text);
  return execFileSync(VALIDATOR, [kind, file], { encoding: 'utf8' });
}

describe.each([
  ['tbx', serializeTbx, parseTbx],
  ['csv', serializeCsv, parseCsv],
] as const)('%s exchange', (kind, serialize, parse) => {
  it('round-trips the corpus glossary exactly', () => {
    const r = parse(serialize(corpus));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rows.map((row) => row.fields)).toEqual(corpus);
  });

  it('round-trips quotes, markup, commas, newlines and formula-like cells', () => {
    const r = parse(serialize([TRICKY]));
    expect(r.ok && r.rows[0]?.fields).toEqual({
      ...TRICKY,
      // XML cannot carry C0 controls: TBX drops them; CSV keeps every character.
      note: kind === 'tbx' ? TRICKY.note.replace('\u0001', '') : TRICKY.note,
    });
  });

  it('re-importing an export changes nothing', () => {
    const r = parse(serialize(corpus));
    if (!r.ok) throw new Error('parse failed');
    const plan = planImport(r.rows, withIds);
    expect(plan.report.unchanged).toHaveLength(59);
    expect(plan.inserts).toEqual([]);
    expect(plan.updates).toEqual([]);
  });

  it.runIf(haveValidator)('passes validate-export', () => {
    expect(validate(kind, serialize([...corpus, TRICKY]))).toMatch(
      new RegExp(`^${kind} OK: 60 units`),
    );
  });
});

describe('CSV details', () => {
  it('guards formula cells against injection', () => {
    const csv = serializeCsv([TRICKY]);
    expect(csv).toContain(`"'=SUM(A1) ""quoted"", with comma"`);
    expect(csv).toContain("'-minus start");
    expect(
      csv.startsWith('source,target,alternatives,forbidden,note,caseSensitive,domain\r\n'),
    ).toBe(true);
  });

  it('gives each row the line where it starts', () => {
    const csv = 'source,target,note\n甲,a,"two\nlines"\n乙,b,\n';
    const r = parseCsv(csv);
    expect(r.ok && r.rows.map((x) => [x.line, x.fields.source])).toEqual([
      [2, '甲'],
      [4, '乙'],
    ]);
  });

  it.each([
    ['an unclosed quote', 'source,target\n"甲,a\n', /quote/i],
    ['unknown columns', 'source,target,colour\n甲,a,red\n', /unknown column\(s\) colour/],
    ['a missing target column', 'source,note\n甲,a\n', /missing column\(s\) target/],
    ['an empty file', '', /empty/],
  ])('refuses %s', (_what, text, message) => {
    const r = parseCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('reports a bad caseSensitive value on its row', () => {
    const r = parseCsv('source,target,caseSensitive\n甲,a,maybe\n');
    expect(r.ok && r.rows[0]?.error).toMatch(/true or false/);
  });
});

describe('TBX reading is safe', () => {
  const tbx = (body: string) =>
    `<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>${body}</body></text></tbx>`;

  it.each([
    [
      'a DOCTYPE (entity expansion)',
      '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaa">]>\n<tbx>&a;</tbx>',
      /DOCTYPE/,
      2,
    ],
    [
      'an external entity',
      '<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "file:///etc/passwd">\n<tbx/>',
      /DOCTYPE/,
      2,
    ],
    ['an undefined entity', tbx('&xxe;'), /entity/i, 2],
    ['a broken tag', '<tbx>\n<text>\n</body></tbx>', /close tag/i, 3],
    ['another root element', '<html><body/></html>', /root element/, 1],
    [
      'nesting deeper than the limit',
      `<tbx>${'<p>'.repeat(TBX_LIMITS.maxDepth + 1)}`,
      /nested deeper/,
      1,
    ],
  ])('refuses %s, with line and column', (_what, text, message, line) => {
    const r = parseTbx(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(message);
      expect(r.error.line).toBe(line);
      expect(r.error.column).toBeGreaterThan(0);
    }
  });

  it('refuses a file over the size limit', () => {
    const r = parseTbx(' '.repeat(TBX_LIMITS.maxChars + 1));
    expect(r.ok).toBe(false);
  });

  it('reads TBX 2008 (martif) with tig and normativeAuthorization', () => {
    const martif = `<martif type="TBX"><text><body><termEntry id="t1"><descrip type="subjectField">AI</descrip>
<langSet xml:lang="zh"><tig><term>参数</term></tig></langSet>
<langSet xml:lang="en"><tig><term>parameters</term><termNote type="normativeAuthorization">preferredTerm</termNote></tig>
<tig><term>params</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig></langSet></termEntry></body></text></martif>`;
    const r = parseTbx(martif);
    expect(r.ok && r.rows[0]).toMatchObject({
      line: 1,
      fields: { source: '参数', target: 'parameters', forbidden: ['params'], domain: 'AI' },
    });
  });

  it('marks an entry without an English term invalid, with its line', () => {
    const r = parseTbx(
      tbx(
        '\n<conceptEntry id="c1"><langSec xml:lang="zh-CN"><termSec><term>甲</term></termSec></langSec></conceptEntry>',
      ),
    );
    expect(r.ok && r.rows[0]).toMatchObject({
      line: 3,
      error: expect.stringMatching(/no en term/),
    });
  });
});

describe('planImport', () => {
  const existing = withIds.slice(0, 3);
  it('sorts rows into added, updated, unchanged and invalid', () => {
    const rows = [
      { line: 2, fields: { ...existing[0]! } },
      { line: 3, fields: { ...existing[1]!, note: 'changed' } },
      { line: 4, fields: { source: '新术语', target: 'new term' } },
      { line: 5, fields: { source: '', target: 'no source' } },
      { line: 6, fields: { source: '新術語', target: 'the same term in Traditional script' } },
      { line: 7, fields: { source: '甲', target: 'a' }, error: 'bad row' },
      { line: 8, fields: { source: '乙', target: 'b', alternatives: ['x|y'] } },
    ];
    const { report, inserts, updates } = planImport(rows, existing);
    expect(report.unchanged.map((r) => r.line)).toEqual([2]);
    expect(report.updated.map((r) => [r.line, r.entryId])).toEqual([[3, existing[1]!.id]]);
    expect(report.added.map((r) => r.line)).toEqual([4]);
    expect(report.invalid.map((r) => r.line)).toEqual([5, 6, 7, 8]);
    expect(report.invalid[1]?.message).toMatch(/duplicate of the source on line 4/);
    expect(inserts.map((e) => e.source)).toEqual(['新术语']);
    expect(updates.map((u) => u.entry.note)).toEqual(['changed']);
  });

  it('matches existing entries across scripts', () => {
    const plan = planImport([{ line: 2, fields: { ...existing[0]!, source: '大模型' } }], existing);
    expect(plan.report.unchanged).toHaveLength(1);
  });
});
