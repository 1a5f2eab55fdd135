import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../server/store/db.js';
import { setUserActive } from '../../server/store/users.js';
import { ADMIN_PASSWORD, adminToken, makeApp, signInAgent } from '../helpers.js';

let app: Express;
let db: Db;
beforeAll(async () => {
  ({ app, db } = await makeApp());
});

describe('without sign-in', () => {
  it.each([
    '/api/documents',
    '/api/documents/1',
    '/api/glossary',
    '/api/documents/1/annotations',
    '/api/nope',
  ])('GET %s is 401 with the error shape', async (url) => {
    const res = await request(app).get(url).expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it.each(['/', '/documents/1', '/glossary'])(
    'page %s redirects to /login and back',
    async (url) => {
      const res = await request(app).get(url).expect(303);
      expect(res.headers.location).toBe(
        url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`,
      );
    },
  );

  it('serves /login and static assets', async () => {
    const page = await request(app).get('/login').expect(200);
    expect(page.text).toContain('name="password"');
    await request(app).get('/static/css/app.css').expect(200);
  });
});

describe('POST /api/tokens', () => {
  it('gives a bearer token that opens the API', async () => {
    const token = await adminToken(app);
    expect(token).toMatch(/^dz_[\w-]{43}$/);
    const res = await request(app)
      .get('/api/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const res = await request(app)
      .post('/api/tokens')
      .send({ username: 'admin', password: 'wrong-password' })
      .expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.token).toBeUndefined();
  });

  it('refuses an unknown user the same way', async () => {
    const res = await request(app)
      .post('/api/tokens')
      .send({ username: 'nobody', password: 'x' })
      .expect(401);
    expect(res.body.error.message).toBe('Wrong username or password.');
  });

  it('accepts the username in any letter case', async () => {
    await request(app)
      .post('/api/tokens')
      .send({ username: 'ADMIN', password: ADMIN_PASSWORD })
      .expect(201);
  });

  it('lists every bad field in a 400', async () => {
    const res = await request(app).post('/api/tokens').send({ username: 42 }).expect(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'username',
      'password',
    ]);
  });

  it('rejects a forged or malformed bearer token with 401', async () => {
    for (const header of ['Bearer dz_forged', 'Bearer', 'Basic YWRtaW46eA==']) {
      await request(app).get('/api/documents').set('Authorization', header).expect(401);
    }
  });

  it('stops working when the user is deactivated', async () => {
    const token = await adminToken(app);
    await setUserActive(db, 1, false);
    try {
      await request(app).get('/api/documents').set('Authorization', `Bearer ${token}`).expect(401);
      await request(app)
        .post('/api/tokens')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(401);
    } finally {
      await setUserActive(db, 1, true);
    }
  });

  it('expires when asked to', async () => {
    const res = await request(app)
      .post('/api/tokens')
      .send({ username: 'admin', password: ADMIN_PASSWORD, expiresInDays: 1 })
      .expect(201);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
  });
});

describe('browser sign-in', () => {
  it('signs in through the form, shows the documents, and carries a CSRF token', async () => {
    const { agent, csrf } = await signInAgent(app);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('/documents/1');
    const cookie = (await request(app).get('/login')).headers['set-cookie'];
    expect(String(cookie)).toMatch(/HttpOnly/);
  });

  it('sets an HttpOnly, SameSite session cookie', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'admin', password: ADMIN_PASSWORD, _csrf: csrf })
      .expect(303);
    const session = [res.headers['set-cookie']]
      .flat()
      .find((c) => String(c).startsWith('dz_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('shows an error and keeps the username on a wrong password', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'admin', password: 'nope', _csrf: csrf })
      .expect(401);
    expect(res.text).toContain('Wrong username or password.');
    expect(res.text).toContain('value="admin"');
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    await request(app)
      .post('/login')
      .type('form')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(403);
  });

  it('never redirects off-site after sign-in', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'admin', password: ADMIN_PASSWORD, _csrf: csrf, next: '//evil.example/' })
      .expect(303);
    expect(res.headers.location).toBe('/');
  });

  it('signs out only with the CSRF token', async () => {
    const { agent, csrf } = await signInAgent(app);
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/api/documents').expect(200);
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await agent.get('/api/documents').expect(401);
  });

  it('accepts the CSRF token as the X-CSRF-Token header', async () => {
    const { agent, csrf } = await signInAgent(app);
    await agent.post('/logout').set('X-CSRF-Token', csrf).expect(303);
  });
});
