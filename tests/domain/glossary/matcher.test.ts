import { describe, expect, it } from 'vitest';
import {
  analyzeSegment,
  compileGlossary,
  findRenderings,
  findSourceTerms,
  type GlossaryEntry,
} from '../../../server/domain/glossary/index.js';

let nextId = 1;
function entry(source: string, target = 'x', more: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    id: nextId++,
    source,
    target,
    alternatives: [],
    forbidden: [],
    note: '',
    caseSensitive: false,
    domain: '',
    ...more,
  };
}

const ENTRIES = [
  entry('模型权重', 'model weights', {
    alternatives: ['weights'],
    forbidden: ['model parameters'],
  }),
  entry('开源模型', 'open-source model'),
  entry('模型', 'model'),
  entry('开源', 'open source', { alternatives: ['open-source'] }),
  entry('大模型', 'large model', {
    alternatives: ['large-model', 'LLM'],
    forbidden: ['big model'],
  }),
  entry('BIS', 'BIS', { caseSensitive: true, forbidden: ['Bank for International Settlements'] }),
  entry('GPT-4', 'GPT-4', { caseSensitive: true, forbidden: ['GPT4', 'GPT 4'] }),
  entry('ENFORCE法案', 'ENFORCE Act', { caseSensitive: true, forbidden: ['ENFORCE Act Act'] }),
  entry('X平台', 'X', {
    caseSensitive: true,
    alternatives: ['X platform'],
    forbidden: ['Twitter'],
  }),
  entry('OpenAI', 'OpenAI', { caseSensitive: true }),
  entry('ip', 'IP'),
  entry('脱钩断链', 'decoupling and severing supply chains'),
  entry('数据集', 'dataset', { alternatives: ['data set'] }),
  entry('出口限制', 'export restrictions', { alternatives: ['restrict exports'] }),
  entry('出口管制', 'export controls'),
  entry('模型權重測試', 'weights test'),
];
const g = compileGlossary(ENTRIES);
const sourceOf = (id: number) => ENTRIES.find((e) => e.id === id)?.source;

