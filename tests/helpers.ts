import request from 'supertest';
import type { Express } from 'express';
import { testConfig, type Config } from '../server/config.js';
import { prepare } from '../server/start.js';
import type { Db } from '../server/store/db.js';
import { hashPassword } from '../server/auth/password.js';
import type { Role } from '../server/domain/document/index.js';
import { createUser, findUserForSignIn } from '../server/store/users.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** A fresh app on an in-memory database, seeded with the corpus unless told otherwise. */
export async function makeApp(overrides: Partial<Config> = {}): Promise<{ app: Express; db: Db }> {
  const { app, db } = await prepare(testConfig(overrides), () => {});
  return { app, db };
}

/** A bearer token for the admin account. */
export async function adminToken(app: Express): Promise<string> {
  const res = await request(app)
    .post('/api/tokens')
    .send({ username: 'admin', password: ADMIN_PASSWORD })
    .expect(201);
  return (res.body as { token: string }).token;
}

/** Signs in through the real form (CSRF cookie and field included); returns the agent and the session's CSRF token. */
export async function signInAgent(app: Express, username = 'admin', password = ADMIN_PASSWORD) {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error('no CSRF field on /login');
  await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrf, next: '/' })
    .expect(303);
  const home = await agent.get('/').expect(200);
  const sessionCsrf = /<meta name="csrf-token" content="([^"]+)"/.exec(home.text)?.[1];
  if (!sessionCsrf) throw new Error('no csrf-token meta after sign-in');
  return { agent, csrf: sessionCsrf };
}

/** Creates a user with a role (password `<role>-password`) and returns a bearer token for it. */
export async function userToken(
  app: Express,
  db: Db,
  role: Role,
  username: string = role,
): Promise<string> {
  const password = `${role}-password`;
  if (!(await findUserForSignIn(db, username))) {
    await createUser(db, {
      username,
      displayName: username,
      role,
      passwordHash: await hashPassword(password),
    });
  }
  const res = await request(app).post('/api/tokens').send({ username, password }).expect(201);
  return (res.body as { token: string }).token;
}
