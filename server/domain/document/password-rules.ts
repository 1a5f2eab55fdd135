/** Shortest password accepted (NIST SP 800-63B asks at least 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest: scrypt hashes anything, but a megabyte "password" is an attack, not a password. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Why a new password is refused, or undefined: long enough, not the username (or its
 * display name) in any letter case, not one character repeated. No composition rules
 * (NIST: they push people to worse passwords).
 */
export function passwordProblem(
  password: string,
  user: { username: string; displayName?: string },
): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (lower.includes(user.username.toLowerCase())) return 'must not contain the username';
  if (
    user.displayName &&
    user.displayName.length >= 3 &&
    lower.includes(user.displayName.toLowerCase())
  ) {
    return 'must not contain your name';
  }
  if (new Set(password).size === 1) return 'must not be one character repeated';
  return undefined;
}
