import { describe, expect, it } from 'vitest';
import { counted, waitMs, type ThrottlePolicy, type ThrottleState } from './throttle.js';
import { accountKey, addressKey, LOGIN_ACCOUNT, LOGIN_ADDRESS, TOTP_USER } from './sign-in.js';

/** The longest wait a key ever owes under a policy, over many back-to-back events. */
function longestWait(policy: ThrottlePolicy): number {
  let state: ThrottleState | undefined;
  let now = 0;
  let longest = 0;
  for (let i = 0; i < 200; i++) {
    const wait = waitMs(policy, state, now);
    longest = Math.max(longest, wait);
    now += wait;
    state = counted(policy, state, now);
  }
  return longest;
}

describe('sign-in throttling policies', () => {
  it('never keeps an account waiting more than a minute, whoever fails on it', () => {
    expect(longestWait(LOGIN_ACCOUNT)).toBe(60_000);
    // Five wrong passwords cost the owner nothing.
    let state: ThrottleState | undefined;
    for (let i = 0; i < 5; i++) state = counted(LOGIN_ACCOUNT, state, 0);
    expect(waitMs(LOGIN_ACCOUNT, state, 0)).toBe(0);
  });

  it('slows one address and TOTP guessing to one try in 15 minutes', () => {
    expect(longestWait(LOGIN_ADDRESS)).toBe(15 * 60_000);
    expect(longestWait(TOTP_USER)).toBe(15 * 60_000);
  });

  it('counts an account by its username as looked up, an IPv6 client by its /64', () => {
    expect(accountKey('  Pusat.Dirjen ')).toBe(accountKey('pusat.dirjen'));
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:192.0.2.1')).toBe(addressKey('192.0.2.1'));
    expect(addressKey('192.0.2.1')).not.toBe(addressKey('192.0.2.2'));
  });
});
