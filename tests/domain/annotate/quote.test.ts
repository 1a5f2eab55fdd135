import { describe, expect, it } from 'vitest';
import { isValidSpan, locateQuote, quoteAt } from '../../../server/domain/annotate/index.js';

describe('locateQuote', () => {
  const text = 'ENFORCE法案法案除了众议院上下议院的批准外,还需要获得参议院的批准';
  it.each([
    ['unique quote', { exact: '上下议院' }, { ok: true, span: { start: 16, end: 20 } }],
    [
      'prefix picks the second of two',
      { exact: '的批准', prefix: '参议院' },
      { ok: true, span: { start: 33, end: 36 } },
    ],
    [
      'suffix picks the first of two',
      { exact: '的批准', suffix: '外' },
      { ok: true, span: { start: 20, end: 23 } },
    ],
    ['repeated quote without context', { exact: '的批准' }, { ok: false, error: 'ambiguous' }],
    ['overlapping repeat', { exact: '法案' }, { ok: false, error: 'ambiguous' }],
    ['absent quote', { exact: '众议院全体' }, { ok: false, error: 'not-found' }],
    ['empty quote', { exact: '' }, { ok: false, error: 'empty' }],
  ])('%s', (_name, quote, expected) => {
    expect(locateQuote(text, quote)).toEqual(expected);
  });
});

describe('quoteAt', () => {
  it('takes up to 32 characters of context on each side', () => {
    const text = `${'a'.repeat(40)}XYZ${'b'.repeat(40)}`;
    expect(quoteAt(text, { start: 40, end: 43 })).toEqual({
      exact: 'XYZ',
      prefix: 'a'.repeat(32),
      suffix: 'b'.repeat(32),
    });
  });
  it('stops at the edges of the text', () => {
    expect(quoteAt('模型权重', { start: 0, end: 2 })).toEqual({
      exact: '模型',
      prefix: '',
      suffix: '权重',
    });
  });
});

describe('isValidSpan', () => {
  it.each([
    [0, 2, true],
    [0, 0, false],
    [2, 1, false],
    [-1, 1, false],
    [0, 9, false],
    [1.5, 2, false],
    [1, 3, false], // cuts the surrogate pair of 😀 (offsets 2–3) in half
    [2, 4, true],
  ])('start %d end %d → %s', (start, end, ok) => {
    expect(isValidSpan('ab😀c', { start, end })).toBe(ok);
  });
});
