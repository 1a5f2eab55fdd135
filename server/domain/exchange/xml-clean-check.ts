/**
 * Proof that XML made of markup and *unescaped* texts is already the escaped XML.
 *
 * A fast export path (store/tmx-page-sql.ts) lets SQLite concatenate a page of units with
 * their texts as stored, because escaping in SQL costs as much again as the whole page
 * (replace() four times per text doubled the time; even a per-row instr() test cost
 * 200–350 ms per 100,000 rows). Instead the page is checked here as UTF-8 bytes, in one
 * pass, and used only if escaping every text (`escapeXmlText`, xml-text.ts) would have
 * changed nothing:
 *
 * - no `&`, no C0 control other than tab and LF (CR is escaped, the others are dropped), no
 *   U+FFFE or U+FFFF (dropped);
 * - valid UTF-8. Stored text need not be: better-sqlite3 stores a lone surrogate as its
 *   3-byte CESU form (ED A0 80), which reads back as three U+FFFD, and other tools can
 *   store any bytes. Valid UTF-8 also cannot encode a surrogate, which XML cannot carry;
 * - exactly `brackets` `<` and `>` together: as many as the markup has. Texts can only add
 *   to the markup's count, so an equal count proves no text has either.
 *
 * Cost on a 45 MB page set of news-like Chinese and English (100,000 TMX units): ~30 ms for
 * the control/bracket pass (32-bit words, SWAR), ~3 ms for each `indexOf` and ~4 ms for
 * `isUtf8`; a byte-at-a-time table loop took 120–160 ms, counting `<` and `>` with
 * `indexOf` loops another ~50 ms.
 */
import { isUtf8 } from 'node:buffer';

const AMP = 0x26;
const U_FFFE = Uint8Array.of(0xef, 0xbf, 0xbe);
const U_FFFF = Uint8Array.of(0xef, 0xbf, 0xbf);

/** `<` and `>` in a text (the markup of a unit, say). */
export function countBrackets(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c || c === 0x3e) n++;
  }
  return n;
}

/**
 * Whether `bytes` is valid UTF-8 with nothing an XML text escaper would change, other than
 * `<` and `>`, of which it has exactly `brackets` in all (see the module comment).
 */
export function isCleanXmlUtf8(bytes: Uint8Array, brackets: number): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // memchr / native searches first: each is a few ms over 45 MB.
  if (b.indexOf(AMP) !== -1 || b.indexOf(U_FFFE) !== -1 || b.indexOf(U_FFFF) !== -1) return false;
  if (!isUtf8(b)) return false;
  const found = controlsOrBrackets(b);
  return found >= 0 && found === brackets;
}

/**
 * The number of `<` and `>`, or -1 at the first byte below 0x20 other than tab and LF.
 *
 * Four bytes at a time with exact per-byte tests (Bit Twiddling Hacks, "determine if a word
 * has a byte less than / between"): any byte < 9 is `(x - 0x09…) & ~x & 0x80…`; any byte in
 * 11..31 is `(0x9f… - (x & 0x7f…)) & ~x & ((x & 0x7f…) + 0x75…) & 0x80…` (127 + 32, 127 − 10).
 * `<` (3C) and `>` (3E) differ only in bit 1, so both are the zero bytes of
 * `(x | 0x02…) ^ 0x3e…`, marked exactly by `~(((y & 0x7f…) + 0x7f…) | y | 0x7f…)` and summed
 * by one multiplication. No branch per word but the rare exit: ~30 ms per 45 MB.
 */
function controlsOrBrackets(b: Uint8Array): number {
  let i = 0;
  let count = 0;
  // Unaligned head: a Uint32Array view needs a 4-byte aligned offset.
  for (; i < b.length && (b.byteOffset + i) % 4 !== 0; i++) {
    const c = byteClass(b[i]!);
    if (c < 0) return -1;
    count += c;
  }
  const words = (b.length - i) >>> 2;
  if (words > 0) {
    const w = new Uint32Array(b.buffer, b.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]!;
      const low = x & 0x7f7f7f7f;
      const control = ((x - 0x09090909) | ((0x9f9f9f9f - low) & (low + 0x75757575))) & ~x;
      if ((control & 0x80808080) !== 0) return -1;
      const y = (x | 0x02020202) ^ 0x3e3e3e3e;
      const zero = ~(((y & 0x7f7f7f7f) + 0x7f7f7f7f) | y | 0x7f7f7f7f);
      count += Math.imul(zero >>> 7, 0x01010101) >>> 24;
    }
  }
  for (i += words * 4; i < b.length; i++) {
    const c = byteClass(b[i]!);
    if (c < 0) return -1;
    count += c;
  }
  return count;
}

/** One byte: -1 for a control byte that is not tab or LF, 1 for a bracket, else 0. */
function byteClass(c: number): number {
  if (c < 0x20) return c === 0x09 || c === 0x0a ? 0 : -1;
  return c === 0x3c || c === 0x3e ? 1 : 0;
}
