import { now, type Db } from './db.js';

/** One entry of the audit log: who did what to which entity. */
export interface AuditEvent {
  userId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; call in the same transaction as the change it records. */
export async function recordAudit(db: Db, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: now(),
      user_id: e.userId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : String(e.entityId),
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

/** Filters for the audit log; all optional. */
export interface AuditQuery {
  userId?: number | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  /** Return events with an id below this (paging backwards in time). */
  before?: number | undefined;
}

/** Audit events, newest first, with the user's name. */
export async function listAudit(db: Db, q: AuditQuery) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.id',
      'e.at',
      'e.user_id',
      'u.username',
      'e.action',
      'e.entity_type',
      'e.entity_id',
      'e.details',
    ])
    .orderBy('e.id', 'desc')
    .limit(q.limit);
  if (q.userId !== undefined) query = query.where('e.user_id', '=', q.userId);
  if (q.action) query = query.where('e.action', '=', q.action);
  if (q.entityType) query = query.where('e.entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('e.entity_id', '=', q.entityId);
  if (q.since) query = query.where('e.at', '>=', q.since);
  if (q.until) query = query.where('e.at', '<=', q.until);
  if (q.before) query = query.where('e.id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: r.user_id === null ? null : { id: r.user_id, username: r.username ?? '?' },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
