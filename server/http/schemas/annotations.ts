import { z } from 'zod';
import { ANNOTATION_CATEGORIES, SEVERITIES, SIDES } from '../../domain/annotate/index.js';

/** A Markdown comment: not blank, at most 20,000 characters, well-formed Unicode. */
export const commentBody = z
  .string()
  .max(20_000, 'must be at most 20000 characters')
  .refine((s) => s.trim() !== '', 'must not be empty')
  .refine((s) => s.isWellFormed(), 'contains a lone surrogate (broken Unicode)');

/** `POST /api/segments/:id/annotations` */
export const createAnnotation = z
  .object({
    side: z.enum(SIDES),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    category: z.enum(ANNOTATION_CATEGORIES),
    severity: z.enum(SEVERITIES),
    body: commentBody,
  })
  .strict();

/** `PATCH /api/annotations/:id` */
export const patchAnnotation = z
  .object({
    body: commentBody.optional(),
    category: z.enum(ANNOTATION_CATEGORIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    status: z.enum(['open', 'resolved']).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['body'] });

/** `POST /api/annotations/:id/replies`, `PATCH /api/replies/:id` */
export const replyBody = z.object({ body: commentBody }).strict();

/** `POST /api/markdown/preview` */
export const previewBody = z.object({ body: z.string().max(20_000) }).strict();

/** `GET /api/documents/:id/annotations` */
export const annotationsQuery = z.object({ format: z.enum(['json', 'w3c']).default('json') });

/** `GET /api/documents/:id/quality`: per-request overrides of the configured model. */
export const qualityQuery = z.object({
  threshold: z.coerce.number().min(0).max(100).optional(),
  countResolved: z.enum(['0', '1', 'true', 'false']).optional(),
});
