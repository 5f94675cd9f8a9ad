import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryHash, merkleRoot, type AuditEntry } from './audit.js';
import {
  PinnedKeys,
  keyFingerprint,
  signTreeHead,
  treeHeadSigned,
  verifyInclusionBundle,
  type InclusionProofBundle,
} from './heads.js';
import { inclusionProof, leafHash, treeRoot } from './merkle.js';

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { pem, privateKey, keyId: createHash('sha256').update(pem).digest('hex').slice(0, 16) };
};

function entry(seq: number): AuditEntry {
  return {
    seq,
    id: `01J00000000000000000000${String(seq).padStart(3, '0')}`,
    time: '2026-12-01T00:00:00.000Z',
    action: 'CALL_NIK',
    actor: { kind: 'credential', id: 'cred' },
    institutionId: 'inst',
    pksId: 'pks',
    pksVersionHash: null,
    elements: ['NIK'],
    resultCode: '01',
    clientIp: '127.0.0.1',
    nikHash: 'f'.repeat(64),
  };
}

describe('tree heads, pinned keys and inclusion proofs', () => {
  it("keeps each batch's Merkle root the RFC 6962 hash of its own leaves", () => {
    for (let n = 1; n <= 70; n++) {
      const hs = Array.from({ length: n }, (_, i) => entryHash(entry(i + 1)));
      expect(treeRoot(hs.map((h) => leafHash(Buffer.from(h, 'hex')))).toString('hex')).toBe(merkleRoot(hs));
    }
  });

  it('signs heads that only the pinned key verifies, and pins keys by fingerprint', () => {
    const k = pair();
    const other = pair();
    const head = signTreeHead({ treeSize: 3, rootHash: 'a'.repeat(64), timestamp: '2026-12-01T00:00:00Z' }, k);
    expect(treeHeadSigned(head, k.pem)).toBe(true);
    expect(treeHeadSigned(head, other.pem)).toBe(false);
    expect(treeHeadSigned({ ...head, treeSize: 4 }, k.pem)).toBe(false);
    expect(treeHeadSigned({ ...head, rootHash: 'b'.repeat(64) }, k.pem)).toBe(false);
    expect(
      () => new PinnedKeys([{ keyId: k.keyId, publicKey: k.pem, fingerprint: keyFingerprint(other.pem) }]),
    ).toThrow(/fingerprint/);
  });

  it('checks an inclusion proof offline and refuses every altered part', () => {
    const k = pair();
    const entries = Array.from({ length: 11 }, (_, i) => entry(i + 1));
    const leaves = entries.map((e) => leafHash(Buffer.from(entryHash(e), 'hex')));
    const head = signTreeHead(
      { treeSize: 11, rootHash: treeRoot(leaves).toString('hex'), timestamp: '2026-12-01T00:00:00Z' },
      k,
    );
    const bundle: InclusionProofBundle = {
      v: 1,
      entry: entries[6] as AuditEntry,
      leafIndex: 6,
      treeSize: 11,
      path: inclusionProof(leaves, 6).map((b) => b.toString('hex')),
      head,
    };
    const pinned = new PinnedKeys([{ keyId: k.keyId, publicKey: k.pem, fingerprint: keyFingerprint(k.pem) }]);
    expect(verifyInclusionBundle(bundle, pinned)).toEqual({ ok: true });
    const fails = [
      { ...bundle, entry: { ...bundle.entry, resultCode: '13' } },
      { ...bundle, leafIndex: 5, entry: { ...bundle.entry, seq: 6 } },
      { ...bundle, path: bundle.path.slice(1) },
      { ...bundle, head: { ...head, rootHash: 'c'.repeat(64) } },
      { ...bundle, treeSize: 12 },
    ];
    for (const f of fails) expect(verifyInclusionBundle(f, pinned).ok).toBe(false);
    const stranger = pair();
    const foreign = new PinnedKeys([
      { keyId: stranger.keyId, publicKey: stranger.pem, fingerprint: keyFingerprint(stranger.pem) },
    ]);
    expect(verifyInclusionBundle(bundle, foreign).problem?.en).toMatch(/not pinned/);
  });
});
