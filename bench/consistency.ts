/**
 * consistency: GET /api/documents/:id/consistency (every glossary term's occurrences and
 * verdicts, QA findings) on a 5,000-paragraph document with a 5,000-entry glossary, beside
 * GET /api/documents/:id of the same document, alternating, medians of several runs. Each run
 * first saves one paragraph (PATCH), so the judged figure is the review after an edit — what a
 * reviewer sees when refreshing — not a reply served unchanged, which is reported apart
 * (unchangedMs), as is the very first request (coldMs: glossary compiled, nothing memoised).
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
    const segments = (
      (await (await s.api(`/api/documents/${id}`)).json()) as {
        segments: { id: number; target: string; version: number }[];
      }
    ).segments;
    /** One paragraph's English changed, as a translator's save between two looks at the review. */
    const editOne = async (r: number) => {
      const seg = segments[(r * 997) % segments.length]!;
      const res = await s.api(`/api/segments/${seg.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: `${seg.target} (${r})`, version: seg.version }),
      });
      const saved = (await res.json()) as { version: number; target: string };
      seg.version = saved.version;
      seg.target = saved.target;
    };
    const coldMs = await get(`/api/documents/${id}/consistency`);
    const afterEdit: number[] = [];
    const unchanged: number[] = [];
    const doc: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      doc.push(await get(`/api/documents/${id}`));
      await editOne(r);
      afterEdit.push(await get(`/api/documents/${id}/consistency`));
      unchanged.push(await get(`/api/documents/${id}/consistency`));
    }
    const value = median(afterEdit);
    const baseline = median(doc);
    const bytes = (await (await s.api(`/api/documents/${id}/consistency`)).arrayBuffer())
      .byteLength;
    return {
      value: round(value, 0),
      unit: 'ms',
      baseline: round(baseline, 0),
      ratio: round(value / baseline),
      target: '≤ 3× (after one paragraph was edited)',
      pass: value / baseline <= 3,
      paragraphs: opts.paragraphs,
      entries: terms.length,
      coldMs: round(coldMs, 0),
      unchangedMs: round(median(unchanged), 0),
      replyMegabytes: round(bytes / 1e6, 1),
    };
  } finally {
    await s.stop();
  }
}
