import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseFold,
  compileGlossary,
  findSourceTerms,
  foldString,
  isWordChar,
  scanSourceTerms,
  scriptVariants,
  widthFold,
  type CompiledGlossary,
  type GlossaryEntry,
  type SourceMatch,
  useTermScan,
} from '../../../server/domain/glossary/index.js';
import { seededRandom } from '../../seeded-random.js';

/**
 * findSourceTerms (skip filter + DFA, scan-tables.ts / source-scan.ts / longest-match.ts)
 * against a reference that tries every variant of every entry at every position, on random
 * overlapping term sets and random texts: Han with Traditional variants, Latin in any case and
 * width, digits, spaces, emoji, one-unit terms.
 */

function entry(id: number, source: string, caseSensitive = false): GlossaryEntry {
  return {
    id,
    source,
    target: 'x',
    alternatives: [],
    forbidden: [],
    note: '',
    caseSensitive,
    domain: '',
  };
}

/** Every occurrence of every variant, checked as the matcher documents, then longest-leftmost. */
function reference(entries: GlossaryEntry[], text: string): SourceMatch[] {
  // Keys in first-seen order, each with its entries in entry order (as compileGlossary).
  const keys = new Map<string, { entry: number; exact: string }[]>();
  entries.forEach((e, k) => {
    for (const variant of scriptVariants(e.source.trim())) {
      const key = foldString(variant, caseFold);
      if (key === '') continue;
      const list = keys.get(key) ?? [];
      if (!list.some((p) => p.entry === k))
        list.push({ entry: k, exact: foldString(variant, widthFold) });
      keys.set(key, list);
    }
  });
  const folded = foldString(text, caseFold);
  const widthOnly = foldString(text, widthFold);
  const found: { start: number; end: number; entry: number }[] = [];
  for (const [key, payloads] of keys) {
    for (let start = folded.indexOf(key); start >= 0; start = folded.indexOf(key, start + 1)) {
      const end = start + key.length;
      const pay = payloads.find(
        (p) =>
          !(isWordChar(key.charCodeAt(0)) && start > 0 && isWordChar(text.charCodeAt(start - 1))) &&
          !(
            isWordChar(key.charCodeAt(key.length - 1)) &&
            end < text.length &&
            isWordChar(text.charCodeAt(end))
          ) &&
          (!entries[p.entry]!.caseSensitive || widthOnly.slice(start, end) === p.exact),
      );
      if (pay) found.push({ start, end, entry: pay.entry });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const used = new Uint8Array(text.length);
  const taken: SourceMatch[] = [];
  for (const m of found) {
    if (used.subarray(m.start, m.end).some((u) => u === 1)) continue;
    used.fill(1, m.start, m.end);
    taken.push({
      entryId: entries[m.entry]!.id,
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
    });
  }
  return taken.sort((a, b) => a.start - b.start);
}

// Words with Traditional forms (模型权重 / 模型權重, 数据 / 數據 …), Latin in several cases
// and widths, a digit, a space, an emoji (a surrogate pair), and IPA ɓ (the fold of Ɓ).
const UNITS = [
  '模',
  '型',
  '权',
  '權',
  '重',
  '数',
  '數',
  '据',
  '據',
  '开',
  '開',
  '源',
  '集',
  '资',
  '料',
  '法',
  '案',
  'a',
  'A',
  'ａ',
  'b',
  'B',
  'Ｂ',
  'i',
  'I',
  's',
  'S',
  '4',
  '４',
  '-',
  ' ',
  '。',
  '😀',
  'ɓ',
  'Ɓ',
  'é',
];

function randomString(rand: () => number, units: string[], min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += units[Math.floor(rand() * units.length)]!;
  return s;
}

// Both builds of the scan: WebAssembly (the default) and JS (the fallback).
describe.each(['wasm', 'js'] as const)('with the %s scan', (engine) => {
  let previous: 'wasm' | 'js';
  beforeAll(() => void (previous = useTermScan(engine)));
  afterAll(() => void useTermScan(previous));

  describe('findSourceTerms against a reference matcher', () => {
    it('agrees on random overlapping term sets and texts', () => {
      const rand = seededRandom(2024);
      for (let round = 0; round < 60; round++) {
        // A small alphabet per round so that terms overlap, share prefixes and suffixes.
        const alphabet = UNITS.filter(() => rand() < 0.5);
        if (alphabet.length < 3) alphabet.push('模', '型', 'a');
        const entries: GlossaryEntry[] = [];
        const count = 1 + Math.floor(rand() * 40);
        for (let k = 0; k < count; k++) {
          const source = randomString(rand, alphabet, 1, 6);
          if (source.trim() === '') continue;
          entries.push(entry(k + 1, source, rand() < 0.3));
        }
        const g = compileGlossary(entries);
        for (let t = 0; t < 20; t++) {
          const text = randomString(rand, alphabet, 0, 80);
          expect(
            findSourceTerms(g, text),
            `${JSON.stringify(entries.map((e) => e.source))} in ${JSON.stringify(text)}`,
          ).toEqual(reference(entries, text));
        }
      }
    });

    it('agrees on texts built from the terms themselves (dense, chained matches)', () => {
      const rand = seededRandom(7);
      for (let round = 0; round < 40; round++) {
        const entries = Array.from({ length: 30 }, (_, k) =>
          entry(k + 1, randomString(rand, UNITS.slice(0, 20), 1, 5), rand() < 0.2),
        );
        const g = compileGlossary(entries);
        for (let t = 0; t < 10; t++) {
          let text = '';
          while (text.length < 200)
            text +=
              rand() < 0.7
                ? entries[Math.floor(rand() * entries.length)]!.source
                : randomString(rand, UNITS, 1, 2);
          expect(findSourceTerms(g, text)).toEqual(reference(entries, text));
        }
      }
    });

    it('agrees where a state would inherit too many edges (a rest link) and on wide states', () => {
      // 中 followed by any of 80 characters makes the state 中 wide, and 大中 (inside 大中华)
      // would inherit all of them: past the limit it links to 中 instead. Latin: a? in four
      // raw forms each (a, A, ａ, Ａ), where boundaries apply.
      const han = Array.from({ length: 80 }, (_, k) => String.fromCharCode(0x4e00 + 7 * k));
      const sources = han.map((c) => `中${c}`);
      sources.push('大中华', '小大中', ...[...'abcdefghijklmnopqrstuvwxyz'].map((l) => `a${l}`));
      sources.push('bab', 'bax', 'A');
      const entries = sources.map((s, k) => entry(k + 1, s));
      const g = compileGlossary(entries);
      const rand = seededRandom(99);
      const units = [
        '大',
        '中',
        '华',
        '小',
        ...han.slice(0, 6),
        ...han.slice(70),
        'a',
        'b',
        'x',
        'A',
        'Ａ',
        ' ',
      ];
      for (let t = 0; t < 400; t++) {
        const text = randomString(rand, units, 0, 40);
        expect(findSourceTerms(g, text)).toEqual(reference(entries, text));
      }
    });

    it('drops a short term inside a longer one even when they end in separate clusters', () => {
      // Sorted by end, 模型 and 权重 come before the long term and do not overlap each other.
      const entries = [entry(1, '模型'), entry(2, '权重'), entry(3, '开源模型和权重测试')];
      const g = compileGlossary(entries);
      expect(findSourceTerms(g, '说开源模型和权重测试了')).toEqual([
        { entryId: 3, start: 1, end: 10, text: '开源模型和权重测试' },
      ]);
    });

    it('finds one-unit terms at the first and last position and handles empty text', () => {
      const entries = [entry(1, '法'), entry(2, '模型'), entry(3, 'ɓ')];
      const g = compileGlossary(entries);
      for (const text of ['', '法', '法模型法', '模', '型法', 'Ɓ模型ɓ']) {
        expect(findSourceTerms(g, text)).toEqual(reference(entries, text));
      }
      // The text as written, not the folded key.
      expect(findSourceTerms(g, 'Ɓ').map((m) => m.text)).toEqual(['Ɓ']);
    });

    it('keeps working on a second, longer text (reused buffers grow)', () => {
      const entries = [entry(1, '模型'), entry(2, 'AI')];
      const g = compileGlossary(entries);
      const short = findSourceTerms(g, '模型AI');
      const long = '模型 AI。'.repeat(5000);
      expect(findSourceTerms(g, long)).toHaveLength(10_000);
      expect(short).toEqual(reference(entries, '模型AI'));
      expect(findSourceTerms(g, '模型AI')).toEqual(short);
    });
  });

  /** `scanSourceTerms` read into `SourceMatch` form, its pattern checked against the text. */
  function compact(g: CompiledGlossary, text: string): SourceMatch[] {
    const hits = scanSourceTerms(g, text);
    const out: SourceMatch[] = [];
    for (let k = 0; k < hits.count; k++) {
      const start = hits.start[k]!;
      const end = hits.end[k]!;
      const written = text.slice(start, end);
      expect(g.source.patterns[hits.pattern[k]!]).toBe(foldString(written, caseFold));
      out.push({ entryId: g.entryIds[hits.entry[k]!]!, start, end, text: written });
    }
    return out;
  }

  describe('scanSourceTerms (typed arrays) against the same reference', () => {
    it('agrees on random glossaries and texts: S/T variants, Latin boundaries, case, overlaps', () => {
      const rand = seededRandom(31);
      for (let round = 0; round < 80; round++) {
        const alphabet = UNITS.filter(() => rand() < 0.5);
        if (alphabet.length < 3) alphabet.push('模', '型', 'a');
        const entries: GlossaryEntry[] = [];
        const count = 1 + Math.floor(rand() * 40);
        for (let k = 0; k < count; k++) {
          // Without one-unit terms every other round: the skipping loop then reads two units at
          // a time (with them, one).
          const min = round % 2 === 0 ? 1 : 2;
          const source = randomString(rand, alphabet, min, 6);
          if (source.trim().length < min) continue;
          entries.push(entry(k + 1, source, rand() < 0.3));
        }
        const g = compileGlossary(entries);
        if (round % 2 === 1) expect(g.sourceTables.anySingle).toBe(false);
        for (let t = 0; t < 20; t++) {
          // Odd and even lengths and offsets: the skipping loop reads two units at a time.
          const text = randomString(rand, alphabet, 0, 81);
          const expected = reference(entries, text);
          expect(
            compact(g, text),
            `${JSON.stringify(entries.map((e) => e.source))} in ${JSON.stringify(text)}`,
          ).toEqual(expected);
          expect(findSourceTerms(g, text)).toEqual(expected);
        }
      }
    });

    it('agrees on dense texts built from the terms, with and without one-unit terms', () => {
      const rand = seededRandom(77);
      for (let round = 0; round < 40; round++) {
        const min = round % 2 === 0 ? 1 : 2;
        const entries = Array.from({ length: 30 }, (_, k) =>
          entry(k + 1, randomString(rand, UNITS.slice(0, 20), min, 5), rand() < 0.2),
        );
        const g = compileGlossary(entries);
        for (let t = 0; t < 10; t++) {
          let text = rand() < 0.5 ? '' : '。';
          while (text.length < 200 + t)
            text +=
              rand() < 0.8
                ? entries[Math.floor(rand() * entries.length)]!.source
                : randomString(rand, UNITS, 1, 2);
          expect(compact(g, text)).toEqual(reference(entries, text));
        }
      }
    });

    it('resolves a long run of overlapping candidates (one DFA run across the text)', () => {
      // Every position starts 模型 or 型模…: one run, one large cluster, kept longest first.
      const entries = [
        entry(1, '模型'),
        entry(2, '型模'),
        entry(3, '模型模'),
        entry(4, '型模型模'),
      ];
      const g = compileGlossary(entries);
      for (const n of [1, 2, 7, 50, 501]) {
        const text = '模型'.repeat(n) + (n % 2 ? '模' : '');
        expect(compact(g, text)).toEqual(reference(entries, text));
      }
    });

    it('keeps a compound over its words, and falls back when no candidate spans the batch', () => {
      // Batches the scan settles itself (one candidate spanning the rest: 模型开源 over 模型 and
      // 开源, 数据集 over 数据 and 据集) and ones it hands to keepLongest (数据模型: no candidate
      // starts at 数 and ends at 型; 开源模型 and 模型开源 overlapping; a case-sensitive compound
      // rejected, leaving its words).
      const entries = [
        entry(1, '模型'),
        entry(2, '开源'),
        entry(3, '模型开源'),
        entry(4, '数据'),
        entry(5, '据集'),
        entry(6, '数据集'),
        entry(7, '据模型'),
        entry(8, '开源模型'),
        entry(9, 'AIs'),
        entry(10, 'aI模型', true),
        entry(11, 'AI'),
      ];
      const g = compileGlossary(entries);
      const texts = [
        '模型开源',
        '说模型开源了',
        '数据集',
        '数据模型',
        '数据模型开源',
        '开源模型开源',
        '模型开源模型',
        '数据集数据',
        'AI模型',
        'aI模型',
        'AIs模型开源',
        '据集模型开',
      ];
      for (const text of texts) expect(compact(g, text), text).toEqual(reference(entries, text));
    });

    it('agrees where states inherit a few dozen edges (past the limit: a rest link)', () => {
      // 中 followed by any of 20 characters: 大中 would inherit 20 edges, past the limit of 16.
      const han = Array.from({ length: 20 }, (_, k) => String.fromCharCode(0x4e00 + 11 * k));
      const entries = [...han.map((c) => `中${c}`), '大中华', '大中', '中华人'].map((s, k) =>
        entry(k + 1, s),
      );
      const g = compileGlossary(entries);
      const rand = seededRandom(5);
      const units = ['大', '中', '华', '人', ...han.slice(0, 5), ...han.slice(15)];
      for (let t = 0; t < 300; t++) {
        const text = randomString(rand, units, 0, 40);
        expect(compact(g, text)).toEqual(reference(entries, text));
      }
    });

    it('shares one buffer between scans: read it before the next', () => {
      const g = compileGlossary([entry(1, '模型'), entry(2, '数据')]);
      const first = scanSourceTerms(g, '模型和数据');
      expect(first.count).toBe(2);
      expect([...first.start.subarray(0, 2)]).toEqual([0, 3]);
      const second = scanSourceTerms(g, '数据');
      expect(second).toBe(first);
      expect(first.count).toBe(1);
      expect(first.start[0]).toBe(0);
      // Grows for a text with many matches, and keeps working on a short one after.
      expect(scanSourceTerms(g, '模型。'.repeat(50_000)).count).toBe(50_000);
      expect(compact(g, '模型数据')).toEqual(
        reference([entry(1, '模型'), entry(2, '数据')], '模型数据'),
      );
    });
  });
});
