/** Characters of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

/** A span as the W3C TextQuoteSelector describes it. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A span by UTF-16 offsets, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Builds the quote selector for `text[start, end)`. */
export function quoteAt(text: string, span: TextSpan, context = CONTEXT_LENGTH): TextQuote {
  return {
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - context), span.start),
    suffix: text.slice(span.end, span.end + context),
  };
}

/** Why a quote could not be placed in a text. */
export type LocateError = 'empty' | 'not-found' | 'ambiguous';

/**
 * Finds the one place where `exact` occurs preceded by `prefix` (and followed by `suffix`, when
 * given). Used to anchor hand-written annotations in the corpus, where a span is named by its
 * quote rather than by offsets. More than one match is an error, never a guess.
 */
export function locateQuote(
  text: string,
  quote: Partial<TextQuote> & { exact: string },
): { ok: true; span: TextSpan } | { ok: false; error: LocateError } {
  if (quote.exact === '') return { ok: false, error: 'empty' };
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const hits: number[] = [];
  for (let i = text.indexOf(quote.exact); i !== -1; i = text.indexOf(quote.exact, i + 1)) {
    const end = i + quote.exact.length;
    if (text.slice(0, i).endsWith(prefix) && text.startsWith(suffix, end)) hits.push(i);
  }
  const [start] = hits;
  if (start === undefined) return { ok: false, error: 'not-found' };
  if (hits.length > 1) return { ok: false, error: 'ambiguous' };
  return { ok: true, span: { start, end: start + quote.exact.length } };
}

/** True when `span` lies inside `text` and does not cut a surrogate pair in half. */
export function isValidSpan(text: string, span: TextSpan): boolean {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return false;
  if (start < 0 || end > text.length || start >= end) return false;
  return !splitsSurrogate(text, start) && !splitsSurrogate(text, end);
}

function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
