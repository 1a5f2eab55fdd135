/**
 * Anchors: tokens that survive translation and so tell which paragraphs belong together even
 * when lengths mislead. Numbers and dates, Latin-script tokens written in the Chinese text
 * (ENFORCE, GPT-4, OpenAI), glossary terms, and quotation marks.
 */

/** A glossary pair used as an anchor: the Chinese term and its English renderings. */
export interface AnchorTerm {
  source: string;
  targets: string[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NUMBER = new Map<string, string>(
  MONTHS.flatMap((m, i) => [
    [m, String(i + 1)],
    [m.slice(0, 3), String(i + 1)],
  ]),
);
const NUMBER = /\d+(?:[.,]\d+)*/g;
const LATIN = /[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*/g;

/** Digits with thousands separators removed, so 1,000 and 1000 match. */
function numbers(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0].replace(/,(?=\d{3}\b)/g, ''));
}

/** Extracts anchors from the items of one source text and its translation. */
export class AnchorIndex {
  /** Latin tokens seen in the Chinese text: only these count on the English side. */
  private readonly vocabulary: Set<string>;

  constructor(
    sourceItems: readonly string[],
    private readonly terms: readonly AnchorTerm[] = [],
  ) {
    this.vocabulary = new Set();
    for (const item of sourceItems)
      for (const m of item.matchAll(LATIN)) if (isName(m[0])) this.vocabulary.add(m[0]);
  }

  /** Anchors of a Chinese item. */
  source(text: string): string[] {
    const out = numbers(text).map((n) => `#${n}`);
    for (const m of text.matchAll(LATIN)) if (isName(m[0])) out.push(`a:${m[0]}`);
    for (const [i, t] of this.terms.entries()) if (text.includes(t.source)) out.push(`g:${i}`);
    for (let k = count(text, '“'); k > 0; k--) out.push('q');
    return out;
  }

  /** Anchors of an English item. */
  target(text: string): string[] {
    const out = numbers(text).map((n) => `#${n}`);
    for (const m of text.matchAll(LATIN)) {
      const word = m[0].toLowerCase();
      const month = MONTH_NUMBER.get(word);
      // Capitalised only: "may" the verb is not May the month.
      if (month && /^[A-Z]/.test(m[0])) out.push(`#${month}`);
      if (this.vocabulary.has(m[0])) out.push(`a:${m[0]}`);
    }
    const lower = text.toLowerCase();
    for (const [i, t] of this.terms.entries())
      if (t.targets.some((r) => r !== '' && lower.includes(r.toLowerCase()))) out.push(`g:${i}`);
    // One anchor per quotation: curly quotes by their opening mark, straight ones by pairs.
    const quotes = count(text, '“') + Math.floor(count(text, '"') / 2);
    for (let k = 0; k < quotes; k++) out.push('q');
    return out;
  }
}

/**
 * Whether a Latin token in Chinese text is a name worth anchoring on (ENFORCE, GPT-4, OpenAI,
 * House): capitalised or with a digit. Lower-case words of a quoted English title ("of", "for")
 * would match nearly every English paragraph. Compared case-sensitively on the English side.
 */
function isName(token: string): boolean {
  return /^[A-Z]|\d/.test(token);
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n += 1;
  return n;
}

/** Matched and unmatched anchors between two multisets. */
export function compareAnchors(
  a: readonly string[],
  b: readonly string[],
): { matched: number; unmatched: number } {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let matched = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      matched += 1;
      counts.set(y, n - 1);
    }
  }
  return { matched, unmatched: a.length + b.length - 2 * matched };
}
