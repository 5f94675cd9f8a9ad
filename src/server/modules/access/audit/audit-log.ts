/**
 * The audit log's writer: group commit. Callers append an entry and await it; entries that arrive while a
 * flush is running wait for the next one, so under load each transaction carries many entries and at rest an
 * entry is written at once (no fixed timer to wait out). A flush assigns positions, hashes the entries, seals
 * them as one batch (Merkle root linked to the previous batch, Ed25519 signature) and writes entries, batch and
 * any extra rows (quota counters) in one transaction. The promise resolves only after the commit, so a caller
 * that awaits it never sends data whose entry is not durable. A failed flush rejects its callers and leaves
 * positions unchanged.
 *
 * Each batch also advances the log's Merkle tree over every entry sealed so far (domain/audit/merkle.ts): its
 * signed tree head is written in the batch's transaction and, once committed, appended to the witness file
 * outside the database (witness.ts, ADR 0008). Rows found after the last batch at start (a database restored or
 * written behind the writer's back; never left by a crash, since entries and their batch commit together) are
 * sealed only under an `audit.recovered` entry that names how many and which positions.
 */
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { canonicalJson, NEEDS_ESCAPE, type CanonicalValue } from '../../../../domain/audit/canonical.js';
import { entryHash, sealBatch, type AuditBatch, type AuditEntry } from '../../../../domain/audit/audit.js';
import { CompactRange, leafOfHex } from '../../../../domain/audit/merkle.js';
import { signTreeHead } from '../../../../domain/audit/heads.js';
import { newId } from '../../../lib/ids.js';
import type { AccessKeys } from './keys.js';
import {
  batchesAfter,
  ensureKey,
  entriesAfter,
  headAt,
  insertHead,
  insertRecoverySeal,
  kyselyBatchWriter,
  lastBatch,
  OutboxTaken,
  pendingEntries,
  pendingIds,
  type BatchWriter,
  type EntryColumnTexts,
  type SealedBatch,
  type ChargeRow,
  type StoredHead,
  type UsageRow,
} from './audit.repository.js';
import { WitnessWriter } from './witness.js';

/** An entry before it has a position (and optionally an id). */
export type NewEntry = Omit<AuditEntry, 'seq' | 'id'> & { id?: string };

interface Pending {
  entry: AuditEntry;
  /** Taken from audit_pending: deleted there in the batch's transaction. */
  fromOutbox?: boolean;
  /** The quota counter this entry's call was counted on: the batch adds one to it in its own transaction. */
  counted?: CountedCall;
  /** The PNBP charge of this entry's billable answer: the batch writes it with the entry (runtime/balance.ts). */
  charge?: ChargedCall;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** An entry numbered and hashed for the next batch, with its column texts when the fast path wrote them. */
interface Numbered {
  pending: Pending;
  hash: string;
  texts: EntryColumnTexts | null;
}

/** Options of the writer. */
export interface AuditLogOptions {
  /** Most entries per batch. Default 256. */
  maxBatch?: number;
  /** How a sealed batch reaches the database (default: through Kysely, one transaction). */
  writer?: BatchWriter;
}

/** A data call counted against a grant's daily quota. */
export interface CountedCall {
  grantId: string;
  /** The grant's office-local quota day (YYYY-MM-DD). */
  day: string;
}

/** A billable answer's PNBP charge (one object per institution, day, method and tariff, reused by every call). */
export interface ChargedCall {
  institutionId: string;
  /** The office-local day of the call (YYYY-MM-DD), as the quota's. */
  day: string;
  /** Billing method (domain/billing/tariffs.ts). */
  method: string;
  /** The tariff charged, rupiah. */
  unitRupiah: number;
}

/**
 * The charges of a batch: one per charged call whose entry is in it, summed per institution, day, method and
 * tariff. Like the quota, the persisted charges therefore equal the committed entries that were charged.
 */
function chargesOf(items: readonly Pending[]): ChargeRow[] {
  let rows: Map<string, ChargeRow> | undefined;
  for (const p of items) {
    const c = p.charge;
    if (!c) continue;
    rows ??= new Map();
    // By value, not by object: one row per key in a statement (PostgreSQL refuses to upsert a row twice).
    const key = c.institutionId + ' ' + c.day + ' ' + c.method + ' ' + c.unitRupiah;
    const row = rows.get(key);
    if (row) {
      row.count++;
      row.amount_rupiah += c.unitRupiah;
    } else
      rows.set(key, {
        institution_id: c.institutionId,
        day: c.day,
        method: c.method,
        unit_rupiah: c.unitRupiah,
        count: 1,
        amount_rupiah: c.unitRupiah,
      });
  }
  return rows ? [...rows.values()] : NO_CHARGES;
}

const NO_CHARGES: ChargeRow[] = [];

/**
 * The quota increments of a batch: one per counted call whose entry is in it. The persisted counter therefore
 * equals the committed entries that counted, whatever crashes, and processes sharing a database add up.
 */
function usageOf(items: readonly Pending[]): UsageRow[] {
  const rows = new Map<string, UsageRow>();
  for (const p of items) {
    const c = p.counted;
    if (!c) continue;
    const key = c.grantId + ' ' + c.day;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { grant_id: c.grantId, day: c.day, count: 1 });
  }
  return [...rows.values()];
}

