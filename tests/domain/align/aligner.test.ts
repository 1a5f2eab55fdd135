import { describe, expect, it } from 'vitest';
import {
  alignDocument,
  alignItems,
  alignSentences,
  joinTexts,
} from '../../../server/domain/align/index.js';
import { beadF1, evaluationSet, seedPairs } from './evaluation.js';

const pairs = seedPairs();
const src = pairs.map((p) => p.source);
const tgt = pairs.map((p) => p.target);
const shape = (beads: { source: number[]; target: number[] }[]) =>
  beads.map((b) => `${b.source.join('+')}:${b.target.join('+')}`);

describe('alignItems on the seed article', () => {
  it('pairs a paragraph-aligned translation 1-1 with high confidence', () => {
    const beads = alignItems(src, tgt);
    expect(beads.every((b) => b.kind === '1-1')).toBe(true);
    expect(beads).toHaveLength(src.length);
    expect(Math.min(...beads.map((b) => b.confidence))).toBeGreaterThan(0.5);
  });

  it.each([
    [
      'a merged translation paragraph (2-1)',
      () => {
        const t = [...tgt];
        t.splice(3, 2, joinTexts([tgt[3]!, tgt[4]!]));
        return { s: src, t, expect: '3+4:3' };
      },
    ],
    [
      'a split translation paragraph (1-2)',
      () => {
        const t = [...tgt];
        const text = tgt[9]!;
        const cut = text.indexOf('. ') + 2;
        t.splice(9, 1, text.slice(0, cut).trim(), text.slice(cut));
        return { s: src, t, expect: '9:9+10' };
      },
    ],
    [
      'a missing translation paragraph (1-0)',
      () => {
        const t = [...tgt];
        t.splice(6, 1);
        return { s: src, t, expect: '6:' };
      },
    ],
    [
      'an extra translation paragraph (0-1)',
      () => {
        const t = [...tgt];
        // A paragraph that has no counterpart in this source (pasted from another article).
        t.splice(
          12,
          0,
          'Separately, the European Commission said on Tuesday that it would publish draft rules for general-purpose AI models before the summer, after consulting developers, researchers and civil society groups across the 27 member states.',
        );
        return { s: src, t, expect: ':12' };
      },
    ],
  ])('finds %s', (_name, make) => {
    const c = make();
    const beads = shape(alignItems(c.s, c.t));
    expect(beads).toContain(c.expect);
    // Everything else stays 1-1 on the diagonal.
    expect(beads.filter((b) => !/^\d+:\d+$/.test(b)).length).toBe(1);
  });

  it('handles empty sides', () => {
    expect(alignItems([], [])).toEqual([]);
    expect(shape(alignItems(['一。'], []))).toEqual(['0:']);
    expect(shape(alignItems([], ['One.']))).toEqual([':0']);
  });
});

describe('alignSentences', () => {
  it('splits a paragraph pair into sentence pairs that cover both texts', () => {
    const p = pairs[2]!;
    const sentences = alignSentences(p.source, p.target, { source: 'zh-CN', target: 'en' });
    expect(sentences.length).toBeGreaterThan(1);
    expect(sentences.map((s) => s.source).join('')).toBe(p.source.replace(/\s+$/, ''));
    expect(sentences.every((s) => s.source !== '' && s.target !== '')).toBe(true);
  });
});

describe('alignDocument', () => {
  it('marks confident pairs translated and doubtful ones draft or new', () => {
    const t = [...tgt];
    t.splice(6, 1);
    const out = alignDocument(src.join('\n\n'), t.join('\n'));
    expect(out).toHaveLength(src.length);
    expect(out[6]).toMatchObject({ source: src[6], target: '', status: 'new', kind: '1-0' });
    expect(out.filter((p) => p.status === 'translated').length).toBeGreaterThanOrEqual(
      src.length - 3,
    );
  });

  it('gives new, empty targets without a translation', () => {
    expect(alignDocument('一。\n二。', undefined)).toEqual([
      { source: '一。', target: '', status: 'new', kind: '1-0', confidence: 1 },
      { source: '二。', target: '', status: 'new', kind: '1-0', confidence: 1 },
    ]);
  });
});

describe('accuracy on the evaluation set', () => {
  // 40 documents of 40 paragraphs from real news text, 20 % of positions damaged (merged,
  // split or dropped paragraphs on either side): 1,528 gold beads.
  const set = evaluationSet();
  const score = (anchors: boolean) => {
    const predicted: { source: number[]; target: number[] }[] = [];
    const gold: { source: number[]; target: number[] }[] = [];
    let ds = 0;
    let dt = 0;
    const shift = (b: { source: number[]; target: number[] }) => ({
      source: b.source.map((x) => x + ds),
      target: b.target.map((x) => x + dt),
    });
    for (const c of set) {
      predicted.push(...alignItems(c.source, c.target, { anchors }).map(shift));
      gold.push(...c.gold.map(shift));
      ds += c.source.length;
      dt += c.target.length;
    }
    return beadF1(predicted, gold);
  };

  it('reaches bead F1 ≥ 0.95 with anchors, above length-only Gale–Church', () => {
    const withAnchors = score(true);
    const lengthOnly = score(false);
    console.log(
      `alignment bead F1: ${withAnchors.f1.toFixed(3)} with anchors, ${lengthOnly.f1.toFixed(3)} length-only`,
    );
    expect(withAnchors.f1).toBeGreaterThanOrEqual(0.95);
    expect(withAnchors.f1).toBeGreaterThan(lengthOnly.f1 + 0.04);
  });
});
