/**
 * The in-memory bearer-token cache (server/store/api-tokens.ts) must never outlive a change:
 * each case first uses the token twice (so that it is cached), changes something, and expects
 * the very next request to see the change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { hashSecret } from '../../server/auth/tokens.js';
import { createApiToken, findUserByApiToken } from '../../server/store/api-tokens.js';
import { authGeneration, openDb, type Db } from '../../server/store/db.js';
import { migrate } from '../../server/store/migrate.js';
import { createUser, setUserActive } from '../../server/store/users.js';
import { adminToken, makeApp, userToken } from '../helpers.js';

let app: Express;
let db: Db;
let admin: Record<string, string>;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

async function warm(token: string) {
  for (let i = 0; i < 3; i++) await request(app).get('/api/me').set(bearer(token)).expect(200);
}

beforeEach(async () => {
  ({ app, db } = await makeApp({ seedCorpus: false }));
  admin = bearer(await adminToken(app));
});

describe('bearer-token cache', () => {
  it('a revoked token gets 401 on the very next request', async () => {
    const token = await userToken(app, db, 'translator');
    await warm(token);
    const list = await request(app).get('/api/me/tokens').set(bearer(token)).expect(200);
    const id = list.body.tokens[0].id as number;
    await request(app).delete(`/api/me/tokens/${id}`).set(bearer(token)).expect(204);
    await request(app).get('/api/me').set(bearer(token)).expect(401);
  });

  it('a deactivated user gets 401 on the very next request', async () => {
    const token = await userToken(app, db, 'translator');
    await warm(token);
    const id = (await request(app).get('/api/me').set(bearer(token))).body.user.id as number;
    await request(app).patch(`/api/users/${id}`).set(admin).send({ active: false }).expect(200);
    await request(app).get('/api/me').set(bearer(token)).expect(401);
  });

  it('a deactivation written straight to the store is seen at once too', async () => {
    const token = await userToken(app, db, 'reviewer');
    await warm(token);
    const id = (await request(app).get('/api/me').set(bearer(token))).body.user.id as number;
    await setUserActive(db, id, false);
    await request(app).get('/api/me').set(bearer(token)).expect(401);
  });

  it('a role change applies to the very next request', async () => {
    const token = await userToken(app, db, 'admin', 'second-admin');
    await warm(token);
    await request(app).get('/api/users').set(bearer(token)).expect(200);
    const id = (await request(app).get('/api/me').set(bearer(token))).body.user.id as number;
    await request(app).patch(`/api/users/${id}`).set(admin).send({ role: 'translator' });
    await request(app).get('/api/users').set(bearer(token)).expect(403);
    const me = await request(app).get('/api/me').set(bearer(token)).expect(200);
    expect(me.body.user.role).toBe('translator');
  });

  it('a password change is seen at once (the cache is dropped)', async () => {
    const token = await userToken(app, db, 'translator', 'pw-user');
    await warm(token);
    const before = authGeneration(db);
    await request(app)
      .post('/api/me/password')
      .set(bearer(token))
      .send({ currentPassword: 'translator-password', newPassword: 'a brand new long secret' })
      .expect((r) => expect([200, 204]).toContain(r.status));
    expect(authGeneration(db)).not.toBe(before);
  });

  it('reads do not change the generation (so the hot path stays cached)', async () => {
    const before = authGeneration(db);
    await db.selectFrom('users').select('id').execute();
    expect(authGeneration(db)).toBe(before);
  });
});

describe('bearer-token cache across connections', () => {
  it('a deactivation by another process (another connection) is seen at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duizhao-token-cache-'));
    const file = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const server = openDb(file);
    await migrate(server);
    const { id } = await createUser(server, {
      username: 'remote',
      displayName: 'Remote',
      role: 'translator',
      passwordHash: hashSecret('unused'),
    });
    await createApiToken(server, { token: 'tok-remote', userId: id, name: 't', expiresAt: null });
    for (let i = 0; i < 3; i++)
      expect(await findUserByApiToken(server, 'tok-remote')).toBeDefined();
    const cli = openDb(file);
    await setUserActive(cli, id, false);
    expect(await findUserByApiToken(server, 'tok-remote')).toBeUndefined();
    await cli.destroy();
    await server.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
