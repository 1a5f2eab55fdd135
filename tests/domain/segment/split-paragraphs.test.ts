import { describe, expect, it } from 'vitest';
import { pairMirroredLines, splitParagraphs } from '../../../server/domain/segment/index.js';

describe('splitParagraphs', () => {
  it.each([
    ['one line', 'a', ['a']],
    ['LF', 'a\nb', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['lone CR', 'a\rb', ['a', 'b']],
    ['blank lines dropped', 'a\n\n\nb\n', ['a', 'b']],
    ['whitespace-only lines dropped', 'a\n \t\u3000\nb', ['a', 'b']],
    ['BOM dropped', '\uFEFF标题\n正文', ['标题', '正文']],
    ['text kept exactly, spaces included', ' 以43 比3 ,通过 \nx', [' 以43 比3 ,通过 ', 'x']],
    ['empty text', '', []],
    ['emoji and surrogates intact', '😀 a\n𠀀', ['😀 a', '𠀀']],
  ])('%s', (_name, input, expected) => {
    expect(splitParagraphs(input)).toEqual(expected);
  });
});

describe('pairMirroredLines', () => {
  it('pairs non-blank lines and keeps their line numbers', () => {
    const r = pairMirroredLines('标题\n\n一\n二\n', 'Title\n\nOne\nTwo\n');
    expect(r).toEqual({
      ok: true,
      pairs: [
        { source: '标题', target: 'Title', line: 1 },
        { source: '一', target: 'One', line: 3 },
        { source: '二', target: 'Two', line: 4 },
      ],
    });
  });
  it.each([
    ['different line counts', 'a\nb', 'A', 'source has 2 lines but target has 1'],
    ['blank opposite text', 'a\n\nb', 'A\nX\nB', 'line 2: source is blank but target is not'],
    ['text opposite blank', 'a\nb', 'A\n ', 'line 2: target is blank but source is not'],
  ])('refuses %s', (_name, source, target, error) => {
    expect(pairMirroredLines(source, target)).toEqual({ ok: false, error });
  });
});
