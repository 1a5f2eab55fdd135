import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Row types of every table, as Kysely sees them. Times are ISO-8601 UTC strings and booleans
 * are 0/1 integers, so the same rows fit SQLite STRICT tables and PostgreSQL alike.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  documents: DocumentsTable;
  segments: SegmentsTable;
  revisions: RevisionsTable;
  glossary_entries: GlossaryEntriesTable;
  annotations: AnnotationsTable;
  annotation_replies: AnnotationRepliesTable;
  audit_events: AuditEventsTable;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'admin' | 'translator' | 'reviewer';
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface DocumentsTable {
  id: Generated<number>;
  title: string;
  source_lang: string;
  target_lang: string;
  created_at: string;
  updated_at: string;
}

export interface SegmentsTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  source: string;
  target: string;
  status: 'new' | 'draft' | 'translated' | 'reviewed' | 'approved';
  version: number;
  updated_by: number | null;
  updated_at: string;
  /** 1 when the aligner flagged the pair for a person to check (migration 0050). */
  align_check: ColumnType<number, number | undefined, number>;
  /** Why it was flagged, e.g. "2-1 · 0.42"; empty otherwise. */
  align_note: ColumnType<string, string | undefined, string>;
}

export interface RevisionsTable {
  id: Generated<number>;
  segment_id: number;
  version: number;
  target: string;
  /** The source after this change, when the change touched it (split, merge); else null. */
  source: string | null;
  status: SegmentsTable['status'];
  /** What made the change: edit, restore, import, split, merge, seed. */
  kind: string;
  author_id: number | null;
  created_at: string;
}

export interface GlossaryEntriesTable {
  id: Generated<number>;
  source: string;
  target: string;
  /** JSON array of strings. */
  alternatives: string;
  /** JSON array of strings. */
  forbidden: string;
  note: string;
  case_sensitive: number;
  domain: string;
  created_at: string;
  updated_at: string;
}

export interface AnnotationsTable {
  id: Generated<number>;
  segment_id: number;
  side: 'source' | 'target';
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  category: string;
  severity: 'minor' | 'major' | 'critical';
  body: string;
  status: 'open' | 'resolved';
  orphaned: number;
  author_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface AnnotationRepliesTable {
  id: Generated<number>;
  annotation_id: number;
  author_id: number | null;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON object with what changed. */
  details: string;
}

export type UserRow = Selectable<UsersTable>;
export type SegmentRow = Selectable<SegmentsTable>;
