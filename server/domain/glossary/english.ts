import stem from 'wink-porter2-stemmer';

/**
 * English text as a stream of word stems, for inflection-tolerant matching of renderings:
 * "model weights" and "Model weight", "restrict", "restricted" and "restricting",
 * "open source" and "open-source" all become the same key. Stems come from the Porter2
 * (Snowball English) stemmer of `wink-porter2-stemmer` rather than home-made suffix rules.
 */
export interface EnglishTokens {
  /** The stems joined by single spaces: what the automaton scans. */
  key: string;
  /** Offset of each token's stem in `key`. */
  keyStart: number[];
  /** Each token's offsets in the original text (UTF-16). */
  start: number[];
  end: number[];
}

// Letters and digits of any script; apostrophes, hyphens and spaces separate tokens, so
// "OpenAI’s" is "openai" + "s" and "large-model" is "large" + "model".
const TOKEN = /[\p{L}\p{N}]+/gu;
const stems = new Map<string, string>();

/** Stem of one word, lower-cased; numbers and cached words skip the stemmer. */
export function stemWord(word: string): string {
  // Plural acronyms (LLMs, GPUs): Porter2 keeps their "s", so it is dropped here.
  if (/^[A-Z0-9]{2,}s$/.test(word)) return word.slice(0, -1).toLowerCase();
  const lower = word.toLowerCase();
  let s = stems.get(lower);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(lower) ? lower : stem(lower);
    if (stems.size < 100_000) stems.set(lower, s);
  }
  return s;
}

/** Tokenizes and stems `text`, keeping each token's offsets. */
export function tokenizeEnglish(text: string): EnglishTokens {
  const out: EnglishTokens = { key: '', keyStart: [], start: [], end: [] };
  const parts: string[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    const s = stemWord(m[0]);
    out.keyStart.push(at);
    out.start.push(m.index);
    out.end.push(m.index + m[0].length);
    parts.push(s);
    at += s.length + 1;
  }
  out.key = parts.join(' ');
  return out;
}

/**
 * The separators between the tokens of a span, each reduced to `-` (a hyphen or dash) or ` `
 * (anything else): what tells "GPT-4" from the forbidden "GPT 4" once both have the same key.
 */
export function separatorSignature(text: string, tokens: EnglishTokens, from = 0, to?: number) {
  const last = (to ?? tokens.start.length) - 1;
  let sig = '';
  for (let k = from; k < last; k++) {
    const gap = text.slice(tokens.end[k], tokens.start[k + 1]);
    sig += /[-‐‑–]/.test(gap) ? '-' : ' ';
  }
  return sig;
}
