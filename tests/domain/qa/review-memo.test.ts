import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../../server/corpus/read-corpus.js';
import { compileGlossary } from '../../../server/domain/glossary/index.js';
import {
  ReviewMemo,
  reviewDocument,
  type Acceptance,
  type QaSegment,
} from '../../../server/domain/qa/index.js';

const corpus = readCorpus();
const g = compileGlossary(corpus.glossary.map((e, i) => ({ ...e, id: i + 1 })));
const seed: QaSegment[] = corpus.documents[0]!.segments.map((s, i) => ({
  id: i + 1,
  source: s.source,
  target: s.target,
}));

/** The review without a memo: what every memoised review must equal. */
const fresh = (segments: QaSegment[], acceptances: Acceptance[] = []) =>
  reviewDocument(g, segments, acceptances);

const edit = (segments: QaSegment[], id: number, f: (t: string) => string) =>
  segments.map((s) => (s.id === id ? { ...s, target: f(s.target) } : s));

describe('ReviewMemo', () => {
  it('analyses only the paragraphs whose text changed, with the same result as from scratch', () => {
    const memo = new ReviewMemo();
    const first = reviewDocument(g, seed, [], { memo });
    expect(memo.lastAnalysed).toBe(seed.length);
    expect(first).toEqual(fresh(seed));

    const i = seed.findIndex((s) => s.target.includes('model weights'));
    const edited = edit(seed, seed[i]!.id, (t) => t.replace('model weights', 'model parameters'));
    const second = reviewDocument(g, edited, [], { memo });
    expect(memo.lastAnalysed).toBe(1);
    expect(second).toEqual(fresh(edited));
    expect(second.summary.forbidden).toBe(1);
    // Entries without an occurrence in the edited paragraph are the previous review's objects.
    const touched = new Set(second.analyses[i]!.occurrences.map((o) => o.entryId));
    for (const e of second.entries) {
      const was = first.entries.find((x) => x.entryId === e.entryId);
      if (touched.has(e.entryId)) expect(e).not.toBe(was);
      else expect(e).toBe(was);
    }
    expect(second.findings.map((f) => f.check)).toContain('glossary_forbidden');
  });

  it('returns the very same review while nothing changed, a new one when anything did', () => {
    const memo = new ReviewMemo();
    const a = reviewDocument(g, seed, [], { memo });
    expect(reviewDocument(g, seed, [], { memo })).toBe(a);
    expect(reviewDocument(g, [...seed].reverse(), [], { memo })).not.toBe(a);
    const b = reviewDocument(g, seed, [], { memo });
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
    // A review without candidates does not stand in for one that asks for them.
    const c = reviewDocument(g, seed, [], { memo, candidates: false });
    expect(c).toBe(b);
    const d = reviewDocument(
      g,
      edit(seed, 3, (t) => `${t} 2024`),
      [],
      { memo, candidates: false },
    );
    expect(d.candidates).toEqual([]);
    const e = reviewDocument(
      g,
      edit(seed, 3, (t) => `${t} 2024`),
      [],
      { memo },
    );
    expect(e.candidates).toEqual(fresh(edit(seed, 3, (t) => `${t} 2024`)).candidates);
  });

  it('follows accepted findings, a new glossary and removed paragraphs', () => {
    const memo = new ReviewMemo();
    const broken = edit(seed, 5, () => 'In 2023 nothing.');
    const before = reviewDocument(g, broken, [], { memo });
    const f = before.findings.find((x) => x.segmentId === 5)!;
    expect(f).toBeDefined();
    const acceptance: Acceptance = {
      id: 1,
      segmentId: 5,
      check: f.check,
      key: f.key,
      reason: 'checked',
      user: null,
      createdAt: '2026-01-01T00:00:00Z',
    };
    const after = reviewDocument(g, broken, [acceptance], { memo });
    expect(after).toEqual(fresh(broken, [acceptance]));
    expect(after.accepted.map((x) => x.key)).toContain(f.key);

    const g2 = compileGlossary([
      {
        id: 1,
        source: '模型权重',
        target: 'weights of the model',
        alternatives: [],
        forbidden: [],
        note: '',
        caseSensitive: false,
        domain: '',
      },
    ]);
    const other = reviewDocument(g2, broken, [], { memo });
    expect(memo.lastAnalysed).toBe(broken.length);
    expect(other).toEqual(reviewDocument(g2, broken, []));

    const fewer = broken.slice(0, 10);
    expect(reviewDocument(g2, fewer, [], { memo })).toEqual(reviewDocument(g2, fewer, []));
    expect(memo.lastAnalysed).toBe(0);
  });

  it('re-runs the checks when the document median length ratio moves', () => {
    const memo = new ReviewMemo();
    const pairs = Array.from({ length: 6 }, (_, i) => ({
      id: i + 1,
      source: '这是一个用来测试长度比例的中文句子。',
      target: 'This is an English sentence of about the usual length.',
    }));
    reviewDocument(g, pairs, [], { memo });
    // Making most English much longer moves the median, so paragraph 1 (unchanged) becomes short.
    const longer = pairs.map((p) => (p.id === 1 ? p : { ...p, target: p.target.repeat(4) }));
    const r = reviewDocument(g, longer, [], { memo });
    expect(r).toEqual(fresh(longer));
    expect(r.findings.some((f) => f.segmentId === 1 && f.check === 'length_ratio')).toBe(true);
  });
});
