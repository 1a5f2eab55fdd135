import { Router, type Response } from 'express';
import { newSecret } from '../../auth/tokens.js';
import type { Config } from '../../config.js';
import type { Db } from '../../store/db.js';
import { createApiToken } from '../../store/api-tokens.js';
import { recordAudit } from '../../store/audit.js';
import { createSession, deleteSession } from '../../store/sessions.js';
import { unauthorized } from '../errors.js';
import { SESSION_COOKIE } from '../middleware/authenticate.js';
import { sameSecret } from '../middleware/csrf.js';
import { signInLimiter } from '../middleware/rate-limit.js';
import { renderPage } from '../render.js';
import { loginForm, tokenRequest } from '../schemas/auth.js';
import { checkCredentials } from '../sign-in.js';
import { parseBody } from '../validate.js';

/** Cookie holding the sign-in form's CSRF token (double submit: no session exists yet). */
const LOGIN_CSRF_COOKIE = 'dz_login_csrf';

/** Only same-site relative paths: `//evil.example` and `/\evil` would leave the site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** The sign-in page and `POST /api/tokens` for scripts: the routes open to everyone. */
export function authRoutes(db: Db, config: Config): Router {
  const router = Router();
  const secure = config.trustProxy;
  const limiter = signInLimiter();

  const showLogin = (res: Response, next: string, status = 200, error?: string, username = '') => {
    // Reuse the token already in the browser: a second tab (or the favicon request that
    // redirects here) must not invalidate the form the user is filling in.
    const existing: unknown = res.req.cookies?.[LOGIN_CSRF_COOKIE];
    const csrf =
      typeof existing === 'string' && /^[\w-]{43}$/.test(existing) ? existing : newSecret();
    res.cookie(LOGIN_CSRF_COOKIE, csrf, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/login',
    });
    renderPage(
      res,
      'login',
      { title: res.locals.t('login.title'), csrf, next, error, username },
      status,
    );
  };

  router.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (req.auth) return res.redirect(303, next);
    showLogin(res, next);
  });

  router.post('/login', limiter, async (req, res) => {
    const form = loginForm.safeParse(req.body ?? {});
    const next = safeNext(form.success ? form.data.next : undefined);
    const cookieToken: unknown = req.cookies?.[LOGIN_CSRF_COOKIE];
    if (!form.success) return showLogin(res, next, 400, res.locals.t('login.missing'));
    if (
      typeof cookieToken !== 'string' ||
      !form.data._csrf ||
      !sameSecret(cookieToken, form.data._csrf)
    ) {
      return showLogin(res, next, 403, res.locals.t('login.expired'), form.data.username);
    }
    const user = await checkCredentials(db, form.data.username, form.data.password);
    if (!user) return showLogin(res, next, 401, res.locals.t('login.failed'), form.data.username);
    const cookieValue = newSecret();
    const expiresAt = new Date(Date.now() + config.sessionHours * 3600_000).toISOString();
    await createSession(db, { cookieValue, userId: user.id, csrfToken: newSecret(), expiresAt });
    res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/login' });
    res.cookie(SESSION_COOKIE, cookieValue, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: new Date(expiresAt),
    });
    res.redirect(303, next);
  });

  router.post('/api/tokens', limiter, async (req, res) => {
    const body = parseBody(req, tokenRequest);
    const user = await checkCredentials(db, body.username, body.password);
    if (!user) throw unauthorized('Wrong username or password.');
    const token = newSecret('dz_');
    const expiresAt = body.expiresInDays
      ? new Date(Date.now() + body.expiresInDays * 86_400_000).toISOString()
      : null;
    const { id } = await db.transaction().execute(async (trx) => {
      const created = await createApiToken(trx, {
        token,
        userId: user.id,
        name: body.name,
        expiresAt,
      });
      await recordAudit(trx, {
        userId: user.id,
        action: 'create',
        entityType: 'api_token',
        entityId: created.id,
      });
      return created;
    });
    res.status(201).json({ token, id, name: body.name, expiresAt });
  });

  return router;
}

/** `POST /logout`: mounted behind requireUser and CSRF protection, so no one is signed out by a forged form. */
export function signOutRoutes(db: Db): Router {
  const router = Router();
  router.post('/logout', async (req, res) => {
    const cookie: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof cookie === 'string') await deleteSession(db, cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });
  return router;
}
