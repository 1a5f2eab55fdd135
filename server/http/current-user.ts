import type { Request } from 'express';
import type { User } from '../domain/document/index.js';
import { unauthorized } from './errors.js';
import './types.js';

/** The signed-in caller; a 401 if there is none (routes behind requireUser always have one). */
export function currentUser(req: Request): User {
  if (!req.auth) throw unauthorized();
  return req.auth.user;
}
