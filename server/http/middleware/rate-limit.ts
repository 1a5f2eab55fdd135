import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/**
 * Limits failed sign-in attempts per client address: 10 failures in 15 minutes, then 429 with
 * Retry-After until the window passes. Successful sign-ins do not count.
 */
export function signInLimiter(): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next, options) =>
      next(
        new HttpError(429, 'rate_limited', 'Too many failed sign-in attempts. Try again later.', {
          retryAfter: Math.ceil(options.windowMs / 1000),
        }),
      ),
  });
}
