import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newSecret } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { prepare } from '../start.js';
import { createApiToken, revokeApiToken } from '../store/api-tokens.js';
import type { Db } from '../store/db.js';
import { findUserForSignIn } from '../store/users.js';

/** The running app, reachable as `call(method, path, body?)` with the given user's rights. */
export interface LocalApi {
  call(
    method: string,
    path: string,
    body?: { type: string; data: string | Buffer },
  ): Promise<Response>;
  db: Db;
  close(): Promise<void>;
}

/**
 * Serves the same app the server runs, on an ephemeral loopback port, for the CLI: every
 * command goes through the very routes, validation, roles and transactions a script using
 * the HTTP API would, acting as `username` with a token that lives only for this run.
 */
export async function openLocalApi(config: Config, username: string): Promise<LocalApi> {
  const { app, db } = await prepare({ ...config, seedCorpus: config.seedCorpus }, () => {});
  const user = await findUserForSignIn(db, username.toLowerCase());
  if (!user || !user.active) {
    await db.destroy();
    throw new Error(`No active user "${username}" in the database.`);
  }
  const token = newSecret('dz_');
  const { id: tokenId } = await createApiToken(db, {
    token,
    userId: user.id,
    name: 'cli',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    db,
    call: (method, path, body) =>
      fetch(base + path, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': body.type } : {}),
        },
        ...(body
          ? { body: typeof body.data === 'string' ? body.data : new Uint8Array(body.data) }
          : {}),
      }),
    async close() {
      await revokeApiToken(db, user.id, tokenId);
      await new Promise<void>((r) => server.close(() => r()));
      await db.destroy();
    },
  };
}
