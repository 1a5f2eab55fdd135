import { Router } from 'express';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { hashSecret } from '../../auth/tokens.js';
import { passwordProblem, type User } from '../../domain/document/index.js';
import type { Db } from '../../store/db.js';
import { listApiTokens, revokeApiToken } from '../../store/api-tokens.js';
import { listAudit, recordAudit } from '../../store/audit.js';
import {
  countActiveAdmins,
  createUser,
  deleteUserSessions,
  findUserForSignIn,
  getUser,
  listUsers,
  updateUser,
} from '../../store/users.js';
import { HttpError, badRequest, notFound } from '../errors.js';
import { allow } from '../middleware/allow.js';
import { SESSION_COOKIE } from '../middleware/authenticate.js';
import { renderPage } from '../render.js';
import { auditQuery, changePasswordBody, createUserBody, patchUserBody } from '../schemas/users.js';
import { currentUser } from '../current-user.js';
import { parseBody, parseId, parseQuery } from '../validate.js';

function checkPassword(password: string, user: { username: string; displayName?: string }): void {
  const problem = passwordProblem(password, user);
  if (problem)
    throw badRequest(`Password ${problem}.`, { fields: [{ field: 'password', message: problem }] });
}

/** Accounts (admin), the caller's own password and tokens, and the audit log (admin). */
export function userApiRoutes(db: Db): Router {
  const router = Router();

  router.get('/users', allow('user.manage'), async (_req, res) => {
    res.json({ users: await listUsers(db) });
  });

  router.post('/users', allow('user.manage'), async (req, res) => {
    const admin = currentUser(req);
    const body = parseBody(req, createUserBody);
    const displayName = body.displayName ?? body.username;
    checkPassword(body.password, { username: body.username, displayName });
    if (await findUserForSignIn(db, body.username)) {
      throw new HttpError(409, 'conflict', `The username "${body.username}" is taken.`);
    }
    const passwordHash = await hashPassword(body.password);
    const user = await db.transaction().execute(async (trx) => {
      const created = await createUser(trx, {
        username: body.username,
        displayName,
        role: body.role,
        passwordHash,
      });
      await recordAudit(trx, {
        userId: admin.id,
        action: 'create',
        entityType: 'user',
        entityId: created.id,
        details: { username: created.username, role: created.role },
      });
      return created;
    });
    res.status(201).json(user);
  });

  router.patch('/users/:id', allow('user.manage'), async (req, res) => {
    const admin = currentUser(req);
    const body = parseBody(req, patchUserBody);
    const target = await getUser(db, parseId(req));
    if (!target) throw notFound('User');
    if (body.password !== undefined) checkPassword(body.password, target);
    const losesAdmin =
      target.role === 'admin' &&
      target.active &&
      (body.active === false || (body.role && body.role !== 'admin'));
    if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
      throw new HttpError(
        409,
        'last_admin',
        'This is the last active admin: make another admin first.',
      );
    }
    const passwordHash =
      body.password !== undefined ? await hashPassword(body.password) : undefined;
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, target.id, {
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      });
      // A reset password or a deactivation ends every session at once (tokens stop with `active`).
      if (passwordHash || body.active === false) await deleteUserSessions(trx, target.id);
      if (body.active === false) {
        await trx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date().toISOString() })
          .where('user_id', '=', target.id)
          .where('revoked_at', 'is', null)
          .execute();
      }
      const { password: _omit, ...logged } = body;
      await recordAudit(trx, {
        userId: admin.id,
        action: 'update',
        entityType: 'user',
        entityId: target.id,
        details: { ...logged, ...(passwordHash ? { passwordReset: true } : {}) },
      });
    });
    const updated = await getUser(db, target.id);
    if (!updated) throw notFound('User');
    const { passwordHash: _h, ...user } = updated;
    res.json(user);
  });

  router.post('/me/password', async (req, res) => {
    const me = currentUser(req);
    const body = parseBody(req, changePasswordBody);
    const stored = await getUser(db, me.id);
    if (!stored || !(await verifyPassword(body.currentPassword, stored.passwordHash))) {
      throw new HttpError(403, 'wrong_password', 'The current password is wrong.');
    }
    checkPassword(body.newPassword, me);
    const passwordHash = await hashPassword(body.newPassword);
    const cookie: unknown = req.cookies?.[SESSION_COOKIE];
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, me.id, { passwordHash });
      // Other browsers signed in as this user are signed out; this one stays.
      await deleteUserSessions(
        trx,
        me.id,
        typeof cookie === 'string' ? hashSecret(cookie) : undefined,
      );
      await recordAudit(trx, {
        userId: me.id,
        action: 'password',
        entityType: 'user',
        entityId: me.id,
      });
    });
    res.status(204).end();
  });

  router.get('/me/tokens', async (req, res) => {
    res.json({ tokens: await listApiTokens(db, currentUser(req).id) });
  });

  router.delete('/me/tokens/:id', async (req, res) => {
    const me = currentUser(req);
    const id = parseId(req);
    const done = await db.transaction().execute(async (trx) => {
      const ok = await revokeApiToken(trx, me.id, id);
      if (ok)
        await recordAudit(trx, {
          userId: me.id,
          action: 'revoke',
          entityType: 'api_token',
          entityId: id,
        });
      return ok;
    });
    if (!done) throw notFound('Token');
    res.status(204).end();
  });

  router.get('/audit', allow('audit.read'), async (req, res) => {
    const q = parseQuery(req, auditQuery);
    res.json({ events: await listAudit(db, { ...q, userId: q.user }) });
  });

  return router;
}

/** Pages: /admin/users and /admin/audit (admins), /account (everyone). */
export function userPageRoutes(db: Db): Router {
  const router = Router();
  router.get('/admin/users', allow('user.manage'), async (_req, res) => {
    renderPage(res, 'admin-users', {
      title: res.locals.t('admin.usersTitle'),
      users: await listUsers(db),
    });
  });
  router.get('/admin/audit', allow('audit.read'), async (req, res) => {
    const q = parseQuery(req, auditQuery);
    const events = await listAudit(db, { ...q, userId: q.user });
    renderPage(res, 'admin-audit', {
      title: res.locals.t('admin.auditTitle'),
      events,
      q,
      users: await listUsers(db),
    });
  });
  router.get('/account', async (req, res) => {
    renderPage(res, 'account', {
      title: res.locals.t('account.title'),
      tokens: await listApiTokens(db, currentUser(req).id),
    });
  });
  return router;
}
