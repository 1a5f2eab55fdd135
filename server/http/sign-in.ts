import { verifyPassword, DUMMY_HASH_PROMISE } from '../auth/password.js';
import type { User } from '../domain/document/index.js';
import type { Db } from '../store/db.js';
import { findUserForSignIn } from '../store/users.js';

/**
 * Checks a username and password. Unknown users still cost one scrypt verification, so the
 * response time does not reveal which usernames exist; inactive users cannot sign in.
 */
export async function checkCredentials(
  db: Db,
  username: string,
  password: string,
): Promise<User | undefined> {
  const user = await findUserForSignIn(db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok || !user.active) return undefined;
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}
