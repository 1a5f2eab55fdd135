import type { Response } from 'express';

/**
 * Renders `views/pages/<page>.ejs` inside `views/layout.ejs`. EJS has no layouts of its own;
 * rendering the page first and handing its HTML to the layout as `body` keeps both escaped
 * by default and the layout in one file.
 */
export function renderPage(
  res: Response,
  page: string,
  locals: Record<string, unknown> & { title: string },
  status = 200,
): void {
  res.render(`pages/${page}`, locals, (err: Error | null, body: string) => {
    if (err) return res.req.next?.(err);
    res.status(status).render('layout', { ...locals, page, body });
  });
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so no text can close the
 * script element, and U+2028/2029 so older parsers cannot break on them.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
