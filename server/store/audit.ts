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
