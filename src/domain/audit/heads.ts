/**
 * Signed tree heads and the keys they are checked against (docs/decisions/0008-audit-anchoring.md).
 *
 * Every sealed batch advances the log's Merkle tree (merkle.ts) over ALL entries sealed so far; its signed tree
 * head (size, root, time, key) is what leaves the database: published at GET /api/audit/heads, appended to the
 * witness file, saved by anyone who wants to hold the operator to it. A head is only as good as the key that
 * signed it, so keys are trusted only when pinned outside the database (`PinnedKeys`, the trust file):
 * `audit_keys` is a cache of public keys, never a source of trust.
 */
import { createPublicKey, sign, verify, hash, type KeyObject } from 'node:crypto';
import type { Message } from '../errors.js';
import { canonicalJson } from './canonical.js';
import { entryHash, type AuditEntry, type AuditSigner, type KeyLike } from './audit.js';
import { leafHash, verifyInclusion } from './merkle.js';

/** A signed tree head: the log's first `treeSize` entries have Merkle root `rootHash`. */
export interface TreeHead {
  treeSize: number;
  /** MTH of the leaves, hex. */
  rootHash: string;
  /** When the head was signed (the batch's sealedAt), ISO-8601 UTC. */
  timestamp: string;
  keyId: string;
  /** Ed25519 over treeHeadMessage, base64. */
  signature: string;
}

/** The bytes a tree head's signature covers. */
export function treeHeadMessage(h: Omit<TreeHead, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({
      v: 1,
      type: 'gerbang-audit-tree-head',
      treeSize: h.treeSize,
      rootHash: h.rootHash,
      timestamp: h.timestamp,
      keyId: h.keyId,
    }),
    'utf8',
  );
}

/** Signs a tree head. */
export function signTreeHead(
  body: { treeSize: number; rootHash: string; timestamp: string },
  signer: AuditSigner,
): TreeHead {
  // Members named, not spread: one hidden class for every head (the writer signs one per batch).
  const unsigned = { treeSize: body.treeSize, rootHash: body.rootHash, timestamp: body.timestamp, keyId: signer.keyId };
  const signature = sign(null, treeHeadMessage(unsigned), signer.privateKey).toString('base64');
  return {
    treeSize: unsigned.treeSize,
    rootHash: unsigned.rootHash,
    timestamp: unsigned.timestamp,
    keyId: unsigned.keyId,
    signature,
  };
}

/** Whether a head's signature verifies with the key (false for any malformed head or key). */
export function treeHeadSigned(h: TreeHead, key: KeyLike | undefined): boolean {
  if (!key) return false;
  try {
    return verify(null, treeHeadMessage(h), key, Buffer.from(h.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Whether a value has the shape of a tree head (read from a file or a client). */
export function isTreeHead(v: unknown): v is TreeHead {
  const h = v as Partial<TreeHead> | null;
  return (
    typeof h === 'object' &&
    h !== null &&
    Number.isSafeInteger(h.treeSize) &&
    (h.treeSize as number) >= 0 &&
    typeof h.rootHash === 'string' &&
    /^[0-9a-f]{64}$/.test(h.rootHash) &&
    typeof h.timestamp === 'string' &&
    typeof h.keyId === 'string' &&
    typeof h.signature === 'string'
  );
}

/** SHA-256 of the key's SubjectPublicKeyInfo (DER), hex: what an operator compares by eye. */
export function keyFingerprint(publicKey: KeyLike): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return hash('sha256', key.export({ type: 'spki', format: 'der' }), 'hex');
}

/** A fingerprint as printed: SHA256:ab12 cd34 … in groups of four. */
export function formatFingerprint(fp: string): string {
  return 'SHA256:' + (fp.match(/.{1,4}/g) ?? []).join(' ');
}

/** One key trusted to sign the log. */
export interface PinnedKey {
  keyId: string;
  /** SPKI PEM. */
  publicKey: string;
  fingerprint: string;
}

/** The keys trusted to sign, pinned outside the database. */
export class PinnedKeys {
  private readonly byId = new Map<string, { pin: PinnedKey; key: KeyObject }>();

  constructor(readonly keys: readonly PinnedKey[]) {
    for (const k of keys) {
      const key = createPublicKey(k.publicKey);
      // A pin names its key by fingerprint: a file whose PEM and fingerprint disagree pins nothing.
      if (keyFingerprint(key) !== k.fingerprint) throw new RangeError(`pinned key ${k.keyId}: fingerprint mismatch`);
      this.byId.set(k.keyId, { pin: k, key });
    }
  }

  /** The pinned public key of a key id, or undefined when the id is not pinned. */
  key(keyId: string): KeyObject | undefined {
    return this.byId.get(keyId)?.key;
  }

  /** Whether a key id is pinned. */
  has(keyId: string): boolean {
    return this.byId.has(keyId);
  }
}

/** An inclusion proof as `gerbang audit prove` prints it: checkable with no database. */
export interface InclusionProofBundle {
  v: 1;
  /** The entry as sealed (seq = leafIndex + 1). */
  entry: AuditEntry;
  leafIndex: number;
  treeSize: number;
  /** Subtree hashes, hex, nearest the leaf first (RFC 9162 §2.1.3.1). */
  path: string[];
  /** The signed head the path leads to. */
  head: TreeHead;
}

/** The verdict on an inclusion proof. */
export interface ProofVerdict {
  ok: boolean;
  problem?: Message;
}

/** Checks an inclusion proof offline: the entry's leaf, the path to the head's root, the head's pinned signature. */
export function verifyInclusionBundle(p: InclusionProofBundle, keys: PinnedKeys): ProofVerdict {
  const fail = (id: string, en: string): ProofVerdict => ({ ok: false, problem: { id, en } });
  if (!p || typeof p !== 'object' || !isTreeHead(p.head) || !Array.isArray(p.path) || !p.entry)
    return fail('Berkas bukti tidak berbentuk bukti inklusi.', 'The file is not an inclusion proof.');
  if (p.head.treeSize !== p.treeSize || p.entry.seq !== p.leafIndex + 1)
    return fail('Ukuran pohon atau posisi entri tidak cocok.', 'The tree size or the entry position does not match.');
  if (!keys.has(p.head.keyId))
    return fail(
      `Kepala pohon ditandatangani kunci ${p.head.keyId} yang tidak disematkan.`,
      `The tree head is signed by key ${p.head.keyId}, which is not pinned.`,
    );
  if (!treeHeadSigned(p.head, keys.key(p.head.keyId)))
    return fail('Tanda tangan kepala pohon tidak sah.', 'The tree head signature does not verify.');
  let leaf: Buffer;
  try {
    leaf = leafHash(Buffer.from(entryHash(p.entry), 'hex'));
  } catch {
    return fail('Entri dalam bukti tidak sah.', 'The entry in the proof is malformed.');
  }
  const path = p.path.map((h) => (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, 'hex') : null));
  if (path.some((h) => h === null)) return fail('Jalur bukti rusak.', 'The proof path is malformed.');
  if (!verifyInclusion(p.leafIndex, p.treeSize, leaf, path as Buffer[], Buffer.from(p.head.rootHash, 'hex')))
    return fail(
      'Entri tidak termasuk dalam pohon kepala ini (entri atau jalur diubah).',
      'The entry is not in the tree of this head (the entry or the path was changed).',
    );
  return { ok: true };
}
