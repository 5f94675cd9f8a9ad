/**
 * The tamper-evident audit log. Every data call and administrative decision is an entry; entries are sealed
 * in batches whose Merkle root, range and link to the previous batch are hashed and signed with the
 * operating office's Ed25519 key. Verification recomputes everything and names the first entry that was
 * altered, removed, inserted or reordered, and every bad signature or broken link.
 *
 * Positions are committed by the Merkle leaf order and the batch's sequence range, not by a `seq` field
 * inside the hashed bytes: an entry's hash is about what happened, so a deletion that renumbers later rows
 * still shows as one removal rather than as every later entry "altered".
 * NIKs never enter the log: only their keyed hash (nik/hashNik), and sealing refuses anything that looks
 * like a NIK in the clear.
 */
import { generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import type { Message } from '../errors.js';
import { canonicalJson, type CanonicalValue } from './canonical.js';
import { leafOfHex, nodeHash } from './merkle.js';

/** Every kind of actor an entry names. */
export const ACTOR_KINDS = ['credential', 'device', 'operator', 'user', 'system'] as const;
/** A web-service credential, a card-reader device, a portal operator, an office or institution user, the system. */
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who acted: a web-service credential, a card-reader device, a portal operator, an office user, the system. */
export interface AuditActor {
  kind: ActorKind;
  id: string;
  /** The person behind a device or shared credential, when known. */
  operatorId?: string | null;
}

/** One audit record. */
export interface AuditEntry {
  /** Position in the log, from 1, contiguous. Not hashed: the batch commits positions. */
  seq: number;
  /** Unique id (ULID): makes two identical calls in the same millisecond distinct entries. */
  id: string;
  /** ISO-8601 UTC instant. */
  time: string;
  /** What happened: "CALL_NIK", "CALL_VERIFY_BY_ELEMEN", "reader.read", "grant.suspend", … */
  action: string;
  actor: AuditActor;
  institutionId: string | null;
  pksId: string | null;
  pksVersionHash: string | null;
  /** Element codes (or field names) disclosed or asked for. */
  elements: readonly string[];
  /** Dukcapil response code for data calls, or an outcome word for decisions. */
  resultCode: string;
  clientIp: string | null;
  /** HMAC-SHA256 of the NIK concerned (nik/hashNik), never the NIK. */
  nikHash: string | null;
  /** Small extra facts (environment, reason, counts); strings, numbers, booleans or null. */
  detail?: Readonly<Record<string, string | number | boolean | null>>;
}

/** A sealed batch of consecutive entries. */
export interface AuditBatch {
  /** 1, 2, 3, … */
  batchSeq: number;
  firstSeq: number;
  lastSeq: number;
  /** The entries' hashes in order; the Merkle leaves, kept so verification can name the entry that differs. */
  entryHashes: readonly string[];
  merkleRoot: string;
  /** batchHash of the previous batch, or GENESIS_HASH for the first. */
  prevBatchHash: string;
  sealedAt: string;
  /** Which office key signed (key rotation). */
  keyId: string;
  /** SHA-256 of the canonical header (everything above except entryHashes). */
  batchHash: string;
  /** Ed25519 signature over the 32 bytes of batchHash, base64. */
  signature: string;
}

/** prevBatchHash of the first batch. */
export const GENESIS_HASH = '0'.repeat(64);

const NIK_LIKE = /(^|\D)\d{16}(\D|$)/;

function sha256(data: string | Buffer): Buffer {
  // One-shot hash: no Hash object per call (the Merkle tree hashes once per entry on the request path).
  return hash('sha256', data, 'buffer');
}

function checkNoNik(entry: AuditEntry): void {
  // Hashes are hex and may contain 16-digit runs by chance, so only the free-form members are scanned.
  const free: (string | null | undefined)[] = [
    entry.id,
    entry.action,
    entry.actor.id,
    entry.actor.operatorId,
    entry.institutionId,
    entry.pksId,
    entry.clientIp,
    entry.resultCode,
    ...entry.elements,
  ];
  if (entry.detail) for (const v of Object.values(entry.detail)) if (typeof v === 'string') free.push(v);
  for (const s of free)
    if (typeof s === 'string' && NIK_LIKE.test(s))
      throw new RangeError('audit entry carries a NIK-like number in the clear');
}

/** The canonical bytes of an entry (without seq); throws if a NIK-like number appears in the clear. */
export function canonicalEntry(entry: AuditEntry): Buffer {
  // A copy first, each member read once: what is scanned for a NIK is what is serialised.
  const copy: AuditEntry = {
    seq: 0,
    id: entry.id,
    time: entry.time,
    action: entry.action,
    actor: { kind: entry.actor.kind, id: entry.actor.id, operatorId: entry.actor.operatorId ?? null },
    institutionId: entry.institutionId,
    pksId: entry.pksId,
    pksVersionHash: entry.pksVersionHash,
    elements: [...entry.elements],
    resultCode: entry.resultCode,
    clientIp: entry.clientIp,
    nikHash: entry.nikHash,
    detail: entry.detail ? { ...entry.detail } : undefined,
  };
  checkNoNik(copy);
  const value: CanonicalValue = {
    v: 1,
    id: copy.id,
    time: copy.time,
    action: copy.action,
    actor: copy.actor as unknown as CanonicalValue,
    institutionId: copy.institutionId,
    pksId: copy.pksId,
    pksVersionHash: copy.pksVersionHash,
    elements: copy.elements,
    resultCode: copy.resultCode,
    clientIp: copy.clientIp,
    nikHash: copy.nikHash,
    detail: copy.detail ?? null,
  };
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** SHA-256 of the canonical bytes, hex. */
export function entryHash(entry: AuditEntry): string {
  return sha256(canonicalEntry(entry)).toString('hex');
}

/**
 * Merkle root (hex) over entry hashes: leaves SHA-256(0x00 ‖ h), nodes SHA-256(0x01 ‖ left ‖ right), an odd
 * node promoted unchanged. The prefixes keep a leaf from passing for a node (RFC 6962 style); promoting
 * instead of duplicating keeps two different lists from sharing a root (pairing bottom-up and promoting the odd
 * node gives RFC 6962's MTH). `leaves` are the leaf hashes when the caller has them already (the writer computes
 * them once for the batch and the log's tree).
 */
export function merkleRoot(hashes: readonly string[], leaves?: readonly Buffer[]): string {
  if (hashes.length === 0) throw new RangeError('merkleRoot: no leaves');
  if (leaves && leaves.length !== hashes.length) throw new RangeError('merkleRoot: leaves do not match hashes');
  let level: Buffer[] = leaves ? leaves.slice() : hashes.map(leafOfHex);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const l = level[i] as Buffer; // i < level.length
      const r = level[i + 1];
      next.push(r ? nodeHash(l, r) : l);
    }
    level = next;
  }
  return (level[0] as Buffer).toString('hex'); // one element remains
}

