import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a cookie, CSRF token or API token: 256 random bits, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database stores for a secret: its SHA-256, so a leaked database opens nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A readable random password for the generated admin account. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
