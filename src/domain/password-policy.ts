import type { FieldIssue } from './errors.js';

/** Minimum length of a password a person chooses. */
export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password; returns the issues (empty when acceptable). */
export function passwordIssues(password: string, username: string, field = 'newPassword'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    issues.push({
      field,
      message: {
        id: `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`,
        en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
      },
    });
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    issues.push({
      field,
      message: {
        id: 'Kata sandi tidak boleh memuat nama pengguna.',
        en: 'The password must not contain the username.',
      },
    });
  }
  if (/^(.)\1*$/.test(password)) {
    issues.push({
      field,
      message: { id: 'Kata sandi terlalu mudah ditebak.', en: 'The password is too easy to guess.' },
    });
  }
  return issues;
}

/** Login throttling: how many failures lock an account, and for how long. */
export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/** After a failure: the new count and, when the limit is reached, the time the lock ends. */
export function afterFailure(failures: number, now: Date): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  if (next >= LOCKOUT.maxFailures) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.minutes * 60_000) };
  }
  return { failures: next, lockedUntil: null };
}
