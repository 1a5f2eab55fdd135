import { hashSecret } from '../auth/tokens.js';
import type { User } from '../domain/document/index.js';
import { now, type Db } from './db.js';
import { toUser } from './users.js';

/** Stores a new API token (its hash only) for a user. */
export async function createApiToken(
  db: Db,
  input: { token: string; userId: number; name: string; expiresAt: string | null },
): Promise<{ id: number }> {
  return db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      token_hash: hashSecret(input.token),
      name: input.name,
      created_at: now(),
      expires_at: input.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The active user a bearer token belongs to, if the token is live; records its use. */
export async function findUserByApiToken(db: Db, token: string): Promise<User | undefined> {
  const at = now();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.active',
    ])
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', at)]),
    )
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  // Record use at most once a minute: a write (and its fsync) per request would halve throughput.
  if (!row.last_used_at || Date.parse(at) - Date.parse(row.last_used_at) > 60_000) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', row.token_id)
      .execute();
  }
  return toUser(row);
}

/** A user's API tokens (never the secrets), newest first. */
export async function listApiTokens(db: Db, userId: number) {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of a user's tokens; false when the user has no such live token. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