/** A key as node:crypto accepts it: a KeyObject or a PEM string. */
export type KeyLike = KeyObject | string;

/** The office signing key. */
export interface AuditSigner {
  privateKey: KeyLike;
  keyId: string;
}

/** A fresh Ed25519 key pair as PEM, for an office's audit signing key. */
export function generateAuditKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function headerHash(b: Omit<AuditBatch, 'entryHashes' | 'batchHash' | 'signature'>): string {
  return sha256(
    canonicalJson({
      v: 1,
      batchSeq: b.batchSeq,
      firstSeq: b.firstSeq,
      lastSeq: b.lastSeq,
      merkleRoot: b.merkleRoot,
      prevBatchHash: b.prevBatchHash,
      sealedAt: b.sealedAt,
      keyId: b.keyId,
    }),
  ).toString('hex');
}

/**
 * Seals the next batch: entries must continue the log exactly (seq = previous lastSeq + 1, +2, …).
 * Pass the entry hashes (and their leaf hashes) when the caller has them already (group commit computes them once).
 */
export function sealBatch(
  entries: readonly AuditEntry[],
  prev: AuditBatch | null,
  signer: AuditSigner,
  sealedAt: Date | string,
  hashes?: readonly string[],
  leaves?: readonly Buffer[],
): AuditBatch {
  if (entries.length === 0) throw new RangeError('sealBatch: no entries');
  const firstSeq = prev ? prev.lastSeq + 1 : 1;
  entries.forEach((e, i) => {
    if (e.seq !== firstSeq + i) throw new RangeError(`sealBatch: expected seq ${firstSeq + i}, got ${e.seq}`);
  });
  const entryHashes = hashes ? [...hashes] : entries.map(entryHash);
  if (entryHashes.length !== entries.length) throw new RangeError('sealBatch: hashes do not match entries');
  const header = {
    batchSeq: prev ? prev.batchSeq + 1 : 1,
    firstSeq,
    lastSeq: firstSeq + entries.length - 1,
    merkleRoot: merkleRoot(entryHashes, leaves),
    prevBatchHash: prev ? prev.batchHash : GENESIS_HASH,
    sealedAt: typeof sealedAt === 'string' ? sealedAt : sealedAt.toISOString(),
    keyId: signer.keyId,
  };
  const batchHash = headerHash(header);
  const signature = sign(null, Buffer.from(batchHash, 'hex'), signer.privateKey).toString('base64');
  return {
    batchSeq: header.batchSeq,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    entryHashes,
    merkleRoot: header.merkleRoot,
    prevBatchHash: header.prevBatchHash,
    sealedAt: header.sealedAt,
    keyId: header.keyId,
    batchHash,
    signature,
  };
}

