import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// OWASP's scrypt minimum (N=2^17, r=8, p=1) costs ~128 MiB per hash; 2^15 keeps logins fast on small machines
// while staying far above brute-force reach for a throttled login. The parameters travel with each hash.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** Hashes a password with scrypt; the result carries its own parameters and salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a stored scrypt hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A random token with 256 bits of entropy, URL-safe. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** SHA-256 in hex. Used for high-entropy secrets (session tokens, API secrets), never for passwords. */
export function sha256(value: string | Buffer): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** A readable one-time password: 16 characters from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The key that encrypts secrets at rest (AES-256-GCM), 32 bytes. */
export type SecretKey = Buffer & { readonly __secretKey: true };

const SEALED_PREFIX = 'v1:';

/**
 * The secret key: GERBANG_SECRET_KEY when set, else the key file (created on first start with 32 random bytes,
 * mode 0600; `wx` so two processes starting at once agree on the first one written).
 */
export function loadSecretKey(config: { secretKey: string | undefined; secretKeyFile: string }): SecretKey {
  if (config.secretKey) return Buffer.from(config.secretKey, 'base64') as SecretKey;
  try {
    fs.mkdirSync(path.dirname(config.secretKeyFile), { recursive: true });
    fs.writeFileSync(config.secretKeyFile, crypto.randomBytes(32).toString('base64') + '\n', {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(fs.readFileSync(config.secretKeyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${config.secretKeyFile} does not hold the base64 of 32 bytes`);
  return key as SecretKey;
}

/** Encrypts a secret for storage: `v1:` + base64url(iv ‖ ciphertext ‖ tag), AES-256-GCM. */
export function sealSecret(key: SecretKey, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** True when a stored secret is already encrypted (anything else is a plaintext written before encryption). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** Decrypts a stored secret; a plaintext one (from before encryption) is returned as it is. Throws on a wrong key. */
export function openSecret(key: SecretKey, stored: string): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** A key for one purpose derived from the secret key (HKDF-SHA256), so one key never serves two uses. */
export function deriveKey(key: SecretKey, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `gerbang:${purpose}`, 32));
}
