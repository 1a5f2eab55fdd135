import { z } from 'zod';
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  VARIANTS,
  type Variant,
} from '../../domain/exchange/index.js';
import { SEGMENT_STATUSES } from '../../domain/segment/index.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A BCP 47 language tag of the simple kind documents use (zh-CN, zh-Hant-TW, en). */
export const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a language tag such as zh-CN or en');

/** `GET /api/documents/:id/export` */
export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS as [string, ...string[]]),
  variant: z.enum(Object.keys(VARIANTS) as [Variant, ...Variant[]]).optional(),
  /** Comma-separated statuses to include (repeating the parameter works too); all by default. */
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''),
    )
    .pipe(z.array(z.enum(SEGMENT_STATUSES)).min(1))
    .optional(),
  granularity: z.enum(['paragraph', 'sentence']).default('paragraph'),
  side: z.enum(['source', 'target']).default('target'),
  layout: z.enum(['bilingual', 'target']).default('bilingual'),
  bom: flag.default(false),
  /** Annotations as notes (TMX, XLIFF); on by default. */
  notes: flag.default(true),
});

/** `POST /api/documents/import` and `POST /api/documents/:id/import` */
export const importQuery = z.object({
  format: z.enum(IMPORT_FORMATS as [string, ...string[]]),
  /** Report what would happen without writing anything. */
  dryRun: flag.default(false),
  /** Title of a document created from the file (else the file's own, else `name`'s). */
  title: z.string().trim().min(1).max(300).optional(),
  /** The uploaded file's name: without its extension, the title of last resort. */
  name: z.string().trim().min(1).max(300).optional(),
});

/** `POST /api/documents` */
export const createDocumentBody = z.object({
  title: z.string().trim().min(1).max(300),
  sourceLang: languageTag.default('zh-CN'),
  targetLang: languageTag.default('en'),
  source: z.string().refine((s) => s.trim() !== '', 'must contain text'),
  target: z.string().optional(),
});
