import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/** API paths (under /api) whose body is a file read raw by their route: the document imports. */
const RAW_BODY_PATHS = [/^\/documents\/(?:[1-9]\d*\/)?import\/?$/];

/** API requests that carry a body must send JSON: anything else is a 415, not a silent `{}`. */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'POST' && RAW_BODY_PATHS.some((p) => p.test(req.path))) return next();
    const hasBody = req.get('content-length') !== undefined && req.get('content-length') !== '0';
    const chunked = req.get('transfer-encoding') !== undefined;
    if ((hasBody || chunked) && !req.is('application/json')) {
      return next(
        new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json.'),
      );
    }
    next();
  };
}
