import type { ExportNote } from './types.js';

/**
 * One annotation as the plain text of a note: what kind of problem, where, and the comment.
 * Example: `terminology/minor (open), target “model parameters”: Use “model weights”.`
 */
export function noteText(n: ExportNote): string {
  const who = n.author ? ` — ${n.author}` : '';
  return `${n.category}/${n.severity} (${n.status}), ${n.side} “${n.exact}”: ${n.body}${who}`;
}

/** TMX and XLIFF date-times: compact ISO 8601 in UTC (TMX 1.4b: YYYYMMDDThhmmssZ). */
export function compactDate(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}