/** Ids and 16-digit runs never enter free-form members; this keeps client-sent text safe to record. */
export function safeText(value: unknown, max = 80): string {
  return String(value ?? '')
    .slice(0, max)
    .replace(/\d{12,}/g, (m) => `#${m.length}`);
}

const NIK_LIKE = /(^|\D)\d{16}(\D|$)/;
const q: (v: unknown) => string = JSON.stringify;
/** A string member (or null) that needs no escaping, as JSON.stringify writes it. */
const plain = (v: unknown): string => (v === null ? 'null' : '"' + (v as string) + '"');

function textOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

/** The canonical text of an entry with the canonical texts of its elements and detail (the columns as stored). */
export interface EntryText extends EntryColumnTexts {
  text: string;
}

/**
 * The canonical text of an entry (domain/audit canonicalEntry), written directly for the shape the request path
 * produces: no intermediate object, no generic key sort, one scan for a NIK in the clear over every free-form
 * member and one for characters that need escaping (when none does, strings are quoted as they are). Returns
 * undefined for any other shape (a member undefined, a non-string where a string is expected, a NIK-like number
 * in a free-form member), which the caller hands to the domain's entryHash instead, so the bytes — and the
 * refusals — are the domain's in every case. audit-log.test.ts checks it byte for byte against canonicalEntry.
 */
export function canonicalEntryText(e: AuditEntry): EntryText | undefined {
  // Every member is read once: what is checked is what is written (no getter can change it in between).
  const { id, time, action, institutionId, pksId, pksVersionHash, resultCode, clientIp, nikHash } = e;
  const a = e.actor;
  const { kind, id: actorId } = a;
  const operatorId = a.operatorId ?? null;
  const rawElements = e.elements;
  if (
    typeof id !== 'string' ||
    typeof time !== 'string' ||
    typeof action !== 'string' ||
    typeof kind !== 'string' ||
    typeof actorId !== 'string' ||
    !textOrNull(operatorId) ||
    !textOrNull(institutionId) ||
    !textOrNull(pksId) ||
    !textOrNull(pksVersionHash) ||
    typeof resultCode !== 'string' ||
    !textOrNull(clientIp) ||
    !textOrNull(nikHash) ||
    !Array.isArray(rawElements)
  )
    return undefined;
  // The free-form members (those the domain scans for a NIK), joined by a non-digit: a 16-digit run in the
  // joined text is one in a member. The others join them for the escape scan only.
  let free =
    id +
    ' ' +
    action +
    ' ' +
    actorId +
    ' ' +
    (operatorId ?? '') +
    ' ' +
    (institutionId ?? '') +
    ' ' +
    (pksId ?? '') +
    ' ' +
    (clientIp ?? '') +
    ' ' +
    resultCode;
  const els: string[] = [];
  for (let i = 0; i < rawElements.length; i++) {
    const x: unknown = rawElements[i];
    if (typeof x !== 'string') return undefined;
    els.push(x);
    free += ' ' + x;
  }
  let other = time + ' ' + kind + ' ' + (nikHash ?? '') + ' ' + (pksVersionHash ?? '');
  const d = e.detail;
  let keys: string[] | null = null;
  const values: (string | number | boolean | null)[] = [];
  if (d) {
    keys = Object.keys(d).sort();
    for (const k of keys) {
      const v: unknown = d[k];
      other += ' ' + k;
      if (typeof v === 'string') free += ' ' + v;
      else if (!(v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))))
        return undefined; // undefined members, non-finite numbers, objects: the domain's path
      values.push(v);
    }
  }
  if (NIK_LIKE.test(free)) return undefined;
  const quote = NEEDS_ESCAPE.test(free) || NEEDS_ESCAPE.test(other) ? q : plain;
  let elements: string;
  if (els.length === 0) elements = '[]';
  else if (quote === plain) elements = '["' + els.join('","') + '"]';
  else elements = '[' + els.map((x) => q(x)).join(',') + ']';
  let detail: string | null = null;
  if (keys) {
    detail = '{';
    for (let i = 0; i < keys.length; i++) {
      const v = values[i] as string | number | boolean | null; // i < keys.length === values.length
      detail +=
        (i ? ',' : '') +
        quote(keys[i]) +
        ':' +
        (typeof v === 'string' ? quote(v) : v === null ? 'null' : typeof v === 'boolean' ? String(v) : q(v));
    }
    detail += '}';
  }
  const text = entryText(
    quote,
    action,
    actorId,
    kind,
    operatorId,
    clientIp,
    detail ?? 'null',
    elements,
    id,
    institutionId,
    nikHash,
    pksId,
    pksVersionHash,
    resultCode,
    time,
  );
  return { text, elements, detail };
}

