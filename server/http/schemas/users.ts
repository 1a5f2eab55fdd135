import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, ROLES } from '../../domain/document/index.js';

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 characters: letters, digits, dot, dash, underscore');
const displayName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100)
  .refine(
    (s) => s.isWellFormed() && !/[\u0000-\u001f\u007f]/.test(s),
    'contains control characters',
  );
const password = z.string().max(MAX_PASSWORD_LENGTH);

/** `POST /api/users` */
export const createUserBody = z
  .object({ username, password, role: z.enum(ROLES), displayName: displayName.optional() })
  .strict();

/** `PATCH /api/users/:id` */
export const patchUserBody = z
  .object({
    displayName: displayName.optional(),
    role: z.enum(ROLES).optional(),
    password: password.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['active'] });

/** `POST /api/me/password` */
export const changePasswordBody = z
  .object({ currentPassword: password, newPassword: password })
  .strict();

/** `GET /api/audit` */
export const auditQuery = z.object({
  user: z.coerce.number().int().positive().optional(),
  action: z.string().max(50).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});
