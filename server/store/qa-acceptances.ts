import { now, type Db } from './db.js';

/** The table this module owns, typed locally (see migrations/0040-qa-acceptances.ts). */
interface QaAcceptancesTable {
  id: number;
  segment_id: number;
  check_id: string;
  finding_key: string;
  reason: string;
  user_id: number | null;
  created_at: string;
}

/** A QA finding a reviewer accepted, with who and why. */
export interface QaAcceptance {
  id: number;
  segmentId: number;
  check: string;
  key: string;
  reason: string;
  user: { id: number; username: string; displayName: string } | null;
  createdAt: string;
}

const withTable = (db: Db) => db.withTables<{ qa_acceptances: QaAcceptancesTable }>();

/** Every acceptance on the segments of a document. */
export async function listDocumentAcceptances(db: Db, documentId: number): Promise<QaAcceptance[]> {
  const rows = await withTable(db)
    .selectFrom('qa_acceptances as a')
    .innerJoin('segments as s', 's.id', 'a.segment_id')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.segment_id',
      'a.check_id',
      'a.finding_key',
      'a.reason',
      'a.created_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
    ])
    .where('s.document_id', '=', documentId)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    segmentId: r.segment_id,
    check: r.check_id,
    key: r.finding_key,
    reason: r.reason,
    user:
      r.user_id == null
        ? null
        : { id: r.user_id, username: r.username ?? '', displayName: r.display_name ?? '' },
    createdAt: r.created_at,
  }));
}

/** Records an acceptance (or replaces the reason of an existing one); returns its id. */
export async function acceptFinding(
  db: Db,
  a: { segmentId: number; check: string; key: string; reason: string; userId: number | null },
): Promise<number> {
  const row = await withTable(db)
    .insertInto('qa_acceptances')
    .values({
      segment_id: a.segmentId,
      check_id: a.check,
      finding_key: a.key,
      reason: a.reason,
      user_id: a.userId,
      created_at: now(),
    } as QaAcceptancesTable)
    .onConflict((oc) =>
      oc
        .columns(['segment_id', 'check_id', 'finding_key'])
        .doUpdateSet({ reason: a.reason, user_id: a.userId, created_at: now() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One acceptance with its document id, or undefined. */
export async function getAcceptance(db: Db, id: number) {
  return withTable(db)
    .selectFrom('qa_acceptances as a')
    .innerJoin('segments as s', 's.id', 'a.segment_id')
    .select(['a.id', 'a.segment_id', 'a.check_id', 'a.finding_key', 's.document_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** Withdraws an acceptance: the finding shows again. */
export async function deleteAcceptance(db: Db, id: number): Promise<boolean> {
  const r = await withTable(db)
    .deleteFrom('qa_acceptances')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
