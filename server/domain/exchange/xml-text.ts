/**
 * XML 1.0 can carry every Unicode character except C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF and unpaired surrogates (XML 1.0 §2.2 `Char`). Not even as `&#0;`: a
 * character reference must match `Char` too. TMX and XLIFF 1.2 therefore drop them (they
 * have no escape for them); XLIFF 2 writes them as `<cp hex="…"/>` and so keeps them.
 */
export const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/gu;

/** The text without the characters XML cannot carry. */
export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/**
 * Escapes text content. `>` is escaped too (a `]]>` in text is not well-formed), and CR as
 * `&#13;`: a parser turns a literal CR or CRLF into LF (XML 1.0 §2.11), a reference survives.
 */
export function escapeXmlText(text: string): string {
  // Most text needs nothing: one test instead of two replacing passes (export throughput).
  if (!NEEDS_TEXT_WORK.test(text)) return text;
  return stripXmlIllegal(text).replace(/[&<>\r]/g, (c) => ENTITY[c]!);
}

/*
 * Quick tests for "anything to change": without the `u` flag and its \p{Cs} class they run
 * 2-3x faster over CJK text. They match every surrogate, paired ones too (emoji), which then
 * take the exact path: a false alarm costs time, never correctness.
 */
/** Anything `escapeXmlAttr` might change. */
const NEEDS_ATTR_WORK =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF&<>"'\t\n\r]/;

/** Anything `escapeXmlText` might change: an illegal character or one it escapes. */
const NEEDS_TEXT_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF&<>\r]/;

/** Escapes an attribute value; tab, LF and CR as references, else parsers turn them to spaces. */
export function escapeXmlAttr(text: string): string {
  if (!NEEDS_ATTR_WORK.test(text)) return text;
  return stripXmlIllegal(text).replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]!);
}

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** The XML declaration every export starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
