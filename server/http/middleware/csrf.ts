import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Synchronizer-token CSRF protection for cookie sessions: every state change must send the
 * session's token as `X-CSRF-Token` or a `_csrf` form field. Bearer-token calls are exempt
 * (a browser never attaches them by itself). Written here rather than taken from a package
 * because the token lives in our own sessions table: this is the whole mechanism.
 */
export function csrfProtection(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.auth?.via !== 'session') return next();
    const sent = req.get('x-csrf-token') ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
    const expected = req.auth.csrfToken;
    if (typeof sent === 'string' && expected && sameSecret(sent, expected)) return next();
    next(
      new HttpError(403, 'csrf', 'Missing or invalid CSRF token. Reload the page and try again.'),
    );
  };
}
