import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// A private Marked instance: options set here never leak into other users of the library.
const marked = new Marked({ gfm: true, breaks: true, async: false });

/**
 * The only HTML a comment may produce. No images (tracking pixels), no raw HTML beyond this
 * list, links only to http(s) and mailto, every link opened without opener or referrer.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    // Headings inside a comment would outrank the page's own; demote them.
    h1: 'h4',
    h2: 'h4',
  },
};
// rel and target are added by the transform after filtering, so allow them explicitly.
SANITIZE.allowedAttributes = { a: ['href', 'title', 'rel', 'target'] };

/** Renders a Markdown comment to HTML that is safe to insert into a page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, SANITIZE).trim();
}