/** Every kind of tampering verification names. */
export const PROBLEM_KINDS = [
  'altered',
  'removed',
  'inserted',
  'reordered',
  'bad_signature',
  'broken_link',
  'bad_batch',
  // Rows after the last sealed batch: never sealed, appended after the tail.
  'appended',
  // Signed by a key that is not pinned outside the database (audit_keys is no source of trust).
  'foreign_key',
  // The log is shorter than a head seen outside it (witness file, a saved head): newest batches removed.
  'truncated',
  // A head seen outside the log no longer matches it: the log was rewritten and re-sealed.
  'rewritten',
  // A stored tree head does not verify, does not match the tree, or is missing for a batch.
  'bad_head',
  // A line of the witness file that is not a head signed by a pinned key.
  'bad_witness',
] as const;
/** What kind of tampering a problem shows. */
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** One finding of verification. */
export interface LogProblem {
  kind: ProblemKind;
  /** The entry concerned (its sealed position), for entry problems. */
  seq?: number;
  /** The batch concerned, for batch problems. */
  batchSeq?: number;
  message: Message;
}

/** The verdict over a whole log. */
export interface VerifyReport {
  ok: boolean;
  /** The first entry problem (by position), then every batch problem. */
  problems: LogProblem[];
  /** The first altered/removed/inserted/reordered entry, or null. */
  firstEntryProblem: LogProblem | null;
  batches: number;
  sealedEntries: number;
  /** Entries after the last sealed batch (normal between group commits; not yet protected). */
  unsealed: number;
}

/** Public keys by keyId, or a single key for every batch. */
export type PublicKeys = KeyLike | ((keyId: string) => KeyLike | undefined);

function msg(id: string, en: string): Message {
  return { id, en };
}

/** The header of a batch: everything but its entry hashes. */
export type BatchHeader = Omit<AuditBatch, 'entryHashes'>;

/** The chain position a batch must continue. */
export type ChainTip = Pick<AuditBatch, 'batchSeq' | 'lastSeq' | 'batchHash'> | null;

