import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../../server/corpus/read-corpus.js';
import { compileGlossary, type GlossaryEntry } from '../../../server/domain/glossary/index.js';
import {
  ALL_CHECKS,
  buildQaContext,
  findingFingerprint,
  reviewDocument,
  runChecks,
  type QaCheck,
} from '../../../server/domain/qa/index.js';

const ENTRIES: GlossaryEntry[] = [
  {
    id: 1,
    source: '模型权重',
    target: 'model weights',
    alternatives: ['weights'],
    forbidden: ['model parameters'],
    note: '',
    caseSensitive: false,
    domain: '',
  },
  {
    id: 2,
    source: 'AI模型',
    target: 'AI model',
    alternatives: ['artificial intelligence model'],
    forbidden: [],
    note: '',
    caseSensitive: false,
    domain: '',
  },
];
const g = compileGlossary(ENTRIES);
const byId = (id: string): QaCheck => ALL_CHECKS.find((c) => c.id === id)!;

/** Findings of one check on one pair, in a document of filler pairs that fixes the median ratio. */
function run(check: string, source: string, target: string) {
  const filler = Array.from({ length: 4 }, (_, i) => ({
    id: 100 + i,
    source: '这是一个用来计算长度中位数的句子。',
    target: 'This sentence is here to set the median length ratio.',
  }));
  const segments = [{ id: 1, source, target }, ...filler];
  return runChecks([segments[0]!], buildQaContext(g, segments), [byId(check)]);
}

describe.each([
  // [check, source, English that passes, English that fails, key of the failure]
  ['empty_target', '你好', 'Hello', '  ', 'empty'],
  ['untranslated', '出售模型权重', 'sell model weights', 'sell 模型权重', '模型权重'],
  [
    'glossary_missing',
    '出售模型权重',
    'sell the model weights',
    'sell the trained values',
    '模型权重#1',
  ],
  [
    'glossary_forbidden',
    '出售模型权重',
    'sell weights',
    'sell model parameters',
    '模型权重:model parameters',
  ],
  ['numbers', '北京时间5月23日', 'On May 23 (Beijing time)', 'On May 24 (Beijing time)', '5月23日'],
  ['numbers', '5月23日', 'on 23 May', 'on May 32', '5月23日'],
  ['numbers', '以43 比3的多数', 'voted 43 to 3', 'voted 43 for, 3 against', '43 比3'],
  ['numbers', '以43比3通过', 'passed 43-3', 'passed 43 or 3', '43比3'],
  ['numbers', '共有12个国家', 'twelve countries', 'a dozen countries', '12'],
  ['numbers', '投资3万元', 'invested 30,000 yuan', 'invested 3 yuan', '3万'],
  ['numbers', '增长了2.5%', 'grew 2.5%', 'grew 25%', '2.5'],
  ['numbers', '１２３个', '123 of them', '12 of them', '123'],
  [
    'latin_tokens',
    '限制特定 IP 域的访问',
    'restricting access from specific IP ranges',
    'restricting access from specific ranges',
    'IP',
  ],
  ['latin_tokens', 'OpenAI的GPT-4', 'OpenAI’s GPT-4', 'OpenAI’s model', 'GPT-4'],
  ['latin_tokens', '影响 Meta的开源发布', 'affect Meta’s releases', 'affect the releases', 'Meta'],
  ['latin_tokens', '对AI模型实施', 'on artificial intelligence models', 'on the systems', 'AI'],
  ['cjk_punctuation', '你好,世界', 'Hello, world', 'Hello，world', '，'],
  ['cjk_punctuation', '版本四', 'version 4', 'version ４', '４'],
  ['whitespace', '你好', 'Hello world', 'Hello  world', 'double'],
  ['whitespace', '你好', 'Hello world', ' Hello world', 'leading'],
  ['whitespace', '你好', 'Hello world', 'Hello world ', 'trailing'],
  ['brackets', '(注)', '(note) and “quote”', '(note and “quote”', '()'],
  ['brackets', '“墙”', '“a wall”', '“a wall', '“”'],
  ['brackets', '引号', 'say "hi"', 'say "hi', '""'],
  [
    'length_ratio',
    '这是一个用来计算长度中位数的句子。',
    'A sentence of about the usual length here.',
    'Short.',
    'short',
  ],
  [
    'length_ratio',
    '这是一个句子。这是另一个。',
    'One sentence. Another.',
    'One sentence that has been padded with far too many words, clauses and asides to be a translation of this short source text.',
    'long',
  ],
] as const)('%s', (check, source, good, bad, key) => {
  it(`passes "${good}"`, () => {
    expect(run(check, source, good)).toEqual([]);
  });
  it(`flags "${bad}"`, () => {
    const found = run(check, source, bad);
    expect(found.map((f) => f.key)).toEqual([key]);
    expect(found[0]?.check).toBe(check);
    expect(found[0]?.message.length).toBeGreaterThan(5);
  });
});

describe('ALL_CHECKS', () => {
  it('has unique snake_case ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('finds nothing in the shipped corpus (zero glossary errors, zero warnings)', () => {
    const corpus = readCorpus();
    const cg = compileGlossary(corpus.glossary.map((e, i) => ({ ...e, id: i + 1 })));
    const segments = corpus.documents[0]!.segments.map((s, i) => ({
      id: i + 1,
      source: s.source,
      target: s.target,
    }));
    const review = reviewDocument(cg, segments);
    expect(review.findings).toEqual([]);
    expect(review.summary).toMatchObject({ missing: 0, forbidden: 0 });
    expect(review.summary.ok).toBe(review.summary.occurrences);
    expect(review.summary.occurrences).toBeGreaterThan(90);
  });
});

describe('reviewDocument', () => {
  const segments = [
    { id: 1, source: '出售模型权重', target: 'sell model parameters' },
    { id: 2, source: '出售模型权重', target: 'sell model weights' },
    { id: 3, source: '出售模型权重', target: 'sell weights' },
  ];

  it('moves accepted findings out of the list and counts the rest', () => {
    const before = reviewDocument(g, segments);
    expect(before.counts.errors).toBe(1);
    const f = before.findings[0]!;
    const acceptance = {
      id: 9,
      segmentId: f.segmentId,
      check: f.check,
      key: f.key,
      reason: 'quoted',
      user: null,
      createdAt: '',
    };
    const after = reviewDocument(g, segments, [acceptance]);
    expect(after.findings).toEqual([]);
    expect(after.accepted.map((a) => findingFingerprint(a))).toEqual([findingFingerprint(f)]);
    expect(after.counts).toEqual({ errors: 0, warnings: 0, accepted: 1 });
  });

  it('lists the renderings of an entry rendered more than one way', () => {
    const review = reviewDocument(g, segments);
    expect(review.entries[0]?.renderings).toEqual([
      { form: 'model parameters', count: 1 },
      { form: 'model weights', count: 1 },
      { form: 'weights', count: 1 },
    ]);
  });

  it('suggests repeated source n-grams that the glossary does not cover', () => {
    const review = reviewDocument(g, [
      { id: 1, source: '芯片出口管制很严', target: 'chip export controls are strict' },
      { id: 2, source: '他谈到芯片出口管制', target: 'he spoke of chip export controls' },
      { id: 3, source: '模型权重', target: 'model weights' },
    ]);
    const c = review.candidates.find((x) => x.source === '芯片出口管制');
    expect(c?.count).toBe(2);
    expect(c?.renderings[0]?.text).toMatch(/chip export controls/);
  });
});
