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

/** Statuses only reviewers and admins may set. */
const REVIEW_STATUSES: ReadonlySet<string> = new Set(['reviewed', 'approved']);

/**
 * Why `user` may not make this change to a segment, or undefined when allowed: approved
 * paragraphs are locked for translators, and only reviewers and admins set reviewed/approved.
 */
export function segmentChangeDenied(
  user: Pick<User, 'role'>,
  current: { status: string },
  next: { status?: string | undefined },
): string | undefined {
  if (!can(user, 'segment.edit')) return 'Your role cannot edit translations.';
  if (current.status === 'approved' && !can(user, 'segment.editApproved')) {
    return 'This paragraph is approved and locked; ask a reviewer to reopen it.';
  }
  if (next.status && REVIEW_STATUSES.has(next.status) && !can(user, 'segment.review')) {
    return 'Only reviewers and admins can mark a paragraph reviewed or approved.';
  }
  return undefined;
}
