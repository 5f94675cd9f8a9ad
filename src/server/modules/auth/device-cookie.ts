/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that has signed in to
 * an account gets a long-lived signed cookie naming that account; a sign-in presenting it is throttled by its own
 * key (account + device) instead of the account-wide one, so a guesser elsewhere cannot keep the owner out.
 * Stateless: the value is an HMAC (key derived from the server's secret key), so every process sharing the key
 * accepts it.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { deriveKey, randomToken, type SecretKey } from '../../lib/secrets.js';
import { accountKey } from '../../../domain/sign-in.js';

/** The device cookie's name. */
export const DEVICE_COOKIE = 'gerbang_device';

/** How long a device cookie is good for after the sign-in that issued it. */
export const DEVICE_COOKIE_DAYS = 180;
const LIFETIME_MS = DEVICE_COOKIE_DAYS * 24 * 3_600_000;

/** Issues and checks device cookies with a key derived from the secret key. */
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(secretKey: SecretKey) {
    this.key = deriveKey(secretKey, 'device-cookie');
  }

  private mac(account: string, issued: string, id: string): string {
    return crypto.createHmac('sha256', this.key).update(`${account}\n${issued}\n${id}`).digest('base64url');
  }

  /** A fresh cookie value for this username: `v1.<issued ms>.<random id>.<hmac>`. */
  issue(username: string, now: number): string {
    const issued = String(now);
    const id = randomToken(16);
    return `v1.${issued}.${id}.${this.mac(accountKey(username), issued, id)}`;
  }

  /** The device id when `value` is a genuine, unexpired cookie issued for this username; otherwise undefined. */
  deviceOf(value: string | undefined, username: string, now: number): string | undefined {
    if (!value || value.length > 200) return undefined;
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return undefined;
    const [, issued, id, mac] = parts as [string, string, string, string];
    if (!/^\d{1,15}$/.test(issued) || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) return undefined;
    const at = Number(issued);
    if (at > now + 60_000 || now - at > LIFETIME_MS) return undefined;
    const expected = Buffer.from(this.mac(accountKey(username), issued, id));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
    return id;
  }
}

/** Sets the device cookie: long-lived, httpOnly, SameSite=Lax, Secure like the session cookie. */
export function setDeviceCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  value: string,
  deps: Pick<Deps, 'config'>,
) {
  reply.setCookie(DEVICE_COOKIE, value, {
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure || request.protocol === 'https',
    maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
  });
}
