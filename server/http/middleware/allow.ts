import type { RequestHandler } from 'express';
import { can, type Action } from '../../domain/document/index.js';
import { forbidden, unauthorized } from '../errors.js';

/** Lets the request through only when the caller's role allows `action` (403 otherwise). */
export function allow(action: Action): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(unauthorized());
    if (!can(req.auth.user, action)) return next(forbidden());
    next();
  };
}
