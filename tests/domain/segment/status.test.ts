import { describe, expect, it } from 'vitest';
import { computeProgress, progressFromCounts } from '../../../server/domain/segment/index.js';

describe('computeProgress', () => {
  it('counts each status and the share translated or beyond', () => {
    const p = computeProgress(['new', 'draft', 'translated', 'reviewed', 'approved', 'approved']);
    expect(p.total).toBe(6);
    expect(p.byStatus).toEqual({ new: 1, draft: 1, translated: 1, reviewed: 1, approved: 2 });
    expect(p.percentDone).toBe(66);
  });
  it('is 0 % for an empty document, not NaN', () => {
    expect(computeProgress([]).percentDone).toBe(0);
  });
  it('never rounds up to 100 % while work is left', () => {
    const counts = { translated: 999, new: 1 };
    expect(progressFromCounts(counts).percentDone).toBe(99);
  });
});
