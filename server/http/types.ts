import type { User } from '../domain/document/index.js';

/** Who is calling, and how. */
export interface AuthContext {
  user: User;
  /** Cookie sessions need a CSRF token on state changes; bearer tokens do not. */
  via: 'session' | 'token';
  csrfToken?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}
