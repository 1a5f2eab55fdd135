import type { Role, User } from './model.js';

/** Everything a role may do, in one table (DESIGN.md, "Domain model"). */
export const ACTIONS = {
  'segment.edit': ['translator', 'reviewer', 'admin'],
  'segment.review': ['reviewer', 'admin'],
  'segment.editApproved': ['reviewer', 'admin'],
  'annotation.create': ['reviewer', 'admin'],
  'annotation.resolve': ['reviewer', 'admin'],
  'annotation.reply': ['translator', 'reviewer', 'admin'],
  'glossary.edit': ['reviewer', 'admin'],
  'document.manage': ['admin'],
  'user.manage': ['admin'],
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/** Whether a user's role allows an action. */
export function can(user: Pick<User, 'role'> | undefined, action: Action): boolean {
  return user !== undefined && (ACTIONS[action] as readonly Role[]).includes(user.role);
}
