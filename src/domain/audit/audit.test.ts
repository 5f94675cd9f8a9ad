import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashNik } from '../nik/hash.js';
import { canonicalJson } from './canonical.js';
import {
  GENESIS_HASH,
  canonicalEntry,
  entryHash,
  generateAuditKeys,
  merkleRoot,
  sealBatch,
  verifyLog,
  type AuditBatch,
  type AuditEntry,
} from './audit.js';

const KEY = 'audit-nik-key';
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const signer = { privateKey, keyId: 'office-1' };

function entry(seq: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    id: `01J0000000000000000000${String(seq).padStart(4, '0')}`,
    time: new Date(Date.UTC(2025, 5, 2, 3, 0, seq)).toISOString(),
    action: 'CALL_NIK',
    actor: { kind: 'credential', id: 'cred-1' },
    institutionId: 'inst-1',
    pksId: 'pks-1',
    pksVersionHash: 'abc',
    elements: ['nik', 'nama_lengkap'],
    resultCode: '01',
    clientIp: '127.0.0.2',
    nikHash: hashNik(`33051217084500${String(seq % 100).padStart(2, '0')}`, KEY),
    ...over,
  };
}

// A log of 10 entries sealed in batches of 4, 4, 2.
function makeLog(): { entries: AuditEntry[]; batches: AuditBatch[] } {
  const entries = Array.from({ length: 10 }, (_, i) => entry(i + 1));
  const batches: AuditBatch[] = [];
  let prev: AuditBatch | null = null;
  for (const [from, to] of [
    [0, 4],
    [4, 8],
    [8, 10],
  ] as const) {
    prev = sealBatch(entries.slice(from, to), prev, signer, '2025-06-02T03:01:00.000Z');
    batches.push(prev);
  }
  return { entries, batches };
}

describe('canonical form and hashes', () => {
  it('sorts keys and omits undefined so equal entries hash equally', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(() => canonicalJson({ n: Infinity })).toThrow(RangeError);
    const e = entry(1);
    const shuffled = Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEntry;
    expect(entryHash(shuffled)).toBe(entryHash(e));
    expect(entryHash({ ...e, seq: 99 })).toBe(entryHash(e));
    expect(entryHash({ ...e, resultCode: '13' })).not.toBe(entryHash(e));
  });

  it('never carries a NIK in the clear', () => {
    const bytes = canonicalEntry(entry(1)).toString();
    expect(bytes).not.toMatch(/3305121708450001/);
    expect(() => entryHash(entry(1, { detail: { nik: '3305121708450001' } }))).toThrow(/NIK/);
    expect(() => entryHash(entry(1, { actor: { kind: 'device', id: 'reader 3305121708450001' } }))).toThrow(/NIK/);
  });

  it('builds Merkle roots that depend on every leaf and on order', () => {
    const hs = Array.from({ length: 5 }, (_, i) => entryHash(entry(i + 1)));
    const root = merkleRoot(hs);
    expect(merkleRoot([...hs])).toBe(root);
    expect(merkleRoot([hs[1], hs[0], ...hs.slice(2)] as string[])).not.toBe(root);
    expect(merkleRoot(hs.slice(0, 4))).not.toBe(root);
    expect(merkleRoot([hs[0] as string])).toMatch(/^[0-9a-f]{64}$/);
    expect(() => merkleRoot([])).toThrow();
  });
});

describe('sealing', () => {
  it('links batches and refuses gaps', () => {
    const { batches, entries } = makeLog();
    expect(batches[0]?.prevBatchHash).toBe(GENESIS_HASH);
    expect(batches[1]?.prevBatchHash).toBe(batches[0]?.batchHash);
    expect(batches.map((b) => [b.firstSeq, b.lastSeq])).toEqual([
      [1, 4],
      [5, 8],
      [9, 10],
    ]);
    expect(() => sealBatch([entries[5] as AuditEntry], batches[0] ?? null, signer, new Date())).toThrow(
      /expected seq 5/,
    );
  });
});

