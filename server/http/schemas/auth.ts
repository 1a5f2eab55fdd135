import { z } from 'zod';

const username = z.string().trim().toLowerCase().min(1, 'is required').max(64);
const password = z.string().min(1, 'is required').max(1024);

/** `POST /login` form. */
export const loginForm = z.object({
  username,
  password,
  next: z.string().max(2000).optional(),
  _csrf: z.string().max(200).optional(),
});

/** `POST /api/tokens` body. */
export const tokenRequest = z.object({
  username,
  password,
  name: z.string().trim().max(100).default('API token'),
  /** Days until the token expires; omit for a token that lives until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
