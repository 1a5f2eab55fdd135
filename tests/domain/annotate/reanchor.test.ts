import { describe, expect, it } from 'vitest';
import { mapOffset, quoteAt, reanchor } from '../../../server/domain/annotate/index.js';

/** An annotation on the first occurrence of `quote` in `text`. */
function on(text: string, quote: string, from = 0) {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`no ${quote}`);
  return {
    ...quoteAt(text, { start, end: start + quote.length }),
    start,
    end: start + quote.length,
  };
}

const OLD =
  'The committee voted 43 to 3 to approve the bill, which eases export controls on AI models.';

describe('reanchor', () => {
  it.each([
    [
      'edit after the span',
      OLD.replace('AI models', 'artificial-intelligence models'),
      'voted 43 to 3',
      'position',
    ],
    [
      'edit before the span',
      OLD.replace('The committee', 'On Thursday the House committee'),
      'voted 43 to 3',
      'quote',
    ],
    ['edit inside the span', OLD.replace('43 to 3', '43 to three'), 'voted 43 to three', 'fuzzy'],
    [
      'edit across the span end',
      OLD.replace('43 to 3 to approve', '43-3 in favour of'),
      'voted 43-3',
      'fuzzy',
    ],
  ])('%s', (_name, edited, expectedText, method) => {
    const a = reanchor(on(OLD, 'voted 43 to 3'), edited, OLD);
    expect(a.method).toBe(method);
    expect(a.orphaned).toBe(false);
    expect(edited.slice(a.start, a.end)).toBe(expectedText);
  });

  it('keeps offsets and quote when nothing moved', () => {
    const a = reanchor(on(OLD, 'bill'), OLD, OLD);
    expect(a).toMatchObject({ method: 'position', exact: 'bill' });
  });

  it('picks the right one of a repeated quote by its context', () => {
    const text = 'the bill and the act and the law';
    const anno = on(text, 'the', 10); // "the act"
    const edited = `Yes, ${text}`;
    const a = reanchor(anno, edited, text);
    expect(edited.slice(a.start, a.end + 4)).toBe('the act');
  });

  it('does not pin a short quote to an unrelated occurrence when its own was deleted', () => {
    const text = 'He said the bill passed. It is the law.';
    const anno = on(text, 'the'); // "the bill"
    const edited = 'He said a bill passed. It is the law.';
    const a = reanchor(anno, edited, text);
    expect(a.orphaned).toBe(true);
    expect(a.exact).toBe('the');
  });

  it('orphans an annotation whose text is gone, keeping the old quote', () => {
    const anno = on(OLD, 'export controls');
    const a = reanchor(anno, 'Entirely different sentence now.', OLD);
    expect(a).toMatchObject({ orphaned: true, method: 'orphaned', exact: 'export controls' });
  });

  it('works on Chinese with emoji and without the old text', () => {
    const text = '北京时间5月23日😀,众议院上下议院的批准外';
    const anno = on(text, '上下议院');
    const edited = `此前,${text}`;
    const a = reanchor(anno, edited);
    expect(edited.slice(a.start, a.end)).toBe('上下议院');
  });
});

describe('mapOffset', () => {
  it.each([
    ['abcdef', 'XXabcdef', 2, 4],
    ['abcdef', 'abef', 3, 2],
    ['abcdef', 'abcdefYY', 6, 6],
    ['abcdef', 'abcXdef', 4, 5],
  ])('%s → %s: %i maps to %i', (oldText, newText, offset, expected) => {
    expect(mapOffset(oldText, newText, offset)).toBe(expected);
  });
});