describe('verifyLog', () => {
  it('accepts an untouched log', () => {
    const { entries, batches } = makeLog();
    const report = verifyLog(batches, entries, publicKey);
    expect(report).toMatchObject({ ok: true, problems: [], batches: 3, sealedEntries: 10, unsealed: 0 });
    const pem = generateAuditKeys();
    expect(pem.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(verifyLog(batches, entries, (id) => (id === 'office-1' ? publicKey : undefined)).ok).toBe(true);
  });

  it('names rows after the last batch as appended: entries commit with their batch, so none is ever unsealed', () => {
    const { entries, batches } = makeLog();
    const report = verifyLog(batches, [...entries, entry(11), entry(12)], publicKey);
    expect(report).toMatchObject({ ok: false, unsealed: 2 });
    expect(report.firstEntryProblem).toMatchObject({ kind: 'appended', seq: 11 });
  });

  it('names an altered entry', () => {
    const { entries, batches } = makeLog();
    entries[5] = { ...(entries[5] as AuditEntry), resultCode: '13' };
    const r = verifyLog(batches, entries, publicKey);
    expect(r.ok).toBe(false);
    expect(r.firstEntryProblem).toMatchObject({ kind: 'altered', seq: 6 });
  });

  it('names a deleted entry, with or without renumbering of later rows', () => {
    const { entries, batches } = makeLog();
    const gap = entries.filter((e) => e.seq !== 3);
    expect(verifyLog(batches, gap, publicKey).firstEntryProblem).toMatchObject({ kind: 'removed', seq: 3 });
    const renumbered = gap.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyLog(batches, renumbered, publicKey).firstEntryProblem).toMatchObject({ kind: 'removed', seq: 3 });
    expect(verifyLog(batches, entries.slice(0, 9), publicKey).firstEntryProblem).toMatchObject({
      kind: 'removed',
      seq: 10,
    });
  });

  it('names an inserted entry, a forged one and a replayed copy', () => {
    const { entries, batches } = makeLog();
    const forged = { ...entry(5), id: '01J00000000000000000FORGED', seq: 5 };
    const shifted = [...entries.slice(0, 4), forged, ...entries.slice(4).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verifyLog(batches, shifted, publicKey).firstEntryProblem).toMatchObject({ kind: 'inserted', seq: 5 });
    const replay = [
      ...entries.slice(0, 7),
      { ...(entries[1] as AuditEntry), seq: 8 },
      ...entries.slice(7).map((e) => ({ ...e, seq: e.seq + 1 })),
    ];
    expect(verifyLog(batches, replay, publicKey).firstEntryProblem).toMatchObject({ kind: 'inserted', seq: 8 });
    const replayAtEnd = [...entries, { ...(entries[0] as AuditEntry), seq: 11 }];
    expect(verifyLog(batches, replayAtEnd, publicKey).firstEntryProblem).toMatchObject({ kind: 'inserted', seq: 11 });
  });

  it('names a reordered entry', () => {
    const { entries, batches } = makeLog();
    const swapped = entries.map((e) => (e.seq === 7 ? { ...e, seq: 8 } : e.seq === 8 ? { ...e, seq: 7 } : e));
    const r = verifyLog(batches, swapped, publicKey);
    expect(r.firstEntryProblem).toMatchObject({ kind: 'reordered', seq: 7 });
    // The input order of rows does not matter, only their sequence numbers.
    expect(verifyLog(batches, [...entries].reverse(), publicKey).ok).toBe(true);
  });

  it('detects a bad signature, a changed header, a removed batch and a rewritten batch', () => {
    const { entries, batches } = makeLog();
    const other = generateKeyPairSync('ed25519');
    const r1 = verifyLog(batches, entries, other.publicKey);
    expect(r1.problems.filter((p) => p.kind === 'bad_signature').map((p) => p.batchSeq)).toEqual([1, 2, 3]);

    const changed = batches.map((b) => (b.batchSeq === 2 ? { ...b, sealedAt: '2030-01-01T00:00:00.000Z' } : b));
    expect(verifyLog(changed, entries, publicKey).problems).toContainEqual(
      expect.objectContaining({ kind: 'bad_batch', batchSeq: 2 }),
    );

    const dropped = [batches[0], batches[2]] as AuditBatch[];
    expect(verifyLog(dropped, entries, publicKey).problems).toContainEqual(
      expect.objectContaining({ kind: 'broken_link', batchSeq: 3 }),
    );

    // Rewriting an entry and re-hashing the batch without the office key still fails the signature.
    const tampered = entries.map((e) => (e.seq === 2 ? { ...e, resultCode: '13' } : e));
    const b0 = batches[0] as AuditBatch;
    const hashes = tampered.slice(0, 4).map(entryHash);
    const rewritten = { ...b0, entryHashes: hashes, merkleRoot: merkleRoot(hashes) };
    const r2 = verifyLog([rewritten, ...batches.slice(1)], tampered, publicKey);
    expect(r2.ok).toBe(false);
    expect(r2.problems.map((p) => p.kind)).toContain('bad_batch');
  });
});