/** Problems of a batch header against the batch before it: header hash, link, range. */
export function headerProblems(b: BatchHeader, prev: ChainTip): LogProblem[] {
  const problems: LogProblem[] = [];
  const where = { batchSeq: b.batchSeq };
  if (headerHash(b) !== b.batchHash)
    problems.push({
      kind: 'bad_batch',
      ...where,
      message: msg('Kepala batch diubah.', 'The batch header was changed.'),
    });
  const expectedPrev = prev ? prev.batchHash : GENESIS_HASH;
  const expectedBatchSeq = prev ? prev.batchSeq + 1 : 1;
  const expectedFirst = prev ? prev.lastSeq + 1 : 1;
  if (b.prevBatchHash !== expectedPrev || b.batchSeq !== expectedBatchSeq || b.firstSeq !== expectedFirst)
    problems.push({
      kind: 'broken_link',
      ...where,
      message: msg(
        'Rantai batch terputus (batch hilang, disisipkan atau diubah).',
        'The batch chain is broken (a batch was removed, inserted or changed).',
      ),
    });
  return problems;
}

/** Whether a batch's signature verifies with the key (false for a missing or malformed key or signature). */
export function batchSigned(b: BatchHeader, key: KeyLike | undefined): boolean {
  try {
    return key !== undefined && verify(null, Buffer.from(b.batchHash, 'hex'), key, Buffer.from(b.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The problem of a batch whose signature does not verify. */
export function badSignature(batchSeq: number): LogProblem {
  return {
    kind: 'bad_signature',
    batchSeq,
    message: msg('Tanda tangan batch tidak sah.', 'The batch signature does not verify.'),
  };
}

/** The problem of a batch whose entry hashes do not match its range or Merkle root, or null. */
export function leavesProblem(b: AuditBatch): LogProblem | null {
  const count = b.lastSeq - b.firstSeq + 1;
  if (b.entryHashes.length !== count || count < 1 || merkleRoot(b.entryHashes) !== b.merkleRoot)
    return {
      kind: 'bad_batch',
      batchSeq: b.batchSeq,
      message: msg('Daftar hash entri batch diubah.', "The batch's entry hashes were changed."),
    };
  return null;
}

/** A position and the hash found (or sealed) there. */
export interface PositionedHash {
  seq: number;
  hash: string;
}

/**
 * The first entry problem, comparing what was sealed (`expected`, in position order) with the rows found
 * (`actual`, in seq order), index by index: the first entry altered, removed, inserted or reordered. Both lists
 * may be windows starting at the same position when everything before it matched.
 */
export function firstEntryProblem(
  expected: readonly PositionedHash[],
  actual: readonly PositionedHash[],
): LogProblem | null {
  const expIndex = new Map<string, number>();
  expected.forEach((e, i) => {
    if (!expIndex.has(e.hash)) expIndex.set(e.hash, i);
  });
  const actIndex = new Map<string, number>();
  actual.forEach((a, i) => {
    if (!actIndex.has(a.hash)) actIndex.set(a.hash, i);
  });
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as PositionedHash; // i < expected.length
    const a = actual[i];
    if (!a)
      return { kind: 'removed', seq: e.seq, message: msg(`Entri ${e.seq} dihapus.`, `Entry ${e.seq} was removed.`) };
    if (a.hash === e.hash) {
      if (a.seq !== e.seq)
        return {
          kind: 'altered',
          seq: e.seq,
          message: msg(`Nomor urut entri ${e.seq} diubah.`, `The sequence number of entry ${e.seq} was changed.`),
        };
      continue;
    }
    const ai = expIndex.get(a.hash) ?? -1; // where the entry found here was sealed
    const ei = actIndex.get(e.hash) ?? -1; // where the entry sealed here is found
    if (ai === -1 && ei === -1)
      return { kind: 'altered', seq: e.seq, message: msg(`Entri ${e.seq} diubah.`, `Entry ${e.seq} was altered.`) };
    if (ai === -1 || ai < i)
      return {
        kind: 'inserted',
        seq: a.seq,
        message: msg(
          `Entri yang tidak pernah disegel disisipkan pada ${a.seq}.`,
          `An entry that was never sealed was inserted at ${a.seq}.`,
        ),
      };
    if (ei === -1)
      return { kind: 'removed', seq: e.seq, message: msg(`Entri ${e.seq} dihapus.`, `Entry ${e.seq} was removed.`) };
    return {
      kind: 'reordered',
      seq: e.seq,
      message: msg(
        `Urutan entri diubah pada ${e.seq} (berisi entri ${expected[ai]?.seq}).`,
        `Entries were reordered at ${e.seq} (it holds entry ${expected[ai]?.seq}).`,
      ),
    };
  }
  return null;
}

/** The problem of rows found after the last sealed position. */
export function appendedProblem(count: number, firstSeq: number, lastSeq: number): LogProblem {
  return {
    kind: 'appended',
    seq: firstSeq,
    message: msg(
      `${count} entri setelah batch terakhir (${firstSeq}–${lastSeq}) tidak pernah disegel: ditambahkan setelah ujung log.`,
      `${count} entries after the last sealed batch (seq ${firstSeq}–${lastSeq}) were never sealed: appended after the tail.`,
    ),
  };
}

/**
 * Verifies a whole log in memory: each batch's header hash, signature, link to the previous batch, range and
 * Merkle root; then every entry against the sealed hashes, naming the first entry that was altered, removed,
 * inserted or reordered. Entries may be given in any order; they are compared in seq order. Rows after the last
 * sealed position are a problem (`appended`): entries and their batch are committed together, so a row no batch
 * covers was written behind the writer's back. (The database's log is verified streaming: audit.verify.ts.)
 */
export function verifyLog(
  batches: readonly AuditBatch[],
  entries: readonly AuditEntry[],
  publicKeys: PublicKeys,
): VerifyReport {
  const problems: LogProblem[] = [];
  const expected: PositionedHash[] = [];
  let prev: AuditBatch | null = null;
  for (const b of batches) {
    problems.push(...headerProblems(b, prev));
    const key = typeof publicKeys === 'function' ? publicKeys(b.keyId) : publicKeys;
    if (!batchSigned(b, key)) problems.push(badSignature(b.batchSeq));
    const leaves = leavesProblem(b);
    if (leaves) problems.push(leaves);
    b.entryHashes.forEach((hash, j) => expected.push({ seq: b.firstSeq + j, hash }));
    prev = b;
  }
  const actual = [...entries].sort((a, b) => a.seq - b.seq).map((e) => ({ seq: e.seq, hash: safeHash(e) }));
  let first = firstEntryProblem(expected, actual);
  if (first === null && actual.length > expected.length) {
    const extra = actual.slice(expected.length);
    const sealed = new Set(expected.map((e) => e.hash));
    const copy = extra.find((a) => sealed.has(a.hash));
    first = copy
      ? {
          kind: 'inserted',
          seq: copy.seq,
          message: msg(`Salinan entri disisipkan pada ${copy.seq}.`, `A copy of an entry was inserted at ${copy.seq}.`),
        }
      : appendedProblem(
          extra.length,
          (extra[0] as PositionedHash).seq,
          (extra[extra.length - 1] as PositionedHash).seq,
        );
  }
  const all = first ? [first, ...problems] : problems;
  return {
    ok: all.length === 0,
    problems: all,
    firstEntryProblem: first,
    batches: batches.length,
    sealedEntries: expected.length,
    unsealed: Math.max(0, actual.length - expected.length),
  };
}

/** An entry's hash, or a marker no sealed hash equals when the row cannot be hashed (a NIK in the clear). */
export function safeHash(e: AuditEntry): string {
  try {
    return entryHash(e);
  } catch {
    return `unhashable:${e.seq}`;
  }
}
