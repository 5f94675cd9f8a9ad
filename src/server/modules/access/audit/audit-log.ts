/**
 * The audit log's writer: group commit. Callers append an entry and await it; entries that arrive while a
 * flush is running wait for the next one, so under load each transaction carries many entries and at rest an
 * entry is written at once (no fixed timer to wait out). A flush assigns positions, hashes the entries, seals
 * them as one batch (Merkle root linked to the previous batch, Ed25519 signature) and writes entries, batch and
 * any extra rows (quota counters) in one transaction. The promise resolves only after the commit, so a caller
 * that awaits it never sends data whose entry is not durable. A failed flush rejects its callers and leaves
 * positions unchanged.
 */
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { entryHash, sealBatch, type AuditBatch, type AuditEntry } from '../../../../domain/audit/audit.js';
import { newId } from '../../../lib/ids.js';
import type { AccessKeys } from './keys.js';
import {
  ensureKey,
  entriesAfter,
  kyselyBatchWriter,
  lastBatch,
  pendingEntries,
  type BatchWriter,
  type UsageRow,
} from './audit.repository.js';

/** An entry before it has a position (and optionally an id). */
export type NewEntry = Omit<AuditEntry, 'seq' | 'id'> & { id?: string };

interface Pending {
  entry: AuditEntry;
  /** Taken from audit_pending: deleted there in the batch's transaction. */
  fromOutbox?: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Options of the writer. */
export interface AuditLogOptions {
  /** Most entries per batch. Default 256. */
  maxBatch?: number;
  /** How a sealed batch reaches the database (default: through Kysely, one transaction). */
  writer?: BatchWriter;
  /** Quota counters joined to each flush's transaction: taken before, given back when the flush fails. */
  usage?: { take(): UsageRow[]; restore(rows: readonly UsageRow[]): void };
}

/** Ids and 16-digit runs never enter free-form members; this keeps client-sent text safe to record. */
export function safeText(value: unknown, max = 80): string {
  return String(value ?? '')
    .slice(0, max)
    .replace(/\d{12,}/g, (m) => `#${m.length}`);
}

const NIK_LIKE = /(^|\D)\d{16}(\D|$)/;
const q = JSON.stringify;

function nikFree(s: string | null | undefined): boolean {
  return typeof s !== 'string' || !NIK_LIKE.test(s);
}

function textOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

/**
 * The canonical text of an entry (domain/audit canonicalEntry), written directly for the shape the request path
 * produces: no intermediate object, no generic key sort. Returns undefined for any other shape (a member
 * undefined, a non-string where a string is expected, a NIK-like number in a free-form member), which the
 * caller hands to the domain's entryHash instead, so the bytes — and the refusals — are the domain's in every
 * case. audit-log.test.ts checks it byte for byte against canonicalEntry.
 */
export function fastCanonicalEntry(e: AuditEntry): string | undefined {
  const a = e.actor;
  const operatorId = a.operatorId ?? null;
  if (
    typeof e.id !== 'string' ||
    typeof e.time !== 'string' ||
    typeof e.action !== 'string' ||
    typeof a.kind !== 'string' ||
    typeof a.id !== 'string' ||
    !textOrNull(operatorId) ||
    !textOrNull(e.institutionId) ||
    !textOrNull(e.pksId) ||
    !textOrNull(e.pksVersionHash) ||
    typeof e.resultCode !== 'string' ||
    !textOrNull(e.clientIp) ||
    !textOrNull(e.nikHash) ||
    !Array.isArray(e.elements)
  )
    return undefined;
  if (
    !nikFree(e.id) ||
    !nikFree(e.action) ||
    !nikFree(a.id) ||
    !nikFree(operatorId) ||
    !nikFree(e.institutionId) ||
    !nikFree(e.pksId) ||
    !nikFree(e.clientIp) ||
    !nikFree(e.resultCode)
  )
    return undefined;
  let elements = '[';
  for (let i = 0; i < e.elements.length; i++) {
    const x = e.elements[i];
    if (typeof x !== 'string' || !nikFree(x)) return undefined;
    elements += (i ? ',' : '') + q(x);
  }
  elements += ']';
  let detail = 'null';
  if (e.detail) {
    const d = e.detail;
    const keys = Object.keys(d).sort();
    detail = '{';
    let first = true;
    for (const k of keys) {
      const v = d[k];
      let t: string;
      if (v === null) t = 'null';
      else if (typeof v === 'string') {
        if (!nikFree(v)) return undefined;
        t = q(v);
      } else if (typeof v === 'boolean') t = v ? 'true' : 'false';
      else if (typeof v === 'number' && Number.isFinite(v)) t = q(v);
      else return undefined; // undefined members, non-finite numbers: the domain's path
      detail += (first ? '' : ',') + q(k) + ':' + t;
      first = false;
    }
    detail += '}';
  }
  return (
    '{"action":' +
    q(e.action) +
    ',"actor":{"id":' +
    q(a.id) +
    ',"kind":' +
    q(a.kind) +
    ',"operatorId":' +
    q(operatorId) +
    '},"clientIp":' +
    q(e.clientIp) +
    ',"detail":' +
    detail +
    ',"elements":' +
    elements +
    ',"id":' +
    q(e.id) +
    ',"institutionId":' +
    q(e.institutionId) +
    ',"nikHash":' +
    q(e.nikHash) +
    ',"pksId":' +
    q(e.pksId) +
    ',"pksVersionHash":' +
    q(e.pksVersionHash) +
    ',"resultCode":' +
    q(e.resultCode) +
    ',"time":' +
    q(e.time) +
    ',"v":1}'
  );
}

/** entryHash of the domain, through fastCanonicalEntry when the entry has the usual shape. */
export function fastEntryHash(e: AuditEntry): string {
  const text = fastCanonicalEntry(e);
  return text === undefined ? entryHash(e) : hash('sha256', text, 'hex');
}

/** The group-commit writer. Call `init` once before appending. */
export class AuditLog {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private prev: AuditBatch | null = null;
  private closed = false;
  private idle: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly writer: BatchWriter;
  /** Outbox entries already queued, so that two collections never seal one decision twice. */
  private readonly collecting = new Set<string>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly keys: AccessKeys,
    private readonly options: AuditLogOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1024;
    this.writer = options.writer ?? kyselyBatchWriter(db);
  }

