/** Shared helpers for the benchmarks: seeded data, medians, result records. */
import fs from 'node:fs';
import type { GlossaryEntry } from '../server/domain/glossary/index.js';
import { seededRandom } from '../tests/seeded-random.js';

export { seededRandom };

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

const ACRONYMS = ['BIS', 'AI', 'GPT', 'NVIDIA', 'OpenAI', 'LLM', 'GPU', 'API', 'WTO', 'EUV', 'HBM'];

/**
 * Chinese news-like text of about `chars` characters in paragraphs of ~120, with Latin
 * acronyms and figures mixed in as real reports have them (`美国BIS表示…`, `43比3`). A quarter
 * of the words come from the domain vocabulary (the glossary's words), the rest from 3,000
 * seeded filler words: calibrated on the seed article, where its own 59-term glossary covers
 * 21 % of the characters with a match every 20 characters (this text: ~25 %, one per ~12).
 */
export function chineseText(rand: () => number, chars: number): string {
  const filler = Array.from({ length: 3000 }, () => randomHan(rand, 1 + Math.floor(rand() * 3)));
  const paragraph = () => {
    let p = '';
    while (p.length < 120) {
      p +=
        rand() < 0.25
          ? ZH_WORDS[Math.floor(rand() * ZH_WORDS.length)]
          : filler[Math.floor(rand() * filler.length)];
      if (rand() < 0.15) p += ZH_PUNCT[Math.floor(rand() * ZH_PUNCT.length)];
    }
    return `${p}。`;
  };
  const out: string[] = [];
  let size = 0;
  while (size < chars) {
    let p = paragraph();
    if (rand() < 0.5) {
      const at = Math.floor(rand() * p.length);
      const latin =
        rand() < 0.7
          ? (ACRONYMS[Math.floor(rand() * ACRONYMS.length)] ?? 'AI')
          : String(Math.floor(rand() * 100));
      p = `${p.slice(0, at)}${latin}${p.slice(at)}`;
    }
    out.push(p);
    size += p.length + 1;
  }
  return out.join('\n').slice(0, chars);
}

/** A random Han string of `n` characters from the common range. */
function randomHan(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5000));
  return s;
}

/**
 * A client termbase of `n` distinct entries: a fifth built from the vocabulary of the text
 * (single words and two-word compounds, 2–6 characters, so they occur and overlap, e.g.
 * 人工智能 / 人工智能模型), a tenth Latin acronyms and names, the rest random 2–6-character Han
 * terms (most entries of a real termbase never occur in a given text).
 */
export function glossaryEntries(
  rand: () => number,
  n: number,
): { source: string; target: string }[] {
  const sources = new Set<string>();
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  for (const w of ZH_WORDS) if (w.length >= 2 && w.length <= 6) sources.add(w);
  while (sources.size < n * 0.2) {
    const w = pick(ZH_WORDS) + pick(ZH_WORDS);
    if (w.length <= 6) sources.add(w);
  }
  for (const a of ACRONYMS) sources.add(a);
  while (sources.size < n * 0.3) {
    const len = 2 + Math.floor(rand() * 4);
    let a = '';
    for (let i = 0; i < len; i++) a += String.fromCharCode(0x41 + Math.floor(rand() * 26));
    sources.add(a);
  }
  while (sources.size < n) sources.add(randomHan(rand, 2 + Math.floor(rand() * 5)));
  return [...sources].map((source, i) => ({
    source,
    target: /^[A-Za-z]+$/.test(source) ? source : `${pick(EN_WORDS)} term ${i}`,
  }));
}

/** Median wall time in ms of `runs` calls of `f`, after one warm-up call. */
export function timeMedian(runs: number, f: () => void): number {
  f();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Resident memory of another process (a server child) in MB, from /proc; 0 where unknown. */
export function processRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 20 ms until stopped; returns the peak in MB. */
export function watchRss(pid: number | undefined): { stop: () => number } {
  let peak = processRssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, processRssMb(pid))), 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, processRssMb(pid));
    },
  };
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Source/target pairs as glossary entries (ids from 1, no alternatives, not case-sensitive). */
export const asEntries = (list: { source: string; target: string }[]): GlossaryEntry[] =>
  list.map((e, i) => ({
    id: i + 1,
    source: e.source,
    target: e.target,
    alternatives: [],
    forbidden: [],
    note: '',
    caseSensitive: false,
    domain: '',
  }));
