/**
 * Secrets of the data-access side kept in DATA_DIR (mode 0600), created on first start: the office's Ed25519
 * audit signing key and the key of the NIK hash. They never enter the database; the public key does, as a cache.
 *
 * Trust in the signing key does not come from the database: the trust file (config.auditTrustFile, by default
 * DATA_DIR/audit-trust.json, or GERBANG_AUDIT_TRUST) pins the public keys, by fingerprint, that may sign the log.
 * It is written on first start with the key just created; a server whose key is not pinned there does not start,
 * and `gerbang audit verify` treats a batch or head signed by any other key as foreign (ADR 0008). Keep a copy of
 * the trust file (or its fingerprints) where whoever can write DATA_DIR cannot.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateAuditKeys } from '../../../../domain/audit/audit.js';
import { PinnedKeys, keyFingerprint, type PinnedKey } from '../../../../domain/audit/heads.js';

/** Where the audit log's anchors outside the database live. */
export interface AuditFiles {
  trustFile: string;
  witnessFile: string;
}

/** The loaded keys. */
export interface AccessKeys {
  signer: { privateKey: KeyObject; keyId: string };
  publicKeyPem: string;
  /** SHA-256 of the signing key's SPKI, hex (printed at start, published on the register). */
  fingerprint: string;
  nikKey: Buffer;
  /** The keys the trust file pins (the signing key among them). */
  pinned: PinnedKeys;
  files: AuditFiles;
}

/** Thrown when the signing key is not pinned or the trust file is unreadable: the server must not start. */
export class AuditTrustError extends Error {}

function writeSecret(file: string, content: string | Buffer, mode = 0o600) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // 'wx': never overwrite a key another process has just created.
  try {
    fs.writeFileSync(file, content, { mode, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** A key id: the first 16 hex digits of the SHA-256 of the public key PEM. */
export function keyIdOf(publicKeyPem: string): string {
  return crypto.createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16);
}

/** The anchors' paths from a configuration (or, given only a data directory, their defaults there). */
export function auditFiles(c: string | { dataDir: string; auditTrustFile?: string; auditWitnessFile?: string }) {
  const dataDir = typeof c === 'string' ? c : c.dataDir;
  return {
    trustFile: (typeof c === 'string' ? undefined : c.auditTrustFile) ?? path.join(dataDir, 'audit-trust.json'),
    witnessFile: (typeof c === 'string' ? undefined : c.auditWitnessFile) ?? path.join(dataDir, 'audit-witness.jsonl'),
  };
}

/** A pin for a public key. */
export function pinFor(publicKeyPem: string): PinnedKey {
  return { keyId: keyIdOf(publicKeyPem), publicKey: publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

/** Reads a trust file: `{"keys":[{keyId, publicKey, fingerprint}]}`; throws AuditTrustError when it is not one. */
export function readTrustFile(file: string): PinnedKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditTrustError(`cannot read the audit trust file ${file}: ${(e as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || !keys.length) throw new AuditTrustError(`${file} pins no audit key ("keys" is empty)`);
  const pins: PinnedKey[] = [];
  for (const k of keys as Partial<PinnedKey>[]) {
    if (typeof k?.publicKey !== 'string' || typeof k.fingerprint !== 'string')
      throw new AuditTrustError(`${file}: every key needs "publicKey" (PEM) and "fingerprint"`);
    const pin = pinFor(k.publicKey);
    if (pin.fingerprint !== k.fingerprint.replace(/^SHA256:|\s/g, '').toLowerCase())
      throw new AuditTrustError(`${file}: the fingerprint of key ${pin.keyId} does not match its public key`);
    pins.push(pin);
  }
  return new PinnedKeys(pins);
}

/** Writes a trust file pinning the given keys (first start; `gerbang audit trust` to add a rotated key). */
export function writeTrustFile(file: string, pins: readonly PinnedKey[], exclusive = true) {
  const body = JSON.stringify({ v: 1, keys: pins.map((p) => ({ ...p, addedAt: new Date().toISOString() })) }, null, 2);
  // Owner-only like the keys: whoever can rewrite the pins can make a forged log verify.
  if (exclusive) writeSecret(file, body + '\n', 0o600);
  else fs.writeFileSync(file, body + '\n', { mode: 0o600 });
}

/**
 * Loads (creating on first use) the audit signing key and the NIK hash key from DATA_DIR, and the pinned keys
 * (creating the trust file with the signing key when there is none). Throws AuditTrustError when the signing
 * key is not pinned: a replaced key file must not sign a log anyone would trust.
 */
export function loadAccessKeys(
  config: string | { dataDir: string; auditTrustFile?: string; auditWitnessFile?: string },
): AccessKeys {
  const dataDir = typeof config === 'string' ? config : config.dataDir;
  const files = auditFiles(config);
  const signingFile = path.join(dataDir, 'audit-signing-key.pem');
  const nikFile = path.join(dataDir, 'nik-hash.key');
  if (!fs.existsSync(signingFile)) writeSecret(signingFile, generateAuditKeys().privateKey);
  if (!fs.existsSync(nikFile)) writeSecret(nikFile, crypto.randomBytes(32).toString('hex'));
  const privateKey = crypto.createPrivateKey(fs.readFileSync(signingFile, 'utf8'));
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const pin = pinFor(publicKeyPem);
  if (!fs.existsSync(files.trustFile)) writeTrustFile(files.trustFile, [pin]);
  const pinned = readTrustFile(files.trustFile);
  if (!pinned.has(pin.keyId))
    throw new AuditTrustError(
      `the audit signing key (${pin.fingerprint}) is not pinned in ${files.trustFile}: ` +
        'restore the pinned key, or pin this one deliberately (gerbang audit trust add)',
    );
  return {
    signer: { privateKey, keyId: pin.keyId },
    publicKeyPem,
    fingerprint: pin.fingerprint,
    nikKey: Buffer.from(fs.readFileSync(nikFile, 'utf8').trim(), 'hex'),
    pinned,
    files,
  };
}
