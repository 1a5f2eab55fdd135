/**
 * Sentence splitting for one paragraph at a time (never a whole document: Intl.Segmenter is
 * superlinear on long strings on Node 20, see DESIGN.md). The pieces cover the paragraph
 * exactly: whitespace after a sentence stays with it, so `pieces.join('') === text`.
 */

/** Chinese sentence ends (full-width and the ASCII forms seen in mixed text) and the ellipsis. */
const ZH_END = new Set(['。', '！', '？', '；', '!', '?', '…', '．']);
/** Closing quotes and brackets that belong to the sentence they close. */
const CLOSERS = new Set(['”', '’', '」', '』', '）', '》', '〉', '】', '"', "'", ')', ']', '»']);
const EN_END = new Set(['.', '!', '?', '…']);

/**
 * Words that end in a period without ending the sentence (lower-cased, without the final
 * period). Single letters (initials such as "J.") are handled separately.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'st',
  'jr',
  'sr',
  'inc',
  'co',
  'corp',
  'ltd',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'a.m',
  'p.m',
  'approx',
  'dept',
  'est',
  'fig',
  'vol',
  'pp',
]);

/** Splits Chinese text at 。！？；… (with their closing quotes), keeping every character. */
export function splitChineseSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (!ZH_END.has(text[i]!)) {
      i += 1;
      continue;
    }
    i += 1;
    while (i < text.length && (ZH_END.has(text[i]!) || CLOSERS.has(text[i]!))) i += 1;
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
    out.push(text.slice(start, i));
    start = i;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Whether the word ending just before `dot` is an abbreviation or an initial. */
function isAbbreviation(text: string, dot: number): boolean {
  const m = /([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$/.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!m) return false;
  const word = m[1]!;
  if (word.length === 1) return /[A-Z]/.test(word);
  // "No. 5" is a number sign; "said no." ends a sentence.
  if (/^nos?$/i.test(word)) return /^\s*\d/.test(text.slice(dot + 1));
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Splits English text after . ! ? … (and closing quotes) when whitespace and a capital, digit
 * or opening quote follow; abbreviations such as U.S., Mr. and initials do not end a sentence.
 */
export function splitEnglishSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (!EN_END.has(ch) || (ch === '.' && isAbbreviation(text, i))) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (EN_END.has(text[end]!) || CLOSERS.has(text[end]!))) end += 1;
    let next = end;
    while (next < text.length && /\s/.test(text[next]!)) next += 1;
    const follows = text[next];
    if (next === end || (follows !== undefined && !/[\p{Lu}\p{N}"“‘'(\[]/u.test(follows))) {
      i = end;
      continue;
    }
    out.push(text.slice(start, next));
    start = next;
    i = next;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Splits one paragraph into sentences by the rules of its language (`zh*` or anything else). */
export function splitSentences(text: string, lang: string): string[] {
  return /^zh\b/i.test(lang) ? splitChineseSentences(text) : splitEnglishSentences(text);
}
