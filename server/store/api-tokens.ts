import { hashSecret } from '../auth/tokens.js';
import type { User } from '../domain/document/index.js';
import { authGeneration, now, type Db } from './db.js';
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

interface CachedToken {
  user: User;
  tokenId: number;
  expiresAt: number;
  lastUsedAt: number;
  generation: string;
}

/** Most tokens remembered per database; beyond it the cache starts again. */
const TOKEN_CACHE_SIZE = 1000;
/** `last_used_at` is written at most this often per token. */
const LAST_USED_EVERY_MS = 60_000;
const tokenCache = new WeakMap<Db, Map<string, CachedToken>>();

/**
 * The active user a bearer token belongs to, if the token is live; records its use.
 *
 * Remembered in memory per token hash, because this lookup was ~8 % of the server's CPU under
 * autosave load (a join built by Kysely on every API request). An entry is used only while
 * `authGeneration` is unchanged, i.e. no statement has written users or api_tokens on this
 * connection and no other connection has committed: a revoked token, a deactivated user, a
 * changed role or password is seen on the very next request. Expiry is checked on every use.
 */
export async function findUserByApiToken(db: Db, token: string): Promise<User | undefined> {
  const hash = hashSecret(token);
  const generation = authGeneration(db);
  const cache = tokenCache.get(db);
  const hit = cache?.get(hash);
  const nowMs = Date.now();
  if (
    hit &&
    generation !== undefined &&
    hit.generation === generation &&
    nowMs < hit.expiresAt &&
    nowMs - hit.lastUsedAt <= LAST_USED_EVERY_MS
  )
    return { ...hit.user };
  const found = await lookUpToken(db, hash);
  if (!found) {
    cache?.delete(hash);
    return undefined;
  }
  // Stored only if nothing that could change the answer ran since `generation` was read
  // before the lookup (other requests' statements can run between our awaits). A lookup that
  // wrote last_used_at changed it too: the next request stores the entry instead.
  if (generation !== undefined && authGeneration(db) === generation) {
    let map = tokenCache.get(db);
    if (!map) tokenCache.set(db, (map = new Map()));
    if (map.size >= TOKEN_CACHE_SIZE) map.clear();
    map.set(hash, { ...found, generation });
  }
  return found.user;
}

async function lookUpToken(db: Db, hash: string) {
  const at = now();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at',
      'api_tokens.expires_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.active',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', at)]),
    )
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  // Record use at most once a minute: a write (and its fsync) per request would halve throughput.
  let lastUsedAt = row.last_used_at ? Date.parse(row.last_used_at) : 0;
  if (Date.parse(at) - lastUsedAt > LAST_USED_EVERY_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', row.token_id)
      .execute();
    lastUsedAt = Date.parse(at);
  }
  return {
    user: toUser(row),
    tokenId: row.token_id,
    expiresAt: row.expires_at ? Date.parse(row.expires_at) : Infinity,
    lastUsedAt,
  };
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
