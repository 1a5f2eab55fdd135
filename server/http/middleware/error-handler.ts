import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { HttpError, notFound } from '../errors.js';

/** API callers get JSON errors; browsers get an HTML page. */
function wantsJson(req: Request): boolean {
  return req.originalUrl.startsWith('/api/') || req.originalUrl === '/api' || !req.accepts('html');
}

/** Maps errors thrown by body parsers (they carry `type` and `status`) to HttpErrors. */
function fromParserError(err: {
  type?: unknown;
  status?: unknown;
  message?: unknown;
}): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new HttpError(413, 'too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', 'The request body must be UTF-8.');
    case 'parameters.too.many':
      return new HttpError(413, 'too_large', 'Too many form fields.');
    default:
      return typeof err.status === 'number' && err.status >= 400 && err.status < 500
        ? new HttpError(err.status, 'bad_request', 'The request could not be read.')
        : undefined;
  }
}

/** The one place that turns errors into replies; unknown errors become a plain 500. */
export function errorHandler(log: (msg: string) => void = console.error): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known =
      err instanceof HttpError ? err : fromParserError((err ?? {}) as Record<string, unknown>);
    if (!known)
      log(`500 on ${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    const e = known ?? new HttpError(500, 'internal', 'Something went wrong on our side.');
    if (res.headersSent) return res.end();
    if (e.status === 429 && e.details?.retryAfter)
      res.set('Retry-After', String(e.details.retryAfter));
    if (wantsJson(req)) {
      res
        .status(e.status)
        .json({ error: { code: e.code, message: e.message, ...e.details }, ...e.extra });
      return;
    }
    res
      .status(e.status)
      .render('errors/error', { status: e.status, code: e.code, message: e.message });
  };
}

/** Anything that reached the end of the routes. */
export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(notFound('Page'));
}
