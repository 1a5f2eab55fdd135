import { z } from 'zod';
import {
  ANNOTATION_CATEGORIES,
  SEVERITIES,
  SIDES,
  locateQuote,
  quoteAt,
  type TextQuote,
  type TextSpan,
} from '../annotate/index.js';
import { glossaryEntryInputSchema, type GlossaryEntryInput } from '../glossary/index.js';
import { SEGMENT_STATUSES, pairMirroredLines, type SegmentStatus } from '../segment/index.js';

/** The raw text of one corpus document's files (see corpus/README.md). */
export interface CorpusDocumentFiles {
  name: string;
  meta: string;
  source: string;
  target: string;
  annotations: string | undefined;
}

/** A corpus annotation, anchored: its span located in the paragraph it names. */
export interface CorpusAnnotation extends TextSpan, TextQuote {
  /** 0-based index of the paragraph in the document. */
  paragraph: number;
  side: (typeof SIDES)[number];
  category: (typeof ANNOTATION_CATEGORIES)[number];
  severity: (typeof SEVERITIES)[number];
  status: 'open' | 'resolved';
  author: CorpusAuthor;
  body: string;
  replies: { author: CorpusAuthor; body: string }[];
}

/** Corpus comments are written by one of two seed accounts. */
export const CORPUS_AUTHORS = ['reviewer', 'translator'] as const;
export type CorpusAuthor = (typeof CORPUS_AUTHORS)[number];

export interface CorpusDocument {
  name: string;
  title: string;
  sourceLang: string;
  targetLang: string;
  segments: { source: string; target: string; status: SegmentStatus }[];
  annotations: CorpusAnnotation[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const metaSchema = z.object({
  title: z.string().min(1),
  sourceLang: z.string().min(2),
  targetLang: z.string().min(2),
  status: z.enum(SEGMENT_STATUSES).default('translated'),
});

const annotationSchema = z.object({
  paragraph: z.number().int().min(1),
  side: z.enum(SIDES),
  exact: z.string().min(1),
  prefix: z.string().default(''),
  suffix: z.string().default(''),
  category: z.enum(ANNOTATION_CATEGORIES),
  severity: z.enum(SEVERITIES),
  status: z.enum(['open', 'resolved']).default('open'),
  author: z.enum(CORPUS_AUTHORS).default('reviewer'),
  body: z.string().min(1),
  replies: z
    .array(z.object({ author: z.enum(CORPUS_AUTHORS).default('translator'), body: z.string().min(1) }))
    .default([]),
});

/** Parses one corpus document; every problem is reported, with the file it is in. */
export function parseCorpusDocument(files: CorpusDocumentFiles): Parsed<CorpusDocument> {
  const errors: string[] = [];
  const meta = parseJson(files.meta, metaSchema, `${files.name}/document.json`, errors);
  const paired = pairMirroredLines(files.source, files.target);
  if (!paired.ok) errors.push(`${files.name}: target.en.txt ${paired.error}`);
  const pairs = paired.ok ? paired.pairs : [];
  const rawAnnotations = files.annotations
    ? parseJson(files.annotations, z.array(annotationSchema), `${files.name}/annotations.json`, errors)
    : [];
  const annotations: CorpusAnnotation[] = [];
  (rawAnnotations ?? []).forEach((a, i) => {
    const where = `${files.name}/annotations.json[${i}]`;
    const pair = pairs[a.paragraph - 1];
    if (!pair) return errors.push(`${where}: no paragraph ${a.paragraph}`);
    const text = a.side === 'source' ? pair.source : pair.target;
    const found = locateQuote(text, a);
    if (!found.ok) return errors.push(`${where}: quote "${a.exact}" is ${found.error}`);
    annotations.push({
      ...a,
      ...quoteAt(text, found.span),
      ...found.span,
      paragraph: a.paragraph - 1,
    });
  });
  if (!meta || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: files.name,
      title: meta.title,
      sourceLang: meta.sourceLang,
      targetLang: meta.targetLang,
      segments: pairs.map((p) => ({
        source: p.source,
        target: p.target,
        status: p.target.trim() === '' ? 'new' : meta.status,
      })),
      annotations,
    },
  };
}

/** Parses the corpus glossary: a JSON array of entries with unique sources. */
export function parseCorpusGlossary(text: string): Parsed<GlossaryEntryInput[]> {
  const errors: string[] = [];
  const entries = parseJson(text, z.array(glossaryEntryInputSchema), 'glossary.json', errors);
  if (!entries) return { ok: false, errors };
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.source)) errors.push(`glossary.json: duplicate source "${e.source}"`);
    seen.add(e.source);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: entries };
}

function parseJson<T>(text: string, schema: z.ZodType<T>, file: string, errors: string[]): T | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    errors.push(`${file}: ${(e as Error).message}`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) errors.push(`${file} ${issue.path.join('.')}: ${issue.message}`);
  return undefined;
}
