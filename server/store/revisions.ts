import type { SegmentStatus } from '../domain/segment/index.js';
import type { Db } from './db.js';

/** One accepted change of a segment, as history shows it. */
export interface Revision {
  id: number;
  segmentId: number;
  version: number;
  target: string;
  source: string | null;
  status: SegmentStatus;
  kind: string;
  author: { id: number; username: string; displayName: string } | null;
  createdAt: string;
}

/** A segment's history, newest first. */
export async function listRevisions(db: Db, segmentId: number): Promise<Revision[]> {
  const rows = await db
    .selectFrom('revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .selectAll('r')
    .select(['u.username', 'u.display_name'])
    .where('r.segment_id', '=', segmentId)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    segmentId: r.segment_id,
    version: r.version,
    target: r.target,
    source: r.source,
    status: r.status,
    kind: r.kind,
    author:
      r.author_id === null || r.username === null
        ? null
        : { id: r.author_id, username: r.username, displayName: r.display_name ?? r.username },
    createdAt: r.created_at,
  }));
}

/** One revision of a given segment. */
export async function getRevision(
  db: Db,
  segmentId: number,
  revisionId: number,
): Promise<Revision | undefined> {
  return (await listRevisions(db, segmentId)).find((r) => r.id === revisionId);
}
