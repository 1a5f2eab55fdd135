import { renderMarkdown } from '../domain/annotate/index.js';
import type { Annotation, Reply } from '../domain/document/index.js';

/** An annotation as the API gives it: the Markdown body and its sanitized HTML. */
export function presentAnnotation(a: Annotation) {
  return { ...a, bodyHtml: renderMarkdown(a.body), replies: a.replies.map(presentReply) };
}

export function presentReply(r: Reply) {
  return { ...r, bodyHtml: renderMarkdown(r.body) };
}
