import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, readCorpus } from '../../server/corpus/read-corpus.js';
import { splitParagraphs } from '../../server/domain/segment/index.js';

const corpus = readCorpus();
const [doc] = corpus.documents;
const SOURCE_FILE = path.join(CORPUS_DIR, 'documents/enforce-act/source.zh.txt');
/** The seed as the product owner gave it, beside the repository (always there in CI). */
const SEED_FILE = path.resolve(CORPUS_DIR, '../../shared/seed/000_9741e6be33aa6be0.txt');

describe('the seed article in corpus/', () => {
  it('is one document of 20 paragraph pairs', () => {
    expect(corpus.documents).toHaveLength(1);
    expect(doc?.segments).toHaveLength(20);
  });

  it.runIf(fs.existsSync(SEED_FILE))('is byte-for-byte the seed file from ../shared/seed', () => {
    expect(fs.readFileSync(SOURCE_FILE).equals(fs.readFileSync(SEED_FILE))).toBe(true);
  });

  it('keeps every source paragraph exactly, in order', () => {
    const expected = splitParagraphs(fs.readFileSync(SOURCE_FILE, 'utf8'));
    expect(doc?.segments.map((s) => s.source)).toEqual(expected);
    expect(doc?.segments[0]?.source).toBe('美国众议院推进大模型出口限制法案,业内学者:自损八百');
    expect(doc?.segments[19]?.source).toBe('(本文来自第一财经)');
  });

  it('has an English translation for every paragraph, in English only', () => {
    for (const s of doc?.segments ?? []) {
      expect(s.target.trim().length).toBeGreaterThan(0);
      expect(s.target).not.toMatch(/[\u3400-\u9fff\uf900-\ufaff]/);
      expect(s.status).toBe('translated');
    }
  });

  it('uses the official English names and Chinese name order', () => {
    const english = doc?.segments.map((s) => s.target).join('\n') ?? '';
    for (const name of [
      'Bureau of Industry and Security',
      'House Foreign Affairs Committee',
      'Shanghai AI Laboratory',
      'Beijing University of Posts and Telecommunications',
      'Fudan University',
      'Yicai',
      'Lin Dahua',
      'Liu Wei',
      'Chen Ran',
      'Xiao Yanghua',
      'Lin Jian',
      'Enhancing National Frameworks for Overseas Restriction of Critical Exports Act',
    ]) {
      expect(english, name).toContain(name);
    }
    for (const reversed of ['Dahua Lin', 'Wei Liu', 'Ran Chen', 'Yanghua Xiao', 'Jian Lin']) {
      expect(english).not.toContain(reversed);
    }
  });

  it('renders 自损八百 by meaning, never by its numbers', () => {
    const english = doc?.segments.map((s) => s.target).join('\n') ?? '';
    expect(english).not.toMatch(/eight hundred|800|thousand/i);
  });
});

describe('the corpus glossary', () => {
  const REQUIRED = [
    'BIS', '模型权重', '出口管制', '开源模型', '闭源模型', '底座模型', '通用人工智能',
    '众议院外交事务委员会', '参议院', '两党', 'ENFORCE法案', '加强海外关键出口国家框架法案',
    '脱钩断链', '产供链', '自损八百', '林剑', '林达华', '刘伟', '陈冉', '肖仰华',
    '上海人工智能实验室', '北京邮电大学', '复旦大学', 'OpenCSG', '第一财经',
  ];

  it('has at least 30 entries, each with a preferred English and a note', () => {
    expect(corpus.glossary.length).toBeGreaterThanOrEqual(30);
    for (const e of corpus.glossary) {
      expect(e.target, e.source).not.toBe('');
      expect(e.note, e.source).not.toBe('');
    }
  });

  it.each(REQUIRED)('covers %s', (term) => {
    expect(corpus.glossary.map((e) => e.source)).toContain(term);
  });

  it('forbids the common mistranslation of 模型权重', () => {
    const entry = corpus.glossary.find((e) => e.source === '模型权重');
    expect(entry?.target).toBe('model weights');
    expect(entry?.forbidden).toContain('model parameters');
  });

  // The shipped English must follow its own glossary: wherever a term occurs in a source
  // paragraph, the English paragraph uses the preferred or an admitted rendering, and no
  // forbidden rendering appears anywhere.
  const pairs = doc?.segments ?? [];
  it.each(corpus.glossary.map((e) => [e.source, e] as const))('is followed for %s', (_s, entry) => {
    const fold = (s: string) => (entry.caseSensitive ? s : s.toLowerCase());
    const renderings = [entry.target, ...entry.alternatives].map(fold);
    for (const [i, pair] of pairs.entries()) {
      if (pair.source.includes(entry.source)) {
        const english = fold(pair.target);
        expect(
          renderings.some((r) => english.includes(r)),
          `paragraph ${i + 1} has ${entry.source} but none of ${renderings.join(' | ')}`,
        ).toBe(true);
      }
      for (const bad of entry.forbidden) {
        expect(pair.target.toLowerCase(), `paragraph ${i + 1}`).not.toContain(bad.toLowerCase());
      }
    }
  });
});

describe('the corpus annotations', () => {
  const annotations = doc?.annotations ?? [];

  it('has at least 6, each anchored to the exact text it quotes', () => {
    expect(annotations.length).toBeGreaterThanOrEqual(6);
    for (const a of annotations) {
      const seg = doc?.segments[a.paragraph];
      const text = a.side === 'source' ? seg?.source : seg?.target;
      expect(text?.slice(a.start, a.end)).toBe(a.exact);
    }
  });

  it.each([
    ['the doubled 法案', 'ENFORCE法案法案'],
    ['the House with two chambers', '众议院上下议院'],
  ])('flags %s as a source issue', (_name, quote) => {
    const found = annotations.find(
      (a) => a.category === 'source-issue' && a.side === 'source' && a.exact.includes(quote),
    );
    expect(found).toBeDefined();
  });
});
