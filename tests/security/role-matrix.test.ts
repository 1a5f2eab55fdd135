/**
 * The role matrix: every route of the app, called by every role (and by nobody), gets the
 * answer the policy table gives. A route added without a row here fails the first test.
 */
import request from 'supertest';
import type { Router } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { testConfig } from '../../server/config.js';
import { API_ROUTERS, PAGE_ROUTERS } from '../../server/http/routes/index.js';
import { authRoutes, signOutRoutes } from '../../server/http/routes/auth.js';
import type { Db } from '../../server/store/db.js';
import { adminToken, makeApp, userToken } from '../helpers.js';

type Role = 'translator' | 'reviewer' | 'admin';
const EVERYONE: Role[] = ['translator', 'reviewer', 'admin'];
const REVIEWERS: Role[] = ['reviewer', 'admin'];
const ADMINS: Role[] = ['admin'];

/** `METHOD path` → who may call it; `public` routes need no sign-in. */
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /api/tokens': 'public',
  'POST /logout': EVERYONE,
  'GET /': EVERYONE,
  'GET /documents/:id': EVERYONE,
  'GET /glossary': EVERYONE,
  'GET /documents/:id/review': EVERYONE,
  'GET /import': ADMINS,
  'POST /import': ADMINS,
  'GET /documents/:id/import': EVERYONE,
  'GET /admin/users': ADMINS,
  'GET /admin/audit': ADMINS,
  'GET /account': EVERYONE,
  'GET /api/me': EVERYONE,
  'GET /api/documents': EVERYONE,
  'POST /api/documents': ADMINS,
  'GET /api/documents/:id': EVERYONE,
  'GET /api/documents/:id/source': EVERYONE,
  'GET /api/documents/:id/terms': EVERYONE,
  'GET /api/documents/:id/consistency': EVERYONE,
  'GET /api/documents/:id/candidates': EVERYONE,
  'POST /api/documents/:id/findings/accept': REVIEWERS,
  'DELETE /api/qa-acceptances/:id': REVIEWERS,
  'GET /api/documents/:id/annotations': EVERYONE,
  'POST /api/documents/:id/annotations/import': REVIEWERS,
  'GET /api/documents/:id/quality': EVERYONE,
  'GET /api/documents/:id/export': EVERYONE,
  'POST /api/documents/import': ADMINS,
  'POST /api/documents/:id/import': EVERYONE,
  'PATCH /api/segments/:id': EVERYONE,
  'GET /api/segments/:id/revisions': EVERYONE,
  'GET /api/segments/:id/diff': EVERYONE,
  'POST /api/segments/:id/restore': EVERYONE,
  'POST /api/segments/:id/split': EVERYONE,
  'POST /api/segments/:id/merge-next': EVERYONE,
  'POST /api/segments/:id/annotations': REVIEWERS,
  'PATCH /api/annotations/:id': EVERYONE,
  'DELETE /api/annotations/:id': EVERYONE,
  'POST /api/annotations/:id/replies': EVERYONE,
  'PATCH /api/replies/:id': EVERYONE,
  'DELETE /api/replies/:id': EVERYONE,
  'POST /api/markdown/preview': EVERYONE,
  'GET /api/glossary': EVERYONE,
  'POST /api/glossary': REVIEWERS,
  'GET /api/glossary/export': EVERYONE,
  'POST /api/glossary/import': REVIEWERS,
  'PATCH /api/glossary/:id': REVIEWERS,
  'DELETE /api/glossary/:id': REVIEWERS,
  'GET /api/users': ADMINS,
  'POST /api/users': ADMINS,
  'PATCH /api/users/:id': ADMINS,
  'POST /api/me/password': EVERYONE,
  'GET /api/me/tokens': EVERYONE,
  'DELETE /api/me/tokens/:id': EVERYONE,
  'GET /api/audit': ADMINS,
};

/** The routes a router really has, as `METHOD /prefix/path`. */
function routesOf(router: Router, prefix: string): string[] {
  const out: string[] = [];
  for (const layer of (
    router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
  ).stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods))
      out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
  }
  return out;
}

let app: Express;
let db: Db;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  ({ app, db } = await makeApp());
  tokens.admin = await adminToken(app);
  tokens.reviewer = await userToken(app, db, 'reviewer');
  tokens.translator = await userToken(app, db, 'translator');
});

describe('the role matrix', () => {
  it('covers every route the app has', () => {
    const config = testConfig();
    const actual = new Set([
      ...API_ROUTERS.flatMap((f) => routesOf(f(db, config), '/api')),
      ...PAGE_ROUTERS.flatMap((f) => routesOf(f(db, config), '')),
      ...routesOf(authRoutes(db, config), ''),
      ...routesOf(signOutRoutes(db), ''),
    ]);
    expect(
      [...actual].filter((r) => !(r in MATRIX)),
      'routes missing from MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !actual.has(r)),
      'MATRIX rows for routes that do not exist',
    ).toEqual([]);
  });

  const rows = Object.entries(MATRIX).filter(([, who]) => who !== 'public');
  it.each(
    rows.flatMap(([route, who]) => [
      ...EVERYONE.map((role) => [route, role, (who as Role[]).includes(role)] as const),
    ]),
  )('%s as %s → allowed: %s', async (route, role, allowed) => {
    const [method, pattern] = route.split(' ') as [string, string];
    // Reads use ids that exist; changes use one that does not, so the matrix changes nothing
    // (a 404 still proves the request got past the role check, which runs first).
    const path = pattern.replace(':id', method === 'GET' ? '1' : '999999');
    const call = request(app)
      [method.toLowerCase() as 'get'](path)
      .set('Authorization', `Bearer ${tokens[role]}`);
    // An empty JSON body: enough to reach the policy, never enough to change anything.
    const res = method === 'GET' || method === 'DELETE' ? await call : await call.send({});
    if (allowed) expect(res.status, `${route} as ${role}`).not.toBe(403);
    else expect(res.status, `${route} as ${role}`).toBe(403);
    expect(res.status).not.toBe(401);
    expect(res.status).toBeLessThan(500);
  });

  it.each(rows.map(([route]) => route))('%s without sign-in is refused', async (route) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const res = await request(app)[method.toLowerCase() as 'get'](pattern.replace(':id', '1'));
    if (pattern.startsWith('/api/')) expect(res.status).toBe(401);
    else expect([303, 401, 403]).toContain(res.status);
  });
});
