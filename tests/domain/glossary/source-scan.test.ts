import { describe, expect, it } from 'vitest';
import {
  caseFold,
  compileGlossary,
  findSourceTerms,
  foldString,
  isWordChar,
  scriptVariants,
  widthFold,
  type GlossaryEntry,
  type SourceMatch,
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
