import type { Role, User } from '../domain/document/index.js';
import { now, type Db } from './db.js';
import type { UserRow } from './schema.js';

/** A user with the stored password hash, for sign-in only. */
export interface UserWithHash extends User {
  passwordHash: string;
}

export function toUser(
  row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'active'>,
): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
  };
}

/** Creates a user; the caller hashes the password. */
export async function createUser(
  db: Db,
  input: { username: string; displayName: string; role: Role; passwordHash: string },
): Promise<User> {
  const at = now();
  const row = await db
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: input.passwordHash,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Finds a user by username (exact, as usernames are stored lower-case). */
export async function findUserForSignIn(
  db: Db,
  username: string,
): Promise<UserWithHash | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Activates or deactivates a user; a deactivated user's sessions and tokens stop working. */
export async function setUserActive(db: Db, id: number, active: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ active: active ? 1 : 0, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

/** Every user, by username. */
export async function listUsers(
  db: Db,
): Promise<(User & { createdAt: string; updatedAt: string })[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((r) => ({ ...toUser(r), createdAt: r.created_at, updatedAt: r.updated_at }));
}

export async function getUser(db: Db, id: number): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

/** Changes a user's profile, role or password hash. */
export async function updateUser(
  db: Db,
  id: number,
  change: Partial<{ displayName: string; role: Role; passwordHash: string; active: boolean }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

/** Ends every browser session of a user (after a password reset or deactivation). */
export async function deleteUserSessions(
  db: Db,
  userId: number,
  exceptCookieHash?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptCookieHash) q = q.where('id', '!=', exceptCookieHash);
  await q.execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
