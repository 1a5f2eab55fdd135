import { hashSecret } from '../auth/tokens.js';
import type { User } from '../domain/document/index.js';
import { now, type Db } from './db.js';
import { toUser } from './users.js';

/** A live browser session and its user. */
export interface SessionInfo {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

/** Stores a session under the hash of its cookie value. */
export async function createSession(
  db: Db,
  input: { cookieValue: string; userId: number; csrfToken: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: hashSecret(input.cookieValue),
      user_id: input.userId,
      csrf_token: input.csrfToken,
      created_at: now(),
      expires_at: input.expiresAt,
    })
    .execute();
}

/** The session for a cookie value, if it exists, has not expired and its user is active. */
export async function findSession(db: Db, cookieValue: string): Promise<SessionInfo | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.active',
      'sessions.csrf_token',
      'sessions.expires_at',
    ])
    .where('sessions.id', '=', hashSecret(cookieValue))
    .where('sessions.expires_at', '>', now())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return row && { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, cookieValue: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashSecret(cookieValue)).execute();
}

/** Removes expired sessions; called now and then, not on the request path. */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
