import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../store/db.js';
import { findUserByApiToken } from '../../store/api-tokens.js';
import { findSession } from '../../store/sessions.js';
import { unauthorized } from '../errors.js';
import '../types.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'dz_session';

/**
 * Identifies the caller from `Authorization: Bearer …` or the session cookie and sets
 * `req.auth`. A bad bearer token is a 401 at once (a script must hear that its token died);
 * a stale cookie just means "not signed in".
 */
export function authenticate(db: Db): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const user = match?.[1] ? await findUserByApiToken(db, match[1]) : undefined;
      if (!user) return next(unauthorized('The API token is invalid, expired or revoked.'));
      req.auth = { user, via: 'token' };
      res.locals.user = user;
      res.locals.csrfToken = undefined; // no cookie session: nothing to protect with a CSRF token
      return next();
    }
    const cookie: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof cookie === 'string' && cookie.length > 0 && cookie.length < 200) {
      const session = await findSession(db, cookie);
      if (session) req.auth = { user: session.user, via: 'session', csrfToken: session.csrfToken };
    }
    res.locals.user = req.auth?.user;
    res.locals.csrfToken = req.auth?.csrfToken;
    next();
  };
}

/** Lets only signed-in callers through: 401 for the API, a redirect to /login for pages. */
export function requireUser(): RequestHandler {
  return (req, res, next) => {
    if (req.auth) return next();
    if (req.path.startsWith('/api/') || req.baseUrl.startsWith('/api')) return next(unauthorized());
    const back = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
    res.redirect(303, `/login${back}`);
  };
}
