import {
  LOGIN_ACCOUNT,
  LOGIN_ADDRESS,
  LOGIN_DEVICE,
  PASSWORD_CHANGE_USER,
  TOTP_USER,
} from '../../../domain/sign-in.js';
import { MemoryThrottle } from '../../lib/throttle.js';
import { hashPassword, loadSecretKey, type SecretKey } from '../../lib/secrets.js';
import type { Config } from '../../config.js';
import { DeviceCookies } from './device-cookie.js';

/**
 * What sign-in keeps per process: the throttles (policies in domain/sign-in.ts), the key that encrypts TOTP
 * secrets, and a fixed password hash that unknown usernames are checked against so they cost what known ones do.
 * Throttle state is in memory: several processes each keep their own (each key's budget multiplies by their number).
 */
export class SignInGuard {
  /** Failed sign-ins per account (normalised username, known or not). */
  readonly account = new MemoryThrottle(LOGIN_ACCOUNT);
  /** Failed sign-ins per account and device (a valid device cookie), instead of the account-wide key. */
  readonly device = new MemoryThrottle(LOGIN_DEVICE);
  /** Wrong current passwords at a password change, per user id. */
  readonly passwordChange = new MemoryThrottle(PASSWORD_CHANGE_USER);
  /** Failed sign-ins per client address. */
  readonly address = new MemoryThrottle(LOGIN_ADDRESS);
  /** TOTP codes per user id. */
  readonly totp = new MemoryThrottle(TOTP_USER);
  /** Issues and checks device cookies (key derived from the secret key). */
  readonly deviceCookies: DeviceCookies;
  /** A hash no password matches (computed once, at start). */
  readonly dummyHash: Promise<string>;

  constructor(readonly secretKey: SecretKey) {
    this.deviceCookies = new DeviceCookies(secretKey);
    this.dummyHash = hashPassword('not-a-real-password');
    // Rejections surface at the first await; this keeps an early one from counting as unhandled.
    this.dummyHash.catch(() => undefined);
  }

  /** The guard of an app: the secret key from config (created on first start when neither is there yet). */
  static fromConfig(config: Pick<Config, 'secretKey' | 'secretKeyFile'>): SignInGuard {
    return new SignInGuard(loadSecretKey(config));
  }
}
