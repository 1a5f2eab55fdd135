import { sql, type Kysely, type Migration } from 'kysely';
import { tableOptions } from './table-options.js';

/** The first schema: every table the foundation needs. */
export const initial: Migration = {
  async up(db: Kysely<any>) {
    const end = tableOptions(db);
    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('admin', 'translator', 'reviewer')`),
      )
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) =>
        c.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('user_id', 'integer', (c) =>
        c.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .modifyEnd(end)
      .execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source_lang', 'text', (c) => c.notNull())
      .addColumn('target_lang', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();

    await db.schema
      .createTable('segments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('document_id', 'integer', (c) =>
        c.notNull().references('documents.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('new')
          .check(sql`status in ('new', 'draft', 'translated', 'reviewed', 'approved')`),
      )
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('segments_document_position', ['document_id', 'position'])
      .modifyEnd(end)
      .execute();

    await db.schema
      .createTable('revisions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('segment_id', 'integer', (c) =>
        c.notNull().references('segments.id').onDelete('cascade'),
      )
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();
    await db.schema
      .createIndex('revisions_segment')
      .on('revisions')
      .columns(['segment_id', 'version'])
      .execute();

    await db.schema
      .createTable('glossary_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('source', 'text', (c) => c.notNull().unique())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('alternatives', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('forbidden', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('case_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('domain', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();

    await db.schema
      .createTable('annotations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('segment_id', 'integer', (c) =>
        c.notNull().references('segments.id').onDelete('cascade'),
      )
      .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('source', 'target')`))
      .addColumn('start', 'integer', (c) => c.notNull())
      .addColumn('end', 'integer', (c) => c.notNull())
      .addColumn('exact', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('suffix', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) =>
        c.notNull().check(sql`severity in ('minor', 'major', 'critical')`),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'resolved')`),
      )
      .addColumn('orphaned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();
    await db.schema
      .createIndex('annotations_segment')
      .on('annotations')
      .column('segment_id')
      .execute();

    await db.schema
      .createTable('annotation_replies')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('annotation_id', 'integer', (c) =>
        c.notNull().references('annotations.id').onDelete('cascade'),
      )
      .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(end)
      .execute();
    await db.schema
      .createIndex('annotation_replies_annotation')
      .on('annotation_replies')
      .column('annotation_id')
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
      .modifyEnd(end)
      .execute();
    await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  },
};
