import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../server/store/db.js';
import { adminToken, makeApp, signInAgent, userToken } from '../helpers.js';

let app: Express;
let db: Db;
let admin: Record<string, string>;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeEach(async () => {
  ({ app, db } = await makeApp({ seedCorpus: false }));
  admin = bearer(await adminToken(app));
});

describe('accounts', () => {
  it('creates a user who can then sign in with the given role', async () => {
    const res = await request(app)
      .post('/api/users')
      .set(admin)
      .send({
        username: 'Mei.Lin',
        password: 'a long enough secret',
        role: 'translator',
        displayName: 'Mei Lin',
      })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'mei.lin', role: 'translator', active: true });
    const token = await request(app)
      .post('/api/tokens')
      .send({ username: 'mei.lin', password: 'a long enough secret' })
      .expect(201);
    const me = await request(app).get('/api/me').set(bearer(token.body.token)).expect(200);
    expect(me.body.user.role).toBe('translator');
    const list = await request(app).get('/api/users').set(admin).expect(200);
    expect(list.body.users.map((u: { username: string }) => u.username)).toContain('mei.lin');
    expect(JSON.stringify(list.body)).not.toMatch(/hash|scrypt/i);
  });

  it.each([
    [{ username: 'ab', password: 'short', role: 'translator' }, 'password'],
    [{ username: 'writer', password: 'writer-is-my-password', role: 'translator' }, 'password'],
    [{ username: 'x', password: 'a long enough secret', role: 'translator' }, 'username'],
    [{ username: '../etc', password: 'a long enough secret', role: 'translator' }, 'username'],
    [{ username: 'ok_name', password: 'a long enough secret', role: 'owner' }, 'role'],
    [{ username: 'ok_name', password: 'aaaaaaaaaaaa', role: 'translator' }, 'password'],
  ])('refuses %j', async (body, field) => {
    const res = await request(app).post('/api/users').set(admin).send(body).expect(400);
    expect(JSON.stringify(res.body.error)).toContain(field);
  });

  it('refuses a taken username with 409', async () => {
    await request(app)
      .post('/api/users')
      .set(admin)
      .send({ username: 'admin', password: 'a long enough secret', role: 'admin' })
      .expect(409);
  });

  it('deactivation stops sessions and tokens at once; reactivation needs a new sign-in', async () => {
    const token = await userToken(app, db, 'translator');
    const id = (await request(app).get('/api/me').set(bearer(token))).body.user.id;
    const { agent } = await signInAgent(app, 'translator', 'translator-password');
    await agent.get('/api/documents').expect(200);
    await request(app).patch(`/api/users/${id}`).set(admin).send({ active: false }).expect(200);
    await request(app).get('/api/documents').set(bearer(token)).expect(401);
    await agent.get('/api/documents').expect(401);
    await request(app).patch(`/api/users/${id}`).set(admin).send({ active: true }).expect(200);
    await request(app).get('/api/documents').set(bearer(token)).expect(401);
  });

  it('resets a password and ends that user’s sessions', async () => {
    await userToken(app, db, 'reviewer');
    const { agent } = await signInAgent(app, 'reviewer', 'reviewer-password');
    const id = (await agent.get('/api/me')).body.user.id;
    await request(app)
      .patch(`/api/users/${id}`)
      .set(admin)
      .send({ password: 'brand new password' })
      .expect(200);
    await agent.get('/api/documents').expect(401);
    await request(app)
      .post('/api/tokens')
      .send({ username: 'reviewer', password: 'brand new password' })
      .expect(201);
  });

  it('never removes the last active admin', async () => {
    const res = await request(app)
      .patch('/api/users/1')
      .set(admin)
      .send({ active: false })
      .expect(409);
    expect(res.body.error.code).toBe('last_admin');
    await request(app).patch('/api/users/1').set(admin).send({ role: 'translator' }).expect(409);
  });

  it('is for admins only', async () => {
    const reviewer = bearer(await userToken(app, db, 'reviewer'));
    await request(app).get('/api/users').set(reviewer).expect(403);
    await request(app)
      .post('/api/users')
      .set(reviewer)
      .send({ username: 'x1', password: 'a long enough secret', role: 'admin' })
      .expect(403);
    await request(app).patch('/api/users/1').set(reviewer).send({ active: false }).expect(403);
    await request(app).get('/api/audit').set(reviewer).expect(403);
  });
});

describe('own password and tokens', () => {
  it('changes the own password with the current one, keeping this session', async () => {
    await userToken(app, db, 'translator');
    const first = await signInAgent(app, 'translator', 'translator-password');
    const second = await signInAgent(app, 'translator', 'translator-password');
    await first.agent
      .post('/api/me/password')
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: 'wrong', newPassword: 'another long secret' })
      .expect(403);
    await first.agent
      .post('/api/me/password')
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: 'translator-password', newPassword: 'translator-2' })
      .expect(400);
    await first.agent
      .post('/api/me/password')
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: 'translator-password', newPassword: 'another long secret' })
      .expect(204);
    await first.agent.get('/api/documents').expect(200);
    await second.agent.get('/api/documents').expect(401);
  });

  it('lists and revokes tokens; a revoked token stops at once', async () => {
    const token = await adminToken(app);
    const list = await request(app).get('/api/me/tokens').set(bearer(token)).expect(200);
    expect(list.body.tokens.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const newest = list.body.tokens[0].id;
    await request(app).delete(`/api/me/tokens/${newest}`).set(admin).expect(204);
    await request(app).get('/api/me').set(bearer(token)).expect(401);
    await request(app).delete(`/api/me/tokens/${newest}`).set(admin).expect(404);
  });
});

describe('audit log', () => {
  it('records who changed what, filterable by user and action', async () => {
    await request(app)
      .post('/api/users')
      .set(admin)
      .send({ username: 'audited', password: 'a long enough secret', role: 'reviewer' })
      .expect(201);
    const res = await request(app)
      .get('/api/audit?action=create&entityType=user')
      .set(admin)
      .expect(200);
    const event = res.body.events.find(
      (e: { details: { username?: string } }) => e.details.username === 'audited',
    );
    expect(event).toMatchObject({
      action: 'create',
      entityType: 'user',
      user: { username: 'admin' },
    });
    const page = await signInAgent(app);
    const html = await page.agent.get('/admin/audit?action=create').expect(200);
    expect(html.text).toContain('audited');
  });
});
