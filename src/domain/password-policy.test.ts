import { describe, expect, it } from 'vitest';
import { passwordIssues } from './password-policy.js';

describe('password policy', () => {
  it('refuses short passwords, ones containing the username, and repeated characters', () => {
    expect(passwordIssues('short', 'budi')).toHaveLength(1);
    expect(passwordIssues('budi-is-my-password', 'budi').map((i) => i.message.en)).toEqual([
      'The password must not contain the username.',
    ]);
    expect(passwordIssues('aaaaaaaaaaaa', 'budi')).toHaveLength(1);
    expect(passwordIssues('kopi-tubruk-2026', 'budi')).toEqual([]);
  });
});
