/** Shared helpers for the benchmarks: seeded data, medians, result records. */

/** One benchmark figure, as bench/results.json stores it. */
export interface BenchResult {
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
  [extra: string]: unknown;
}

/** A small deterministic PRNG (mulberry32), so every run sees the same synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const ZH_WORDS = [
  '美国',
  '众议院',
  '外交事务委员会',
  '法案',
  '出口管制',
  '人工智能',
  '模型',
  '开源',
  '闭源',
  '企业',
  '技术',
  '发展',
  '市场',
  '数据',
  '研究',
  '合作',
  '影响',
  '政策',
  '产业',
  '创新',
  '全球',
  '竞争',
  '实验室',
  '科学家',
  '表示',
  '认为',
  '限制',
  '生态',
  '用户',
  '需求',
  '产品',
  '迭代',
  '安全',
  '监管',
];
const ZH_PUNCT = [',', ',', ',', '、', '。'];
const EN_WORDS = [
  'the',
  'House',
  'committee',
  'bill',
  'export',
  'controls',
  'artificial',
  'intelligence',
  'model',
  'weights',
  'open-source',
  'companies',
  'technology',
  'market',
  'data',
  'research',
  'said',
  'would',
  'impact',
  'policy',
  'industry',
  'innovation',
  'global',
  'competition',
  'laboratory',
  'users',
  'of',
  'and',
  'to',
  'in',
  'a',
  'on',
  'for',
  'with',
  'BIS',
  'US',
  'China',
];

/** A Chinese news-like paragraph of about `chars` characters. */
export function chineseParagraph(rand: () => number, chars = 120): string {
  let s = '';
  while (s.length < chars) {
    s += ZH_WORDS[Math.floor(rand() * ZH_WORDS.length)];
    if (rand() < 0.25) s += ZH_PUNCT[Math.floor(rand() * ZH_PUNCT.length)];
  }
  return `${s}。`;
}

/** An English paragraph of about `words` words. */
export function englishParagraph(rand: () => number, words = 60): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(EN_WORDS[Math.floor(rand() * EN_WORDS.length)] ?? 'the');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Peak resident memory of this process so far, in MB. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}
