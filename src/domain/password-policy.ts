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
