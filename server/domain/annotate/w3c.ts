import { z } from 'zod';
import { ANNOTATION_CATEGORIES, SEVERITIES, SIDES } from './categories.js';
import type { Annotation } from '../document/index.js';

/** UTF-16 offset → Unicode code point offset (the W3C TextPositionSelector counts code points). */
export function toCodePointOffset(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) n += 1;
  }
  return n;
}

/** Code point offset → UTF-16 offset; undefined past the end of the text. */
export function toUtf16Offset(text: string, codePoints: number): number | undefined {
  let i = 0;
  for (let n = 0; n < codePoints; n++) {
    if (i >= text.length) return undefined;
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** An annotation as the API presents it (with rendered HTML), the input of the export. */
export type W3cSourceAnnotation = Omit<Annotation, 'replies'> & {
  bodyHtml: string;
  replies: (Annotation['replies'][number] & { bodyHtml: string })[];
};

/** The IRI naming one side of a segment: `<base>/documents/<d>#segment-<id>-<side>`. */
function segmentIri(base: string, documentId: number, segmentId: number, side: string): string {
  return `${base}/documents/${documentId}#segment-${segmentId}-${side}`;
}

/**
 * A document's annotations as a W3C Web Annotation collection (JSON-LD): each target is one
 * side of a segment with a TextQuoteSelector and a TextPositionSelector (code points), each
 * body is the comment as text/markdown and sanitized text/html; replies are annotations with
 * motivation `replying` whose target is the annotation.
 */
export function toW3cCollection(input: {
  base: string;
  documentId: number;
  title: string;
  annotations: W3cSourceAnnotation[];
  textOf: (segmentId: number, side: 'source' | 'target') => string;
}): Record<string, unknown> {
  const items = input.annotations.flatMap((a) => {
    const id = `${input.base}/api/annotations/${a.id}`;
    const text = input.textOf(a.segmentId, a.side);
    const selectors: Record<string, unknown>[] = [
      { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
    ];
    if (!a.orphaned) {
      selectors.push({
        type: 'TextPositionSelector',
        start: toCodePointOffset(text, a.start),
        end: toCodePointOffset(text, a.end),
      });
    }
    const main = {
      id,
      type: 'Annotation',
      motivation: a.category === 'source-issue' ? 'questioning' : 'assessing',
      created: a.createdAt,
      modified: a.updatedAt,
      ...(a.author
        ? { creator: { type: 'Person', name: a.author.displayName, nickname: a.author.username } }
        : {}),
      body: [
        { type: 'TextualBody', value: a.body, format: 'text/markdown', purpose: 'commenting' },
        { type: 'TextualBody', value: a.bodyHtml, format: 'text/html', purpose: 'commenting' },
        { type: 'TextualBody', value: a.category, purpose: 'classifying' },
        { type: 'TextualBody', value: a.severity, purpose: 'tagging' },
      ],
      target: {
        source: segmentIri(input.base, input.documentId, a.segmentId, a.side),
        selector: selectors,
      },
      'duizhao:status': a.status,
      'duizhao:orphaned': a.orphaned,
    };
    const replies = a.replies.map((r) => ({
      id: `${id}/replies/${r.id}`,
      type: 'Annotation',
      motivation: 'replying',
      created: r.createdAt,
      ...(r.author
        ? { creator: { type: 'Person', name: r.author.displayName, nickname: r.author.username } }
        : {}),
      body: [
        { type: 'TextualBody', value: r.body, format: 'text/markdown' },
        { type: 'TextualBody', value: r.bodyHtml, format: 'text/html' },
      ],
      target: id,
    }));
    return [main, ...replies];
  });
  return {
    '@context': [CONTEXT, { duizhao: 'https://duizhao.invalid/ns#' }],
    id: `${input.base}/api/documents/${input.documentId}/annotations?format=w3c`,
    type: 'AnnotationCollection',
    label: input.title,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

const textualBody = z.object({
  type: z.string().optional(),
  value: z.string(),
  format: z.string().optional(),
  purpose: z.string().optional(),
});
const w3cAnnotation = z.object({
  id: z.string().optional(),
  type: z.union([z.literal('Annotation'), z.array(z.string())]).optional(),
  motivation: z.union([z.string(), z.array(z.string())]).optional(),
  body: z.union([textualBody, z.array(textualBody)]).optional(),
  target: z.union([
    z.string(),
    z.object({
      source: z.string(),
      selector: z
        .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])
        .optional(),
    }),
  ]),
  'duizhao:status': z.enum(['open', 'resolved']).optional(),
});
const collectionSchema = z.object({
  type: z.literal('AnnotationCollection').optional(),
  first: z.object({ items: z.array(w3cAnnotation).max(10_000) }).optional(),
  items: z.array(w3cAnnotation).max(10_000).optional(),
});

/** An annotation read from a W3C collection, not yet anchored in our texts. */
export interface ImportedAnnotation {
  segmentId: number;
  side: (typeof SIDES)[number];
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number } | undefined;
  category: (typeof ANNOTATION_CATEGORIES)[number];
  severity: (typeof SEVERITIES)[number];
  status: 'open' | 'resolved';
  body: string;
  replies: string[];
  /** Index in the collection's items, for error messages. */
  index: number;
}

/**
 * Reads a W3C Web Annotation collection (as written by `toW3cCollection`, or by another tool
 * that targets our segment IRIs). Replies are attached to the annotation they target.
 * Problems are returned as values, one message per bad item.
 */
export function parseW3cCollection(
  data: unknown,
): { ok: true; annotations: ImportedAnnotation[] } | { ok: false; errors: string[] } {
  const parsed = collectionSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  const items = parsed.data.first?.items ?? parsed.data.items ?? [];
  const errors: string[] = [];
  const out: ImportedAnnotation[] = [];
  const byId = new Map<string, ImportedAnnotation>();
  const replies: { target: string; body: string; index: number }[] = [];
  items.forEach((item, index) => {
    const bodies =
      item.body === undefined ? [] : Array.isArray(item.body) ? item.body : [item.body];
    const markdown =
      bodies.find((b) => b.format === 'text/markdown') ??
      bodies.find((b) => b.format === 'text/plain') ??
      bodies.find((b) => !b.purpose || b.purpose === 'commenting');
    const motivation = Array.isArray(item.motivation) ? item.motivation[0] : item.motivation;
    if (motivation === 'replying' && typeof item.target === 'string') {
      replies.push({ target: item.target, body: markdown?.value ?? '', index });
      return;
    }
    if (typeof item.target === 'string')
      return errors.push(`item ${index}: target must name a segment side`);
    const m = /#segment-(\d+)-(source|target)$/.exec(item.target.source);
    if (!m)
      return errors.push(`item ${index}: target ${item.target.source} is not a Duizhao segment`);
    const selectors =
      item.target.selector === undefined
        ? []
        : Array.isArray(item.target.selector)
          ? item.target.selector
          : [item.target.selector];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    if (!quote || typeof quote.exact !== 'string' || quote.exact === '') {
      return errors.push(`item ${index}: a TextQuoteSelector with exact text is required`);
    }
    const category =
      ANNOTATION_CATEGORIES.find((c) =>
        bodies.some((b) => b.purpose === 'classifying' && b.value === c),
      ) ?? 'other';
    const severity =
      SEVERITIES.find((s) => bodies.some((b) => b.purpose === 'tagging' && b.value === s)) ??
      'minor';
    const a: ImportedAnnotation = {
      segmentId: Number(m[1]),
      side: m[2] as 'source' | 'target',
      quote: {
        exact: quote.exact,
        prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
        suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
      },
      position:
        position && Number.isInteger(position.start) && Number.isInteger(position.end)
          ? { start: Number(position.start), end: Number(position.end) }
          : undefined,
      category,
      severity,
      status: item['duizhao:status'] ?? 'open',
      body: markdown?.value ?? '',
      replies: [],
      index,
    };
    if (a.body.trim() === '') return errors.push(`item ${index}: the annotation has no text body`);
    out.push(a);
    if (item.id) byId.set(item.id, a);
  });
  for (const r of replies) {
    const parent = byId.get(r.target);
    if (!parent) errors.push(`item ${r.index}: reply to an annotation not in the collection`);
    else if (r.body.trim() !== '') parent.replies.push(r.body);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, annotations: out };
}
