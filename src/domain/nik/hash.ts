import { createHmac } from 'node:crypto';

// Apart from nik.ts, whose checks the web app bundles: a browser has no node:crypto.

/**
 * The keyed hash of a NIK that audit records and usage counters store instead of the NIK (HMAC-SHA256, hex).
 * Keyed so that the 10^16-sized NIK space cannot be brute-forced from a leaked log without the key.
 */
export function hashNik(nik: string, key: string | Buffer): string {
  return createHmac('sha256', key).update(nik).digest('hex');
}

/** A NIK hasher bound to one key, for call sites that should not pass the key around. */
export function nikHasher(key: string | Buffer): (nik: string) => string {
  const k = typeof key === 'string' ? Buffer.from(key) : Buffer.from(key);
  return (nik) => createHmac('sha256', k).update(nik).digest('hex');
}
