import { sql } from 'kysely';
import type { Segment } from '../domain/document/index.js';
import { mergePairs, splitPair } from '../domain/segment/index.js';
import { now, type Db } from './db.js';
import { toSegment } from './documents.js';
import { getSegment } from './segments.js';

export type AlignResult =
  | { ok: true; segments: Segment[] }
  | { ok: false; reason: 'not-found' | 'no-next' }
  | { ok: false; reason: 'conflict'; current: Segment };

/**
 * Moves every segment of a document after `position` by `delta` (+1 or -1). SQLite checks the
 * UNIQUE (document_id, position) constraint row by row, so a plain `position + 1` can collide
 * half-way; going through negative numbers first cannot.
 */
async function shiftPositions(
  db: Db,
  documentId: number,
  after: number,
  delta: 1 | -1,
): Promise<void> {
  await db
    .updateTable('segments')
    .set({ position: sql`-(position + ${delta})` })
    .where('document_id', '=', documentId)
    .where('position', '>', after)
    .execute();
  await db
    .updateTable('segments')
    .set({ position: sql`-position` })
    .where('document_id', '=', documentId)
    .where('position', '<', 0)
    .execute();
}

async function addRevision(db: Db, s: Segment, kind: string, authorId: number | null, at: string) {
  await db
    .insertInto('revisions')
    .values({
      segment_id: s.id,
      version: s.version,
      target: s.target,
      source: s.source,
      status: s.status,
      kind,
      author_id: authorId,
      created_at: at,
    })
    .execute();
}

/**
 * Splits a paragraph pair in two at the given offsets (already checked by the domain). The
 * second half becomes a new segment right after the first; annotations move with their text
 * (offsets rebased), and one that straddles the split point stays on the first half, marked
 * orphaned so a reviewer re-anchors it. Call inside a transaction.
 */
export async function splitSegment(
  db: Db,
  input: {
    id: number;
    sourceOffset: number;
    targetOffset: number;
    expectedVersion?: number;
    authorId: number | null;
  },
): Promise<AlignResult> {
  const seg = await getSegment(db, input.id);
  if (!seg) return { ok: false, reason: 'not-found' } as const;
  if (input.expectedVersion !== undefined && input.expectedVersion !== seg.version) {
    return { ok: false, reason: 'conflict', current: seg } as const;
  }
  const [first, second] = splitPair(seg, input);
  const at = now();
  await shiftPositions(db, seg.documentId, seg.position, 1);
  const updated = await db
    .updateTable('segments')
    .set({
      ...first,
      version: seg.version + 1,
      updated_by: input.authorId,
      updated_at: at,
      align_check: 0,
      align_note: '',
    })
    .where('id', '=', seg.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = await db
    .insertInto('segments')
    .values({
      document_id: seg.documentId,
      position: seg.position + 1,
      ...second,
      status: seg.status,
      version: 1,
      updated_by: input.authorId,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const cuts = { source: input.sourceOffset, target: input.targetOffset };
  for (const side of ['source', 'target'] as const) {
    const cut = cuts[side];
    await db
      .updateTable('annotations')
      .set({
        segment_id: created.id,
        start: sql`start - ${cut}`,
        end: sql`"end" - ${cut}`,
        updated_at: at,
      })
      .where('segment_id', '=', seg.id)
      .where('side', '=', side)
      .where('start', '>=', cut)
      .execute();
    await db
      .updateTable('annotations')
      .set({ orphaned: 1, updated_at: at })
      .where('segment_id', '=', seg.id)
      .where('side', '=', side)
      .where('start', '<', cut)
      .where('end', '>', cut)
      .execute();
  }
  const segments = [toSegment(updated), toSegment(created)];
  for (const s of segments) await addRevision(db, s, 'split', input.authorId, at);
  await db
    .updateTable('documents')
    .set({ updated_at: at })
    .where('id', '=', seg.documentId)
    .execute();
  return { ok: true, segments } as const;
}

/**
 * Merges a paragraph pair with the next one: both sides joined (see `joiner`), the next
 * segment's annotations moved over with rebased offsets, the next segment removed and the
 * positions after it closed up. The merged revision records both former texts' sum; the
 * caller audits the removed segment. Call inside a transaction.
 */
export async function mergeWithNext(
  db: Db,
  input: { id: number; expectedVersion?: number; authorId: number | null },
): Promise<AlignResult & { removed?: Segment }> {
  const seg = await getSegment(db, input.id);
  if (!seg) return { ok: false, reason: 'not-found' } as const;
  if (input.expectedVersion !== undefined && input.expectedVersion !== seg.version) {
    return { ok: false, reason: 'conflict', current: seg } as const;
  }
  const nextRow = await db
    .selectFrom('segments')
    .selectAll()
    .where('document_id', '=', seg.documentId)
    .where('position', '=', seg.position + 1)
    .executeTakeFirst();
  if (!nextRow) return { ok: false, reason: 'no-next' } as const;
  const next = toSegment(nextRow);
  const merged = mergePairs(seg, next);
  const at = now();
  const shifts = { source: merged.sourceShift, target: merged.targetShift };
  for (const side of ['source', 'target'] as const) {
    await db
      .updateTable('annotations')
      .set({
        segment_id: seg.id,
        start: sql`start + ${shifts[side]}`,
        end: sql`"end" + ${shifts[side]}`,
        updated_at: at,
      })
      .where('segment_id', '=', next.id)
      .where('side', '=', side)
      .execute();
  }
  // The less advanced status wins: a merged paragraph is only as done as its weakest half.
  const order = ['new', 'draft', 'translated', 'reviewed', 'approved'] as const;
  const status = order[Math.min(order.indexOf(seg.status), order.indexOf(next.status))] ?? 'draft';
  await db.deleteFrom('segments').where('id', '=', next.id).execute();
  await shiftPositions(db, seg.documentId, next.position, -1);
  const updated = await db
    .updateTable('segments')
    .set({
      source: merged.source,
      target: merged.target,
      status,
      version: seg.version + 1,
      updated_by: input.authorId,
      updated_at: at,
      // Re-cut by a person: whatever the aligner doubted is settled.
      align_check: 0,
      align_note: '',
    })
    .where('id', '=', seg.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const result = toSegment(updated);
  await addRevision(db, result, 'merge', input.authorId, at);
  await db
    .updateTable('documents')
    .set({ updated_at: at })
    .where('id', '=', seg.documentId)
    .execute();
  return { ok: true, segments: [result], removed: next } as const;
}
