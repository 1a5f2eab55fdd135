import { z } from 'zod';

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

const term = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** Validation of an entry's fields, shared by the corpus loader, the API and imports. */
export const glossaryEntryInputSchema = z.object({
  source: term,
  target: term,
  alternatives: z.array(term).max(50).default([]),
  forbidden: z.array(term).max(50).default([]),
  note: z.string().max(4000).default(''),
  caseSensitive: z.boolean().default(false),
  domain: z.string().trim().max(100).default(''),
});
