/**
 * A `Content-Disposition: attachment` value (RFC 6266) for a download named after the document:
 * `filename*` carries the real title in UTF-8 (RFC 8187), `filename` an ASCII fallback for old
 * clients. Path separators, control characters, quotes and reserved Windows characters are
 * removed from both, so the name is safe to save anywhere.
 */
export function attachmentDisposition(
  title: string,
  suffix: string,
  extension: string,
  fallbackStem: string,
): string {
  const clean = title
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F"*/:<>?\\|\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  const full = `${clean || fallbackStem}${suffix}.${extension}`;
  const ascii = clean
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/[%;,]/g, '')
    .trim();
  const fallback = `${ascii.length >= 3 ? ascii : fallbackStem}${suffix}.${extension}`;
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * An uploaded file's name as a document title: any directory and the last extension dropped
 * (`C:\a\book.en-zh.tmx` → `book.en-zh`); undefined when nothing is left.
 */
export function titleFromFileName(name: string): string | undefined {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '')
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .trim();
  return base === '' ? undefined : base.slice(0, 300);
}