describe('findSourceTerms', () => {
  it.each([
    // [what, text, expected [entry source, start, end, text as written]]
    [
      'Simplified entry in Traditional text, offsets on the original',
      '開放模型權重的下載',
      [['模型权重', 2, 6, '模型權重']],
    ],
    ['Simplified text', '出售模型权重、参数', [['模型权重', 2, 6, '模型权重']]],
    [
      'Traditional entry in Simplified text',
      '模型权重测试',
      [['模型權重測試', 0, 6, '模型权重测试']],
    ],
    ['Taiwan phrase variant (数据集 → 資料集)', '美國限制資料集出口', [['数据集', 4, 7, '資料集']]],
    ['Hong Kong variant (脱鈎斷鏈)', '強推脱鈎斷鏈', [['脱钩断链', 2, 6, '脱鈎斷鏈']]],
    ['Taiwan variant (脫鉤斷鏈)', '強推脫鉤斷鏈', [['脱钩断链', 2, 6, '脫鉤斷鏈']]],
    [
      'longest match: 开源模型 is one match, not also 模型',
      '开源模型很好',
      [['开源模型', 0, 4, '开源模型']],
    ],
    [
      'shorter terms elsewhere still match',
      '开源的模型',
      [
        ['开源', 0, 2, '开源'],
        ['模型', 3, 5, '模型'],
      ],
    ],
    [
      'overlap: the longer term wins over the leftmost',
      '大模型权重',
      [['模型权重', 1, 5, '模型权重']],
    ],
    ['Latin term at a CJK edge', '不是BIS。', [['BIS', 2, 5, 'BIS']]],
    ['Latin term inside a longer word', 'BISON 不是', []],
    ['case-sensitive entry, other case', '不是bis。', []],
    ['full-width Latin letters', '由ＢＩＳ负责', [['BIS', 1, 4, 'ＢＩＳ']]],
    ['hyphenated name with a digit', '用GPT-4。', [['GPT-4', 1, 6, 'GPT-4']]],
    ['digit continues the word', 'GPT-40 发布', []],
    [
      'Latin + CJK term, doubled 法案 counted once',
      'ENFORCE法案法案',
      [['ENFORCE法案', 0, 9, 'ENFORCE法案']],
    ],
    ['Latin start needs a boundary', '在TX平台发文', []],
    ['Latin start after CJK', '在X平台发文', [['X平台', 1, 4, 'X平台']]],
    ['case-insensitive Latin entry', '特定 IP 域', [['ip', 3, 5, 'IP']]],
    ['not inside a word', '限制 VIP 用户', []],
    [
      'offsets after an emoji (surrogate pair)',
      '😀模型权重🚀OpenAI',
      [
        ['模型权重', 2, 6, '模型权重'],
        ['OpenAI', 8, 14, 'OpenAI'],
      ],
    ],
    [
      'mixed scripts with a space',
      'OpenAI 的 开源模型',
      [
        ['OpenAI', 0, 6, 'OpenAI'],
        ['开源模型', 9, 13, '开源模型'],
      ],
    ],
  ] as const)('%s', (_what, text, expected) => {
    const got = findSourceTerms(g, text).map((m) => [sourceOf(m.entryId), m.start, m.end, m.text]);
    expect(got).toEqual(expected);
    for (const m of findSourceTerms(g, text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('findRenderings', () => {
  it.each([
    // [what, entry source, English, expected [kind, text]]
    [
      'plural and singular',
      '模型权重',
      'it sells model weight and model weights',
      [
        ['preferred', 'model weight'],
        ['preferred', 'model weights'],
      ],
    ],
    [
      'sentence-start capital',
      '模型权重',
      'Model weights are sold.',
      [['preferred', 'Model weights']],
    ],
    ['an admitted alternative', '模型权重', 'the weights leaked', [['alternative', 'weights']]],
    [
      'the preferred form wins over an alternative inside it',
      '模型权重',
      'model weights',
      [['preferred', 'model weights']],
    ],
    [
      'a forbidden rendering',
      '模型权重',
      'sell model parameters',
      [['forbidden', 'model parameters']],
    ],
    [
      'restrict → restricting',
      '出口限制',
      'restricting exports to China',
      [['alternative', 'restricting exports']],
    ],
    [
      'restrict → restricted',
      '出口限制',
      'it restricted exports',
      [['alternative', 'restricted exports']],
    ],
    [
      'restriction → restrictions',
      '出口限制',
      'Export restriction',
      [['preferred', 'Export restriction']],
    ],
    [
      'control → controls',
      '出口管制',
      'an export control regime',
      [['preferred', 'export control']],
    ],
    ['hyphen for space', '开源', 'open-source releases', [['alternative', 'open-source']]],
    ['space for hyphen', '大模型', 'the large model industry', [['preferred', 'large model']]],
    [
      'hyphen form chosen when written with a hyphen',
      '大模型',
      'a large-model industry',
      [['alternative', 'large-model']],
    ],
    ['plural acronym', '大模型', 'LLMs are big', [['alternative', 'LLMs']]],
    [
      'space variant of a hyphenated name is forbidden',
      'GPT-4',
      'GPT 4 and GPT-4 and GPT4',
      [
        ['forbidden', 'GPT 4'],
        ['preferred', 'GPT-4'],
        ['forbidden', 'GPT4'],
      ],
    ],
    ['case-sensitive rendering, wrong case', 'X平台', 'he wrote on x', []],
    ['case-sensitive rendering', 'X平台', 'he wrote on X.', [['preferred', 'X']]],
    [
      'the longer forbidden form hides the admitted one inside it',
      'ENFORCE法案',
      'the ENFORCE Act Act passed',
      [['forbidden', 'ENFORCE Act Act']],
    ],
    ['possessive', 'OpenAI', 'OpenAI’s GPT-4', [['preferred', 'OpenAI']]],
    ['word boundaries', 'BIS', 'BISON and BIS', [['preferred', 'BIS']]],
    [
      'two-space phrase',
      '脱钩断链',
      'decoupling and  severing supply chains',
      [['preferred', 'decoupling and  severing supply chains']],
    ],
  ] as const)('%s', (_what, source, text, expected) => {
    const id = ENTRIES.find((e) => e.source === source)!.id;
    const got = findRenderings(g, text, new Set([id])).map((m) => [m.kind, m.text]);
    expect(got).toEqual(expected);
  });

  it('resolves each entry on its own: open-source model satisfies 开源模型 and 开源', () => {
    const ids = new Set(
      ENTRIES.filter((e) => ['开源模型', '开源'].includes(e.source)).map((e) => e.id),
    );
    const got = findRenderings(g, 'US open-source models', ids).map((m) => [
      sourceOf(m.entryId),
      m.text,
    ]);
    expect(got).toEqual([
      ['开源模型', 'open-source models'],
      ['开源', 'open-source'],
    ]);
  });
});

describe('analyzeSegment', () => {
  it.each([
    ['ok', '出售模型权重', 'sell model weights', ['ok']],
    ['missing', '出售模型权重', 'sell the trained values', ['missing']],
    ['forbidden', '出售模型权重', 'sell model parameters', ['forbidden']],
    ['empty English', '出售模型权重', '', ['missing']],
    [
      'two occurrences, one rendering ("them")',
      '模型权重和模型权重',
      'model weights and them',
      ['ok', 'ok'],
    ],
    [
      'a forbidden rendering is never hidden',
      '模型权重',
      'model weights, that is model parameters',
      ['forbidden'],
    ],
    [
      'two occurrences, one forbidden',
      '模型权重,模型权重',
      'model weights, model parameters',
      ['ok', 'forbidden'],
    ],
  ] as const)('%s', (_what, source, target, verdicts) => {
    const a = analyzeSegment(g, { id: 1, source, target });
    expect(a.occurrences.map((o) => o.verdict)).toEqual(verdicts);
  });
});