/**
 * The canonical text of an entry from its members, `detail` and `elements` already in canonical JSON: members in
 * sorted order, as canonicalJson writes them (the one layout both the writer's and the verifier's fast paths use).
 * `quote` writes a string member or null: JSON.stringify, or `plain` when no member needs escaping.
 */
function entryText(
  quote: (v: unknown) => string,
  action: unknown,
  actorId: unknown,
  actorKind: unknown,
  operatorId: unknown,
  clientIp: unknown,
  detail: string,
  elements: string,
  id: unknown,
  institutionId: unknown,
  nikHash: unknown,
  pksId: unknown,
  pksVersionHash: unknown,
  resultCode: unknown,
  time: unknown,
): string {
  return (
    '{"action":' +
    quote(action) +
    ',"actor":{"id":' +
    quote(actorId) +
    ',"kind":' +
    quote(actorKind) +
    ',"operatorId":' +
    quote(operatorId) +
    '},"clientIp":' +
    quote(clientIp) +
    ',"detail":' +
    detail +
    ',"elements":' +
    elements +
    ',"id":' +
    quote(id) +
    ',"institutionId":' +
    quote(institutionId) +
    ',"nikHash":' +
    quote(nikHash) +
    ',"pksId":' +
    quote(pksId) +
    ',"pksVersionHash":' +
    quote(pksVersionHash) +
    ',"resultCode":' +
    quote(resultCode) +
    ',"time":' +
    quote(time) +
    ',"v":1}'
  );
}

/**
 * The hash of a stored row as verification computes it first: the canonical text written from the row's columns,
 * its elements text taken as stored (JSON.stringify of a string array is its canonical form) and only its detail
 * re-serialised. When this differs from what was sealed the caller must compare entryHash(rowToEntry(row))
 * instead (rows written by other means, odd shapes); a match is exact, since these are the sealed bytes.
 */
export function rowHashFast(r: readonly unknown[]): string | undefined {
  // Columns in ENTRY_COLUMNS order (audit.repository.ts): seq, id, time, action, actor_kind, actor_id,
  // operator_id, institution_id, pks_id, pks_version_hash, elements, result_code, client_ip, nik_hash, detail.
  try {
    const d = r[14] as string | null;
    // A detail of one member is canonical as stored; others are re-serialised with sorted keys.
    const detail = d === null ? 'null' : d.includes(',') ? canonicalJson(JSON.parse(d) as CanonicalValue) : d;
    const text = entryText(
      q,
      r[3],
      r[5],
      r[4],
      r[6] ?? null,
      r[12],
      detail,
      r[10] as string,
      r[1],
      r[7],
      r[13],
      r[8],
      r[9],
      r[11],
      r[2],
    );
    return hash('sha256', text, 'hex');
  } catch {
    return undefined;
  }
}

