import { describe, expect, it } from 'vitest';
import type { Segment } from '../../server/domain/document/index.js';
import { compileGlossary } from '../../server/domain/glossary/index.js';
import { reviewDocument } from '../../server/domain/qa/index.js';
import {
  ENTRIES_PER_PAGE,
  filterReview,
  OCCURRENCES_PER_ENTRY,
  PARAGRAPHS_PER_PAGE,
} from '../../server/http/routes/review-filters.js';

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const OTHERS = ENTRIES_PER_PAGE + 10;

/** 130 paragraphs, each with the term 模型权重 left untranslated and one of 110 other terms. */
function bigReview() {
  const entries = Array.from({ length: OTHERS + 1 }, (_, i) => ({
    id: i + 1,
    source:
      i === 0
        ? '模型权重'
        : `术语${[...String(i).padStart(3, '0')].map((d) => STEMS[Number(d)]).join('')}`,
    target: i === 0 ? 'model weights' : `term ${i}`,
    alternatives: [],
    forbidden: [],
    note: '',
    caseSensitive: false,
    domain: '',
  }));
  const g = compileGlossary(entries);
  const segments: Segment[] = Array.from({ length: 130 }, (_, i) => ({
    id: i + 1,
    documentId: 1,
    position: i + 1,
    source: `第${i + 1}段的模型权重和${entries[1 + (i % OTHERS)]!.source}。`,
    target: `Paragraph ${i + 1} says nothing of them.`,
    status: 'translated',
    version: 1,
    updatedBy: null,
    updatedAt: '2026-01-01T00:00:00Z',
    alignCheck: false,
    alignNote: '',
  }));
  return { review: reviewDocument(g, segments, [], { candidates: false }), segments };
}

describe('review page lists in pages', () => {
  const { review, segments } = bigReview();

  it('shows findings a hundred paragraphs at a time, with where the page is', () => {
    const first = filterReview(review, segments, {});
    expect(first.byParagraph).toHaveLength(PARAGRAPHS_PER_PAGE);
    expect(first.paragraphsPage).toEqual({ page: 1, pages: 2, from: 1, to: 100, total: 130 });
    const second = filterReview(review, segments, { fpage: 2 });
    expect(second.byParagraph.map((p) => p.seg.position)).toEqual(
      Array.from({ length: 30 }, (_, i) => 101 + i),
    );
    // A page past the end shows the last one rather than nothing.
    expect(filterReview(review, segments, { fpage: 99 }).paragraphsPage.page).toBe(2);
  });

  it('caps each entry at a number of occurrences with a link to all of them', () => {
    const view = filterReview(review, segments, { verdict: 'missing' });
    expect(view.entriesPage.total).toBe(OTHERS + 1);
    expect(view.entries).toHaveLength(ENTRIES_PER_PAGE);
    const weights = view.entries.find((e) => e.source === '模型权重')!;
    expect(weights.shown).toHaveLength(OCCURRENCES_PER_ENTRY);
    expect(weights.hidden).toBe(130 - OCCURRENCES_PER_ENTRY);
    const alone = filterReview(review, segments, { entry: weights.entryId, verdict: 'missing' });
    expect(alone.entries).toHaveLength(1);
    expect(alone.entries[0]!.shown).toHaveLength(130);
    expect(alone.entries[0]!.hidden).toBe(0);
  });

  it('keeps the filters in the pager links', () => {
    const view = filterReview(review, segments, { verdict: 'missing', q: 'a&b', fpage: 2 });
    expect(view.href({ tpage: 2 })).toBe('?verdict=missing&q=a%26b&fpage=2&tpage=2');
    expect(view.href({ fpage: undefined })).toBe('?verdict=missing&q=a%26b');
  });
});
