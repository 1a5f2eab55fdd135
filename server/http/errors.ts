import type { z } from 'zod';

/** An expected failure with an HTTP status and a stable machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Fields sent beside `error` at the top level of the reply (e.g. `current` on a 409). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in first.') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (what = 'Resource') =>
  new HttpError(404, 'not_found', `${what} not found.`);

/** A 400 that lists every invalid field of a request, as zod reported it. */
export function validationError(error: z.ZodError, where: string): HttpError {
  const fields = error.issues.map((i) => ({
    field: i.path.join('.') || where,
    message: i.message,
  }));
  const list = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new HttpError(400, 'invalid_input', `Invalid ${where}: ${list}`, { fields });
}
