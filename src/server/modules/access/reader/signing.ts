/** The card-reader read message: what a device signs with its Ed25519 key, and how the server checks it. */
import crypto from 'node:crypto';

/** A read as a device submits it. */
export interface ReaderRead {
  deviceId: string;
  nik: string;
  fingerprintMatch: boolean;
  /** ISO-8601 instant of the read on the device. */
  timestamp: string;
  /** Random, never reused by the device. */
  nonce: string;
  /** Ed25519 signature (base64) over `readMessage`. */
  signature: string;
}

/** The bytes a device signs: the fields joined by newlines, in a fixed order. */
export function readMessage(r: Omit<ReaderRead, 'signature'>): Buffer {
  return Buffer.from(
    ['gerbang-reader-v1', r.deviceId, r.nik, r.fingerprintMatch ? '1' : '0', r.timestamp, r.nonce].join('\n'),
    'utf8',
  );
}

/** Signs a read with a device's private key (the simulator and tests). */
export function signRead(r: Omit<ReaderRead, 'signature'>, privateKey: crypto.KeyLike): ReaderRead {
  return { ...r, signature: crypto.sign(null, readMessage(r), privateKey).toString('base64') };
}

/** Whether the signature verifies under the device's public key. */
export function verifyRead(r: ReaderRead, publicKeyPem: string): boolean {
  try {
    return crypto.verify(null, readMessage(r), publicKeyPem, Buffer.from(r.signature, 'base64'));
  } catch {
    return false;
  }
}
