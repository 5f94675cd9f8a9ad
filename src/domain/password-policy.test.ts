import { describe, expect, it } from 'vitest';
import { afterFailure, LOCKOUT, passwordIssues } from './password-policy.js';

describe('password policy', () => {
  it('refuses short passwords, ones containing the username, and repeated characters', () => {
    expect(passwordIssues('short', 'budi')).toHaveLength(1);
    expect(passwordIssues('budi-is-my-password', 'budi').map((i) => i.message.en)).toEqual([
      'The password must not contain the username.',
    ]);
    expect(passwordIssues('aaaaaaaaaaaa', 'budi')).toHaveLength(1);
    expect(passwordIssues('kopi-tubruk-2026', 'budi')).toEqual([]);
  });

  it('locks after the fifth failure for fifteen minutes', () => {
    const now = new Date('2026-11-24T01:00:00Z');
    let state = { failures: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      state = afterFailure(state.failures, now);
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailure(state.failures, now);
    expect(state.lockedUntil?.toISOString()).toBe('2026-11-24T01:15:00.000Z');
  });
});