  /** Loads the chain's head and seals entries a crashed writer left unsealed (none in normal operation). */
  async init(now: Date): Promise<void> {
    await ensureKey(this.db, this.keys.signer.keyId, this.keys.publicKeyPem, now.toISOString());
    this.prev = await lastBatch(this.db);
    const unsealed = await entriesAfter(this.db, this.prev?.lastSeq ?? 0);
    if (unsealed.length) {
      const batch = sealBatch(unsealed, this.prev, this.keys.signer, new Date());
      await this.db
        .insertInto('audit_batches')
        .values({
          batch_seq: batch.batchSeq,
          first_seq: batch.firstSeq,
          last_seq: batch.lastSeq,
          entry_hashes: JSON.stringify(batch.entryHashes),
          merkle_root: batch.merkleRoot,
          prev_batch_hash: batch.prevBatchHash,
          sealed_at: batch.sealedAt,
          key_id: batch.keyId,
          batch_hash: batch.batchHash,
          signature: batch.signature,
        })
        .execute();
      this.prev = batch;
    }
    // Decisions committed before a stop and not sealed yet.
    await this.collectPending();
  }

  /**
   * Seals the decision entries that services committed with their decisions (audit_pending): each joins the
   * next batch and leaves the outbox in that batch's transaction. Resolves when they are in the signed log.
   */
  async collectPending(): Promise<void> {
    for (;;) {
      const rows = (await pendingEntries(this.db, 1000)).filter((e) => !this.collecting.has(e.id));
      if (!rows.length) return;
      await Promise.all(
        rows.map((e) => {
          this.collecting.add(e.id);
          return this.enqueue({ ...e, seq: 0 }, true).finally(() => this.collecting.delete(e.id));
        }),
      );
    }
  }

  /** Appends an entry; resolves with its id once it is durable. */
  append(entry: NewEntry): Promise<string> {
    return this.enqueue({ ...entry, id: entry.id ?? newId(), seq: 0 }, false);
  }

  private enqueue(full: AuditEntry, fromOutbox: boolean): Promise<string> {
    if (this.closed) return Promise.reject(new Error('audit log closed'));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ entry: full, fromOutbox, resolve: () => resolve(full.id), reject });
      if (!this.flushing && !this.scheduled) {
        this.scheduled = true;
        // setImmediate: entries appended in this turn of the event loop join the same batch.
        setImmediate(() => void this.run());
      }
    });
  }

  /** Waits until everything appended so far is written. */
  async drain(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((r) => this.idle.push(r));
  }

  /** Drains and refuses further entries. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) await this.flush(this.queue.splice(0, this.maxBatch));
    } finally {
      this.flushing = false;
      for (const r of this.idle.splice(0)) r();
    }
  }

  private async flush(items: Pending[]): Promise<void> {
    const good: Pending[] = [];
    const hashes: string[] = [];
    let seq = this.prev ? this.prev.lastSeq : 0;
    for (const p of items) {
      try {
        p.entry.seq = seq + 1;
        hashes.push(fastEntryHash(p.entry)); // throws on a NIK in the clear: that entry alone is refused
        seq++;
        good.push(p);
      } catch (e) {
        p.reject(e);
      }
    }
    if (!good.length) return;
    const entries = good.map((p) => p.entry);
    const usage = this.options.usage?.take() ?? [];
    try {
      const batch = sealBatch(entries, this.prev, this.keys.signer, new Date(), hashes);
      const sealed = good.filter((p) => p.fromOutbox).map((p) => p.entry.id);
      await this.writer(entries, batch, usage, sealed);
      this.prev = batch;
      for (const p of good) p.resolve();
    } catch (e) {
      this.options.usage?.restore(usage);
      for (const p of good) p.reject(e);
    }
  }
}
