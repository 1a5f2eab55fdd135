/**
 * consistency: GET /api/documents/:id/consistency (every glossary term's occurrences and
 * verdicts, QA findings) on a 5,000-paragraph document with a 5,000-entry glossary, beside
 * GET /api/documents/:id of the same document, alternating, medians of several runs. The first
 * request (which compiles the glossary) is reported apart as coldMs.
 */
import { csvRow } from './csv.js';
import {
  chineseText,
  englishParagraph,
  glossaryEntries,
  median,
  round,
  seededRandom,
  type BenchResult,
} from './lib.js';
import { startBenchServer } from './server.js';
import { buildTmx } from './tmx.js';

export async function benchConsistency(opts: {
  paragraphs: number;
  terms: number;
  runs: number;
}): Promise<BenchResult> {
  const rand = seededRandom(11);
  const sources = chineseText(rand, opts.paragraphs * 130)
    .split('\n')
    .slice(0, opts.paragraphs);
  const terms = glossaryEntries(rand, opts.terms);
  // English that uses some renderings, so that verdicts are mixed.
  const pairs = sources.map((source) => {
    const t = terms[Math.floor(rand() * terms.length * 0.3)]!;
    return { source, target: `${englishParagraph(rand, 20)} ${t.target}.` };
  });
  const s = await startBenchServer();
  try {
    const csv = ['source,target,alternatives,forbidden,note,caseSensitive,domain']
      .concat(terms.map((t) => csvRow([t.source, t.target, '', '', '', 'false', ''])))
      .join('\r\n');
    await s.api('/api/glossary/import?format=csv', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: `${csv}\r\n` }),
    });
    const created = await s.api('/api/documents/import?format=tmx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-tmx+xml' },
      body: buildTmx(pairs),
    });
    const { id } = ((await created.json()) as { document: { id: number } }).document;
    const get = async (p: string) => {
      const t = performance.now();
      const res = await s.api(p);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    const coldMs = await get(`/api/documents/${id}/consistency`);
    const ours: number[] = [];
    const doc: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      doc.push(await get(`/api/documents/${id}`));
      ours.push(await get(`/api/documents/${id}/consistency`));
    }
    const value = median(ours);
    const baseline = median(doc);
    return {
      value: round(value, 0),
      unit: 'ms',
      baseline: round(baseline, 0),
      ratio: round(value / baseline),
      target: '≤ 3×',
      pass: value / baseline <= 3,
      paragraphs: opts.paragraphs,
      entries: terms.length,
      coldMs: round(coldMs, 0),
    };
  } finally {
    await s.stop();
  }
}
