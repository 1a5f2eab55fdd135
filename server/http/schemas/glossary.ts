import { z } from 'zod';
import {
  EXCHANGE_FORMATS,
  glossaryEntryInputSchema,
  listItemSchema,
  termSchema,
} from '../../domain/glossary/index.js';
import { CHECK_IDS } from '../../domain/qa/index.js';

/** POST /api/glossary: a whole entry (lists, note, case rule and domain default to empty). */
export const createEntrySchema = glossaryEntryInputSchema.strict();

/** PATCH /api/glossary/:id: any subset of the fields (no defaults: absent means unchanged). */
export const patchEntrySchema = z
  .object({
    source: termSchema,
    target: termSchema,
    alternatives: z.array(listItemSchema).max(50),
    forbidden: z.array(listItemSchema).max(50),
    note: z.string().max(4000),
    caseSensitive: z.boolean(),
    domain: z.string().trim().max(100),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field');

const SORTS = ['source', 'target', 'domain', 'updated'] as const;

/** GET /api/glossary and the /glossary page: search, filter by domain, sort. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  domain: z.string().trim().max(100).optional(),
  sort: z.enum(SORTS).optional(),
});

/** GET /api/glossary/export. */
export const exportQuerySchema = z.object({ format: z.enum(EXCHANGE_FORMATS) });

/** POST /api/glossary/import: the file travels as JSON text (the API accepts only JSON). */
export const importQuerySchema = z.object({
  format: z.enum(EXCHANGE_FORMATS),
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});
export const importBodySchema = z.object({ content: z.string().max(5_000_000) }).strict();

/** POST /api/documents/:id/findings/accept. */
export const acceptFindingSchema = z
  .object({
    segmentId: z.number().int().positive(),
    check: z.enum(CHECK_IDS as [string, ...string[]]),
    key: z.string().min(1).max(500),
    reason: z.string().trim().min(1, 'say why the finding is accepted').max(2000),
  })
  .strict();

/** The review page's filters (query string). */
export const reviewQuerySchema = z.object({
  verdict: z.enum(['all', 'ok', 'missing', 'forbidden']).optional(),
  check: z.string().max(50).optional(),
  severity: z.enum(['all', 'error', 'warning']).optional(),
  varied: z.enum(['0', '1']).optional(),
  q: z.string().trim().max(200).optional(),
  entry: z.coerce.number().int().positive().optional(),
  tpage: z.coerce.number().int().min(1).max(1_000_000).optional(),
  fpage: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

/**
 * GET /api/documents/:id/consistency: `findings=all` also lists the glossary checks' findings
 * (by default they are the entries' missing/forbidden verdicts, not repeated); `view=summary`
 * gives the counts alone.
 */
export const consistencyQuerySchema = z.object({
  findings: z.enum(['other', 'all']).default('other'),
  view: z.enum(['full', 'summary']).default('full'),
});
