/**
 * Secrets of the data-access side kept in DATA_DIR (mode 0600), created on first start: the office's Ed25519
 * audit signing key and the key of the NIK hash. They never enter the database; the public key does.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateAuditKeys } from '../../../../domain/audit/audit.js';

/** The loaded keys. */
export interface AccessKeys {
  signer: { privateKey: KeyObject; keyId: string };
  publicKeyPem: string;
  nikKey: Buffer;
}

function writeSecret(file: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // 'wx': never overwrite a key another process has just created.
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** A key id: the first 16 hex digits of the SHA-256 of the public key PEM. */
export function keyIdOf(publicKeyPem: string): string {
  return crypto.createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16);
}

/** Loads (creating on first use) the audit signing key and the NIK hash key from DATA_DIR. */
export function loadAccessKeys(dataDir: string): AccessKeys {
  const signingFile = path.join(dataDir, 'audit-signing-key.pem');
  const nikFile = path.join(dataDir, 'nik-hash.key');
  if (!fs.existsSync(signingFile)) writeSecret(signingFile, generateAuditKeys().privateKey);
  if (!fs.existsSync(nikFile)) writeSecret(nikFile, crypto.randomBytes(32).toString('hex'));
  const privateKey = crypto.createPrivateKey(fs.readFileSync(signingFile, 'utf8'));
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    signer: { privateKey, keyId: keyIdOf(publicKeyPem) },
    publicKeyPem,
    nikKey: Buffer.from(fs.readFileSync(nikFile, 'utf8').trim(), 'hex'),
  };
}
