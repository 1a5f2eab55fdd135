/**
 * The cleanliness proof of SQL-made TMX pages (domain/exchange/xml-clean-check.ts), without a
 * database: it must say "clean" exactly when escaping the texts would change nothing, i.e.
 * when the bytes are valid UTF-8 and `escapeXmlText` leaves them as they are apart from `<`
 * and `>`, of which there are exactly as many as expected.
 */
import { describe, expect, it } from 'vitest';
import { escapeXmlText } from '../../../server/domain/exchange/xml-text.js';
import { countBrackets, isCleanXmlUtf8 } from '../../../server/domain/exchange/xml-clean-check.js';
import { seededRandom } from '../../seeded-random.js';

/** The definition, the slow way: through the JS escaper itself. */
function reference(bytes: Uint8Array, brackets: number): boolean {
  const text = Buffer.from(bytes).toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return false; // not valid UTF-8
  const plain = text.replace(/[<>]/g, '');
  return escapeXmlText(plain) === plain && text.length - plain.length === brackets;
}

const bracketsIn = (b: Uint8Array) => b.reduce((n, c) => n + (c === 0x3c || c === 0x3e ? 1 : 0), 0);

/** `bytes` at byte offset `offset` of a larger buffer, so every word alignment is tried. */
function at(bytes: Uint8Array, offset: number): Uint8Array {
  const big = new Uint8Array(offset + bytes.length + 3);
  big.set(bytes, offset);
  return big.subarray(offset, offset + bytes.length);
}

function expectSame(bytes: Uint8Array): void {
  const n = bracketsIn(bytes);
  for (const brackets of [n, n + 1, n - 1]) {
    const expected = reference(bytes, brackets);
    if (isCleanXmlUtf8(bytes, brackets) !== expected)
      throw new Error(`${Buffer.from(bytes).toString('hex')} (${brackets}): not ${expected}`);
  }
}

describe('isCleanXmlUtf8', () => {
  it('accepts plain markup and text, tab, LF, CJK, emoji and the characters XML allows', () => {
    const text =
      '<tu tuid="1">\n  <seg>人工智能\t😀 𠮷 "q" \'a\' %s ]] \u007f\u0085\uFEFF\uFFFD￥</seg>\n</tu>\n';
    expect(isCleanXmlUtf8(Buffer.from(text), countBrackets(text))).toBe(true);
    expect(isCleanXmlUtf8(Buffer.from(text), countBrackets(text) + 1)).toBe(false);
    expect(isCleanXmlUtf8(new Uint8Array(0), 0)).toBe(true);
  });

  it.each([
    ['&', 'a & b'],
    ['CR', 'a\rb'],
    ['CRLF', 'a\r\nb'],
    ['NUL', 'a\u0000b'],
    ['another C0 control', 'a\u001fb'],
    ['VT', 'a\u000bb'],
    ['U+FFFE', 'a\uFFFEb'],
    ['U+FFFF', 'a\uFFFFb'],
    ['a text bracket', 'a > b'],
  ])('rejects %s', (_, text) => {
    const markup = '<seg></seg>';
    const bytes = Buffer.from(`<seg>${text}</seg>`);
    expect(isCleanXmlUtf8(bytes, countBrackets(markup))).toBe(false);
    expect(reference(bytes, countBrackets(markup))).toBe(false);
  });

  it('rejects invalid UTF-8, such as a lone surrogate as better-sqlite3 stores it', () => {
    for (const hex of ['eda080', 'edb080', 'ff', 'c0af', 'e4b8', 'f4908080', '80'])
      expect(isCleanXmlUtf8(Buffer.from(`61${hex}62`, 'hex'), 0)).toBe(false);
  });

  it('agrees with the escaper on every byte at every word alignment', () => {
    for (let c = 0; c < 256; c++)
      for (let offset = 0; offset < 4; offset++)
        for (let pos = 0; pos < 9; pos++) {
          const bytes = new Uint8Array(9).fill(0x61);
          bytes[pos] = c;
          expectSame(at(bytes, offset));
        }
  });

  it('agrees on every pair of ASCII bytes side by side in one word', () => {
    for (let a = 0; a < 128; a++)
      for (let b = 0; b < 128; b++)
        for (let pos = 0; pos < 3; pos++) {
          const bytes = new Uint8Array(8).fill(0x20);
          bytes[pos] = a;
          bytes[pos + 1] = b;
          expectSame(bytes);
        }
  });

  it('agrees on random mixtures (seeded)', () => {
    const rand = seededRandom(20261130);
    const pieces = [
      ...'abc xyz<>"\'\t\n',
      ...['人工', '智能', '😀', '𠮷', '\uFFFD', '\uFEFF', '\uFFEF', '\u007f', '\u0085'],
      ...['&', '\r', '\u0000', '\u0008', '\u000b', '\u000e', '\u001f', '\uFFFE', '\uFFFF'],
    ];
    const rare = new Set(['&', '\r', '\u0000', '\u0008', '\u000b', '\u000e', '\u001f']);
    for (let run = 0; run < 3000; run++) {
      let text = '';
      const length = Math.floor(rand() * 200);
      while (text.length < length) {
        const p = pieces[Math.floor(rand() * pieces.length)]!;
        if (!rare.has(p) || rand() < 0.05) text += p;
      }
      let bytes: Uint8Array = Buffer.from(text);
      // Now and then a stray byte, making it invalid UTF-8 (or not).
      if (rand() < 0.1 && bytes.length > 0) {
        bytes = Uint8Array.from(bytes);
        bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      }
      expectSame(at(bytes, Math.floor(rand() * 4)));
    }
  });
});

describe('countBrackets', () => {
  it('counts < and >', () => {
    expect(countBrackets('<a href="x">b</a> <<>>')).toBe(8);
    expect(countBrackets('')).toBe(0);
  });
});
