import type { Kysely, Migration } from 'kysely';

/**
 * Paragraph pairs the aligner was unsure of (a merged bead, a one-sided pair, a low length
 * fit) are flagged for a person to check, with a short note of why ("2-1 · 0.42"); the flag
 * clears once someone confirms the pair (marks it translated or beyond) or re-cuts it.
 */
export const alignmentCheck: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('segments')
      .addColumn('align_check', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('segments')
      .addColumn('align_note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  },
};
