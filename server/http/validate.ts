import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, validationError } from './errors.js';

/** Parses `req.body` with a schema; a 400 listing every bad field otherwise. */
export function parseBody<T extends z.ZodType>(req: Request, schema: T): z.output<T> {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) throw validationError(r.error, 'body');
  return r.data;
}

/** Parses `req.query` with a schema. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.output<T> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw validationError(r.error, 'query');
  return r.data;
}

/** A positive integer id from a route parameter, or a 400 naming it. */
export function parseId(req: Request, name = 'id'): number {
  const raw = String(req.params[name] ?? '');
  const id = Number(raw);
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(id)) {
    throw new HttpError(400, 'invalid_input', `Invalid path: ${name} must be a positive integer.`, {
      fields: [{ field: name, message: 'must be a positive integer' }],
    });
  }
  return id;
}
