import type { Segment } from '../domain/document/index.js';
import type { SegmentStatus } from '../domain/segment/index.js';
import { now, type Db } from './db.js';
import { reanchorAnnotations } from './annotations.js';
import { toSegment } from './documents.js';
import { groupCommit } from './group-commit.js';

/** Statuses that mean a person confirmed the pair. */
const CONFIRMED: ReadonlySet<SegmentStatus> = new Set(['translated', 'reviewed', 'approved']);

/** One segment by id. */
export async function getSegment(db: Db, id: number): Promise<Segment | undefined> {
  const row = await db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSegment(row);
}

/** A change to a segment's target and/or status, made against the version the author saw. */
export interface SegmentChange {
  id: number;
  target?: string;
  status?: SegmentStatus;
  /** The version the change was based on; the save fails when the segment has moved on. */
  expectedVersion: number;
  authorId: number | null;
  /** What made the change, recorded in the revision: edit, restore, import, replace… */
  kind: string;
  /**
   * Decides the change from the segment as it is inside the transaction (role checks, status
   * rules), instead of `target`/`status`; may throw to refuse, which writes nothing.
   */
  decide?: (current: Segment) => {
    target?: string | undefined;
    status?: SegmentStatus | undefined;
  };
}

export type SaveResult =
  | { ok: true; segment: Segment; changed: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; current: Segment };

/**
 * Saves a change with optimistic concurrency: the UPDATE only matches the expected version,
 * so two editors can never overwrite each other silently. Every accepted change bumps the
 * version, appends a revision and re-anchors the annotations on the English, in one
 * transaction. A change that alters nothing is accepted without a new version or revision.
 */
export async function saveSegment(db: Db, change: SegmentChange): Promise<SaveResult> {
  // Saves arriving together share one durable commit (group-commit.ts); each still runs alone
  // in its savepoint and is acknowledged only once committed.
  return groupCommit(db).run((trx) => applySegmentChange(trx, change));
}

/**
 * The body of `saveSegment` on a transaction the caller already holds (imports apply many
 * changes in one transaction: Kysely does not nest them).
 */
export async function applySegmentChange(
  trx: Db,
  change: SegmentChange,
  at: string = now(),
): Promise<SaveResult> {
  const current = await getSegment(trx, change.id);
  if (!current) return { ok: false, reason: 'not-found' } as const;
  if (current.version !== change.expectedVersion)
    return { ok: false, reason: 'conflict', current } as const;
  const decided = change.decide ? change.decide(current) : change;
  const target = decided.target ?? current.target;
  const status = decided.status ?? current.status;
  if (target === current.target && status === current.status) {
    return { ok: true, segment: current, changed: false } as const;
  }
  const row = await trx
    .updateTable('segments')
    .set({
      target,
      status,
      version: current.version + 1,
      updated_by: change.authorId,
      updated_at: at,
      // Confirming a pair (translated or beyond) settles an alignment the aligner doubted.
      ...(status !== current.status && CONFIRMED.has(status)
        ? { align_check: 0, align_note: '' }
        : {}),
    })
    .where('id', '=', change.id)
    .where('version', '=', change.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const latest = await getSegment(trx, change.id);
    return latest
      ? ({ ok: false, reason: 'conflict', current: latest } as const)
      : ({ ok: false, reason: 'not-found' } as const);
  }
  await trx
    .insertInto('revisions')
    .values({
      segment_id: row.id,
      version: row.version,
      target,
      status,
      kind: change.kind,
      author_id: change.authorId,
      created_at: at,
    })
    .execute();
  await reanchorAnnotations(trx, row.id, 'target', current.target, target);
  // The document's "updated" time is derived from its segments (documents.ts): no extra write here.
  return { ok: true, segment: toSegment(row), changed: true } as const;
}
