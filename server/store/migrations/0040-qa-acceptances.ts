import { sql, type Kysely, type Migration } from 'kysely';
import { tableOptions } from './table-options.js';

/**
 * QA findings a reviewer accepted (a number written out on purpose, a deliberate variant): who,
 * when and why, keyed by segment, check id and the finding's key so the finding stops showing.
 */
export const qaAcceptances: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('qa_acceptances')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('segment_id', 'integer', (c) =>
        c.notNull().references('segments.id').onDelete('cascade'),
      )
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('finding_key', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) > 0`))
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('qa_acceptances_finding', ['segment_id', 'check_id', 'finding_key'])
      .modifyEnd(tableOptions(db))
      .execute();
  },
};
