import type { Kysely, Migration } from 'kysely';

/**
 * Revisions record the source text too when a change touches it (split and merge change
 * segmentation); NULL means the source was unchanged by that revision.
 */
export const revisionSource: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('revisions').addColumn('source', 'text').execute();
  },
};