/**
 * An entry's hash (the domain's entryHash, through canonicalEntryText when the entry has the usual shape) and
 * its column texts when the fast path wrote them; throws, as the domain does, on a NIK in the clear.
 */
function hashEntry(e: AuditEntry): { hash: string; texts: EntryColumnTexts | null } {
  const t = canonicalEntryText(e);
  return t === undefined ? { hash: entryHash(e), texts: null } : { hash: hash('sha256', t.text, 'hex'), texts: t };
}

/** entryHash of the domain, through the fast path when the entry has the usual shape. */
export function fastEntryHash(e: AuditEntry): string {
  return hashEntry(e).hash;
}

/** What a committed batch tells its listeners (the operations dashboard's counters, modules/operations). */
export interface CommittedBatch {
  /** The batch's entries, in order; read them, never change them. */
  entries: readonly AuditEntry[];
  /**
   * Milliseconds from the append of the batch's oldest entry to its commit (the seal lag). When more than one
   * batch was waiting, the later ones count from when the previous one was taken (a slight underestimate).
   */
  sealLagMs: number;
}

/** Called after a batch commits; synchronous, no I/O. What it throws is swallowed: it never reaches the writer. */
export type CommitListener = (batch: CommittedBatch) => void;

/** How many times a batch is sealed again after losing a race with another process. */
const MAX_SEAL_ATTEMPTS = 5;

