import { z } from 'zod';
import { toSimplified } from './script-variants.js';

/** A termbase entry (TBX: preferred / admitted / deprecated terms). */
export interface GlossaryEntry {
  id: number;
  /** The source term as written in Chinese (or Latin script for acronyms such as BIS). */
  source: string;
  /** Preferred English rendering. */
  target: string;
  /** Admitted renderings. */
  alternatives: string[];
  /** Deprecated renderings that must not appear in a translation. */
  forbidden: string[];
  note: string;
  /** Match the source (and renderings) only with the same letter case. */
  caseSensitive: boolean;
  /** Subject field, free text such as `AI` or `law-policy`. */
  domain: string;
}

export type GlossaryEntryInput = Omit<GlossaryEntry, 'id'>;

/** One term: trimmed, 1–200 characters. */
export const termSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

// A list item may not contain "|": CSV exchange joins lists with it.
export const listItemSchema = termSchema.refine((s) => !s.includes('|'), 'must not contain "|"');

/** Validation of an entry's fields, shared by the corpus loader, the API and imports. */
export const glossaryEntryInputSchema = z.object({
  source: termSchema,
  target: termSchema,
  alternatives: z.array(listItemSchema).max(50).default([]),
  forbidden: z.array(listItemSchema).max(50).default([]),
  note: z.string().max(4000).default(''),
  caseSensitive: z.boolean().default(false),
  domain: z.string().trim().max(100).default(''),
});

/**
 * The key that makes two sources the same term: Simplified script and lower case, so 模型權重
 * duplicates 模型权重 and "bis" duplicates "BIS".
 */
export function sourceKey(source: string): string {
  return toSimplified(source.trim()).toLowerCase();
}

/** Whether two entries say the same thing (ids and timestamps aside). */
export function sameEntry(a: GlossaryEntryInput, b: GlossaryEntryInput): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.note === b.note &&
    a.caseSensitive === b.caseSensitive &&
    a.domain === b.domain &&
    a.alternatives.join('\u0000') === b.alternatives.join('\u0000') &&
    a.forbidden.join('\u0000') === b.forbidden.join('\u0000')
  );
}
