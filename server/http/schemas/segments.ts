import { z } from 'zod';
import { SEGMENT_STATUSES } from '../../domain/segment/index.js';

/** Longest paragraph accepted, in UTF-16 code units (a long paragraph is ~2,000). */
export const MAX_TEXT = 100_000;

const version = z.number().int().min(1);

/**
 * Paragraph text: well-formed UTF-16 (no lone surrogates) and no C0 control characters other
 * than tab and line breaks, which no exchange format (XML above all) can carry.
 */
export const paragraphText = z
  .string()
  .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
  .refine((s) => s.isWellFormed(), 'contains a lone surrogate (broken Unicode)')
  // eslint-disable-next-line no-control-regex
  .refine(
    (s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s),
    'contains control characters',
  );

/** `PATCH /api/segments/:id` */
export const segmentPatch = z
  .object({
    target: paragraphText.optional(),
    status: z.enum(SEGMENT_STATUSES).optional(),
    version,
  })
  .strict()
  .refine((b) => b.target !== undefined || b.status !== undefined, {
    message: 'give target, status or both',
    path: ['target'],
  });

/** `POST /api/segments/:id/restore` */
export const restoreRequest = z.object({ revisionId: z.number().int().min(1), version }).strict();

/** `POST /api/segments/:id/split` */
export const splitRequest = z
  .object({
    sourceOffset: z.number().int().min(0),
    targetOffset: z.number().int().min(0),
    version: version.optional(),
  })
  .strict();

/** `POST /api/segments/:id/merge-next` */
export const mergeRequest = z.object({ version: version.optional() }).strict();

/** `GET /api/segments/:id/diff?from=&to=` (revision ids) */
export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
