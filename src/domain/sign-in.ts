/**
 * Sign-in that resists guessing: the throttling policies (rules in domain/throttle.ts) and the keys they count.
 * Nothing here locks an account: a guesser slows himself, the owner waits at most seconds to a minute.
 */
import type { ThrottlePolicy } from './throttle.js';
import { canonicalIp, parseIPv6 } from './grant/ip.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Per account (the normalised username, known or not): 10 free failed attempts, then 1 s doubling to at most 60 s.
 * Loose on purpose: it is the one key a guesser elsewhere shares with the owner, so a few wrong passwords must
 * cost the owner nothing and many never more than a minute; the address key below is what stops one guesser.
 */
export const LOGIN_ACCOUNT: ThrottlePolicy = { free: 10, baseMs: SECOND, maxMs: MINUTE, forgetMs: HOUR };

/** Per client address (an IPv6 /64): 20 free failed attempts on any accounts, then 1 s doubling to 15 minutes. */
export const LOGIN_ADDRESS: ThrottlePolicy = { free: 20, baseMs: SECOND, maxMs: 15 * MINUTE, forgetMs: HOUR };

/**
 * Per account and device: a sign-in presenting a valid device cookie for the account (a browser that signed in to
 * it before) is throttled by this key, with the account's policy, instead of the account-wide one: a guesser
 * elsewhere keeps the account-wide wait running without keeping the owner out.
 */
export const LOGIN_DEVICE: ThrottlePolicy = LOGIN_ACCOUNT;

/** Per user, wrong current passwords at a password change: 5 free, then 1 s doubling to 15 minutes. */
export const PASSWORD_CHANGE_USER: ThrottlePolicy = { free: 5, baseMs: SECOND, maxMs: 15 * MINUTE, forgetMs: HOUR };

/** Per user, TOTP codes (login and enrolment): 5 free attempts, then 1 s doubling to 15 minutes. */
export const TOTP_USER: ThrottlePolicy = { free: 5, baseMs: SECOND, maxMs: 15 * MINUTE, forgetMs: HOUR };

/** Wrong TOTP codes one half-signed session may give; at the last one the session ends. */
export const TOTP_SESSION_ATTEMPTS = 5;

/** The account key: the username as it is looked up (trimmed, lower case). */
export function accountKey(username: string): string {
  return `a:${username.trim().toLowerCase()}`;
}

/** The key of one device (its cookie's random id) signing in to one account. */
export function deviceKey(username: string, deviceId: string): string {
  return `d:${username.trim().toLowerCase()}:${deviceId}`;
}

/**
 * The address key: an IPv4 address as is, an IPv6 address by its /64 (one subscriber's prefix: counting single
 * IPv6 addresses would give each guesser 2^64 budgets).
 */
export function addressKey(ip: string): string {
  const canonical = canonicalIp(ip) ?? ip.slice(0, 64);
  if (!canonical.includes(':')) return canonical;
  const v6 = parseIPv6(canonical);
  return v6 === null ? canonical : `${(v6 >> 64n).toString(16)}::/64`;
}