/** Whether a write failed because another process sealed first (the position is taken, or the outbox row is). */
function raceLost(e: unknown): boolean {
  if (e instanceof OutboxTaken) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The group-commit writer. Call `init` once before appending. */
export class AuditLog {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private prev: AuditBatch | null = null;
  /** The log's tree after `prev`. */
  private tree = new CompactRange();
  private readonly witness: WitnessWriter | null;
  /** What the last init found after the last batch and sealed under a recovery entry, if anything. */
  recovered: { entries: number; fromSeq: number; toSeq: number; recoverySeq: number } | null = null;
  private closed = false;
  private idle: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly writer: BatchWriter;
  /** Outbox entries already queued, so that two collections never seal one decision twice. */
  private readonly collecting = new Set<string>();
  /** Told of every committed batch (onCommit). */
  private readonly listeners: CommitListener[] = [];
  /** performance.now() when the oldest entry still queued was appended. */
  private oldestAt = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly keys: AccessKeys,
    private readonly options: AuditLogOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1024;
    this.writer = options.writer ?? kyselyBatchWriter(db);
    this.witness = keys.files ? new WitnessWriter(keys.files.witnessFile) : null;
  }

  /** Adds a listener told of every batch after it commits; returns how to remove it. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The newest head this writer signed or loaded (null before the first batch). */
  get head(): StoredHead | null {
    return this.currentHead;
  }

  private currentHead: StoredHead | null = null;

  /**
   * Seals the entries as the batch after `prev` and advances a copy of the tree by their leaves (hashed once, for
   * the batch's root and the tree); nothing is kept until the caller has written the result.
   */
  private sealNext(entries: readonly AuditEntry[], hashes: readonly string[], at: Date) {
    const leaves = hashes.map(leafOfHex);
    const batch = sealBatch(entries, this.prev, this.keys.signer, at, hashes, leaves);
    const tree = this.tree.clone();
    for (const l of leaves) tree.append(l);
    return { batch, tree, head: this.headFor(batch, tree) };
  }

  /** Signs the head of the tree after `batch`. */
  private headFor(batch: AuditBatch, tree: CompactRange): StoredHead {
    const signed = signTreeHead(
      { treeSize: batch.lastSeq, rootHash: tree.root().toString('hex'), timestamp: batch.sealedAt },
      this.keys.signer,
    );
    return {
      treeSize: signed.treeSize,
      rootHash: signed.rootHash,
      timestamp: signed.timestamp,
      keyId: signed.keyId,
      signature: signed.signature,
      batchSeq: batch.batchSeq,
      frontier: tree.nodes().map((b) => b.toString('hex')),
    };
  }

  /** The tree after the last batch: from its head, or (a log sealed before tree heads) rebuilt and headed now. */
  private async loadTree(): Promise<void> {
    const prev = this.prev;
    if (!prev) return;
    const head = await headAt(this.db, prev.lastSeq);
    if (head) {
      this.tree = CompactRange.of(
        head.treeSize,
        head.frontier.map((h) => Buffer.from(h, 'hex')),
      );
      this.currentHead = head;
      return;
    }
    const tree = new CompactRange();
    for (let after = 0; ;) {
      const page = await batchesAfter(this.db, after, 500);
      if (!page.length) break;
      for (const b of page) for (const h of b.entryHashes) tree.append(leafOfHex(h));
      after = (page[page.length - 1] as AuditBatch).lastSeq;
    }
    if (tree.size !== prev.lastSeq) throw new Error(`audit log: batches cover ${tree.size} of ${prev.lastSeq} entries`);
    const first = this.headFor(prev, tree);
    await insertHead(this.db, first);
    this.tree = tree;
    this.currentHead = first;
    this.witness?.append(first);
  }

  /** Seals rows found after the last batch, with the entry that records the recovery. */
  private async sealRecovered(rows: AuditEntry[], now: Date): Promise<void> {
    const from = this.prev ? this.prev.lastSeq + 1 : 1;
    rows.forEach((e, i) => {
      if (e.seq !== from + i)
        throw new Error(
          `audit log: rows after the last batch are not contiguous (expected ${from + i}, found ${e.seq}); ` +
            'run gerbang audit verify',
        );
    });
    const to = from + rows.length - 1;
    const recovery: AuditEntry = {
      seq: to + 1,
      id: newId(),
      time: now.toISOString(),
      action: 'audit.recovered',
      actor: { kind: 'system', id: 'system' },
      institutionId: null,
      pksId: null,
      pksVersionHash: null,
      elements: [],
      resultCode: 'recovered',
      clientIp: null,
      nikHash: null,
      detail: {
        entries: rows.length,
        fromSeq: from,
        toSeq: to,
        firstId: (rows[0] as AuditEntry).id,
        lastId: (rows[rows.length - 1] as AuditEntry).id,
        reason: 'rows found after the last sealed batch at start',
      },
    };
    const all = [...rows, recovery];
    const { batch, tree, head } = this.sealNext(all, all.map(fastEntryHash), now);
    await insertRecoverySeal(this.db, recovery, { ...batch, head });
    this.prev = batch;
    this.tree = tree;
    this.currentHead = head;
    this.witness?.append(head);
    this.recovered = { entries: rows.length, fromSeq: from, toSeq: to, recoverySeq: recovery.seq };
  }

  /**
   * Loads the chain's head and the tree; rows found after the last batch are sealed under a recovery entry
   * (never silently); then seals the decisions committed before a stop (audit_pending, the normal outbox).
   */
  async init(now: Date): Promise<void> {
    await ensureKey(this.db, this.keys.signer.keyId, this.keys.publicKeyPem, now.toISOString());
    this.prev = await lastBatch(this.db);
    this.tree = new CompactRange();
    this.currentHead = null;
    await this.loadTree();
    const unsealed = await entriesAfter(this.db, this.prev?.lastSeq ?? 0);
    if (unsealed.length) await this.sealRecovered(unsealed, now);
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

  /**
   * Appends an entry; resolves with its id once it is durable. `counted` names the quota counter the entry's
   * call was counted on; the increment is committed with the entry. `charge` is the PNBP charge of a billable
   * answer, committed with the entry the same way.
   */
  append(entry: NewEntry, counted?: CountedCall, charge?: ChargedCall): Promise<string> {
    // Every member named, not a spread: V8 built a new hidden class for every spread copy (a map per call).
    const full: AuditEntry = {
      seq: 0,
      id: entry.id ?? newId(),
      time: entry.time,
      action: entry.action,
      actor: entry.actor,
      institutionId: entry.institutionId,
      pksId: entry.pksId,
      pksVersionHash: entry.pksVersionHash,
      elements: entry.elements,
      resultCode: entry.resultCode,
      clientIp: entry.clientIp,
      nikHash: entry.nikHash,
      detail: entry.detail,
    };
    return this.enqueue(full, false, counted, charge);
  }

  private enqueue(full: AuditEntry, fromOutbox: boolean, counted?: CountedCall, charge?: ChargedCall): Promise<string> {
    if (this.closed) return Promise.reject(new Error('audit log closed'));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ entry: full, fromOutbox, counted, charge, resolve: () => resolve(full.id), reject });
      if (this.queue.length === 1) this.oldestAt = performance.now();
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
    this.witness?.close();
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) {
        const since = this.oldestAt;
        const items = this.queue.splice(0, this.maxBatch);
        if (this.queue.length) this.oldestAt = performance.now();
        await this.flush(items, since);
      }
    } finally {
      this.flushing = false;
      for (const r of this.idle.splice(0)) r();
    }
  }

  /**
   * Seals and writes one batch. Several processes may share one PostgreSQL: when another one sealed first (the
   * batch or entry position is taken, or an outbox decision was sealed by it), this writer catches up with the
   * chain in the database — its last batch and tree head — and seals again after it, up to a few times.
   */
  private async flush(items: Pending[], since: number): Promise<void> {
    let todo = items;
    for (let attempt = 1; ; attempt++) {
      const good = this.number(todo);
      if (!good.length) return;
      try {
        await this.write(good);
        for (const g of good) g.pending.resolve();
        if (this.listeners.length) this.committed(good, since);
        return;
      } catch (e) {
        if (attempt < MAX_SEAL_ATTEMPTS && raceLost(e)) {
          await this.catchUp();
          todo = await this.notSealedElsewhere(good.map((g) => g.pending));
          continue;
        }
        for (const g of good) g.pending.reject(e);
        return;
      }
    }
  }

  /** Tells the listeners of a committed batch; nothing they do reaches the writer. */
  private committed(good: { pending: Pending }[], since: number): void {
    const batch: CommittedBatch = { entries: good.map((g) => g.pending.entry), sealLagMs: performance.now() - since };
    for (const fn of this.listeners) {
      try {
        fn(batch);
      } catch {
        // A listener's trouble is its own.
      }
    }
  }

  /** Numbers entries after the chain's head and hashes them; an entry that cannot be hashed is refused alone. */
  private number(items: Pending[]): Numbered[] {
    const out: Numbered[] = [];
    let seq = this.prev ? this.prev.lastSeq : 0;
    for (const p of items) {
      try {
        p.entry.seq = seq + 1;
        const { hash: h, texts } = hashEntry(p.entry); // throws on a NIK in the clear
        out.push({ pending: p, hash: h, texts });
        seq++;
      } catch (e) {
        p.reject(e);
      }
    }
    return out;
  }

  private async write(numbered: Numbered[]): Promise<void> {
    const good = numbered.map((n) => n.pending);
    const entries = good.map((p) => p.entry);
    const { batch, tree, head } = this.sealNext(
      entries,
      numbered.map((n) => n.hash),
      new Date(),
    );
    const sealed = good.filter((p) => p.fromOutbox).map((p) => p.entry.id);
    const withHead: SealedBatch = batch;
    withHead.head = head;
    const texts = numbered.map((n) => n.texts);
    await this.writer(entries, withHead, usageOf(good), sealed, chargesOf(good), texts);
    this.prev = batch;
    this.tree = tree;
    this.currentHead = head;
    this.witness?.append(head);
  }

  /** Another process sealed after this one's head: load the chain's last batch and its tree head. */
  private async catchUp(): Promise<void> {
    this.prev = await lastBatch(this.db);
    this.tree = new CompactRange();
    this.currentHead = null;
    await this.loadTree();
  }

  /** Outbox decisions another process has sealed meanwhile are done; everything else is sealed again. */
  private async notSealedElsewhere(items: Pending[]): Promise<Pending[]> {
    const outbox = items.filter((p) => p.fromOutbox).map((p) => p.entry.id);
    if (!outbox.length) return items;
    const still = new Set(await pendingIds(this.db, outbox));
    return items.filter((p) => {
      if (!p.fromOutbox || still.has(p.entry.id)) return true;
      p.resolve();
      return false;
    });
  }
}
