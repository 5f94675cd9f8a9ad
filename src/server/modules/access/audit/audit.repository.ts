/** All SQL of the audit log (the SQLite fast path of the group commit included). */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AuditBatchTable, AuditEntryTable, AuditHeadTable } from '../../../db/schema-access.js';
import type { AuditBatch, AuditEntry } from '../../../../domain/audit/audit.js';
import type { TreeHead } from '../../../../domain/audit/heads.js';
import { canonicalJson } from '../../../../domain/audit/canonical.js';

type Q = Kysely<DB> | Transaction<DB>;

/** An entry as stored. */
export function entryToRow(e: AuditEntry): AuditEntryTable {
  return {
    seq: e.seq,
    id: e.id,
    time: e.time,
    action: e.action,
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    operator_id: e.actor.operatorId ?? null,
    institution_id: e.institutionId,
    pks_id: e.pksId,
    pks_version_hash: e.pksVersionHash,
    elements: JSON.stringify(e.elements),
    result_code: e.resultCode,
    client_ip: e.clientIp,
    nik_hash: e.nikHash,
    detail: detailText(e),
  };
}

/**
 * The stored detail: canonical JSON (keys sorted), the very text the entry's hash covers, so verification can
 * rebuild the canonical entry from the columns as they are (sqliteEntryTexts) instead of re-serialising.
 */
function detailText(e: AuditEntry): string | null {
  return e.detail ? canonicalJson(e.detail) : null;
}

/** An entry's elements and detail as stored, when the writer has them already (audit-log.ts canonicalEntryText). */
export interface EntryColumnTexts {
  elements: string;
  /** null when the entry has no detail. */
  detail: string | null;
}

/** A stored row as the entry that was hashed. */
export function rowToEntry(r: AuditEntryTable): AuditEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    time: r.time,
    action: r.action,
    actor: { kind: r.actor_kind, id: r.actor_id, operatorId: r.operator_id },
    institutionId: r.institution_id,
    pksId: r.pks_id,
    pksVersionHash: r.pks_version_hash,
    elements: JSON.parse(r.elements) as string[],
    resultCode: r.result_code,
    clientIp: r.client_ip,
    nikHash: r.nik_hash,
    ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, string | number | boolean | null> } : {}),
  };
}

/** A batch as stored. */
export function batchToRow(b: AuditBatch): AuditBatchTable {
  return {
    batch_seq: b.batchSeq,
    first_seq: b.firstSeq,
    last_seq: b.lastSeq,
    entry_hashes: JSON.stringify(b.entryHashes),
    merkle_root: b.merkleRoot,
    prev_batch_hash: b.prevBatchHash,
    sealed_at: b.sealedAt,
    key_id: b.keyId,
    batch_hash: b.batchHash,
    signature: b.signature,
  };
}

/** A stored batch. */
export function rowToBatch(r: AuditBatchTable): AuditBatch {
  return {
    batchSeq: Number(r.batch_seq),
    firstSeq: Number(r.first_seq),
    lastSeq: Number(r.last_seq),
    entryHashes: JSON.parse(r.entry_hashes) as string[],
    merkleRoot: r.merkle_root,
    prevBatchHash: r.prev_batch_hash,
    sealedAt: r.sealed_at,
    keyId: r.key_id,
    batchHash: r.batch_hash,
    signature: r.signature,
  };
}

/** A signed tree head as stored: with the batch it ends and the compact range of the tree at its size. */
export interface StoredHead extends TreeHead {
  batchSeq: number;
  /** Hex hashes, largest subtree first (domain/audit/merkle.ts CompactRange). */
  frontier: readonly string[];
}

/** A sealed batch with the tree head it advances the log to (every batch the writer seals has one). */
export type SealedBatch = AuditBatch & { head?: StoredHead };

/** A head as stored. */
export function headToRow(h: StoredHead): AuditHeadTable {
  return {
    tree_size: h.treeSize,
    batch_seq: h.batchSeq,
    root_hash: h.rootHash,
    timestamp: h.timestamp,
    key_id: h.keyId,
    signature: h.signature,
    frontier: JSON.stringify(h.frontier),
  };
}

/** A stored head. */
export function rowToHead(r: AuditHeadTable): StoredHead {
  return {
    treeSize: Number(r.tree_size),
    batchSeq: Number(r.batch_seq),
    rootHash: r.root_hash,
    timestamp: r.timestamp,
    keyId: r.key_id,
    signature: r.signature,
    frontier: JSON.parse(r.frontier) as string[],
  };
}

/** The public form of a head (without the frontier). */
export function publicHead(h: StoredHead): TreeHead {
  return { treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, keyId: h.keyId, signature: h.signature };
}

/** Appends entries and their batch (inside the caller's transaction). */
export async function insertSealed(trx: Q, entries: readonly AuditEntry[], batch: SealedBatch) {
  for (let i = 0; i < entries.length; i += 500)
    await trx
      .insertInto('audit_entries')
      .values(entries.slice(i, i + 500).map(entryToRow))
      .execute();
  await trx.insertInto('audit_batches').values(batchToRow(batch)).execute();
  if (batch.head) await trx.insertInto('audit_heads').values(headToRow(batch.head)).execute();
}

/** Entry columns in the order the SQLite fast path binds them. */
const ENTRY_COLUMNS = [
  'seq',
  'id',
  'time',
  'action',
  'actor_kind',
  'actor_id',
  'operator_id',
  'institution_id',
  'pks_id',
  'pks_version_hash',
  'elements',
  'result_code',
  'client_ip',
  'nik_hash',
  'detail',
] as const;
const BATCH_COLUMNS = [
  'batch_seq',
  'first_seq',
  'last_seq',
  'entry_hashes',
  'merkle_root',
  'prev_batch_hash',
  'sealed_at',
  'key_id',
  'batch_hash',
  'signature',
] as const;

const HEAD_COLUMNS = ['tree_size', 'batch_seq', 'root_hash', 'timestamp', 'key_id', 'signature', 'frontier'] as const;

/** Quota increments written with a batch: `count` calls to add to the grant's day. */
export type UsageRow = { grant_id: string; day: string; count: number };

/** PNBP charges written with a batch: `count` billable answers at `unit_rupiah` to add to the institution's day. */
export type ChargeRow = {
  institution_id: string;
  day: string;
  method: string;
  unit_rupiah: number;
  count: number;
  amount_rupiah: number;
};

/**
 * Writes one sealed batch, its entries, the usage counters and the PNBP charges in one transaction; `sealed`
 * names decision entries taken from `audit_pending` (decisions.ts), deleted in that same transaction.
 */
export type BatchWriter = (
  entries: readonly AuditEntry[],
  batch: SealedBatch,
  usage: readonly UsageRow[],
  sealed?: readonly string[],
  charges?: readonly ChargeRow[],
  /** Per entry, its column texts when the caller wrote them already (null or absent: written here). */
  texts?: readonly (EntryColumnTexts | null)[],
) => Promise<void>;

/** The batch writer through Kysely (PostgreSQL). */
export function kyselyBatchWriter(db: Kysely<DB>): BatchWriter {
  return async (entries, batch, usage, sealed = [], charges = []) => {
    await db.transaction().execute(async (trx) => {
      await insertSealed(trx, entries, batch);
      if (sealed.length) {
        const r = await trx
          .deleteFrom('audit_pending')
          .where('id', 'in', [...sealed])
          .executeTakeFirst();
        // Another process sealed some of these decisions first: this batch would record them twice.
        if (Number(r.numDeletedRows) !== sealed.length) throw new OutboxTaken();
      }
      if (usage.length)
        await trx
          .insertInto('access_usage')
          .values([...usage])
          .onConflict((oc) =>
            oc
              .columns(['grant_id', 'day'])
              .doUpdateSet((eb) => ({ count: eb(eb.ref('access_usage.count'), '+', eb.ref('excluded.count')) })),
          )
          .execute();
      if (charges.length)
        await trx
          .insertInto('billing_charges')
          .values([...charges])
          .onConflict((oc) =>
            oc.columns(['institution_id', 'day', 'method', 'unit_rupiah']).doUpdateSet((eb) => ({
              count: eb(eb.ref('billing_charges.count'), '+', eb.ref('excluded.count')),
              amount_rupiah: eb(eb.ref('billing_charges.amount_rupiah'), '+', eb.ref('excluded.amount_rupiah')),
            })),
          )
          .execute();
    });
  };
}

/**
 * The batch writer on SQLite: the hot-path connection (runtime.ts) with statements prepared once, the whole batch
 * written in one synchronous IMMEDIATE transaction. Kysely would compile every insert and its SQLite driver
 * prepare it again on each call; at thousands of entries a second that was most of the request path's time.
 * The transaction never spans an await, so it never holds the write lock while Kysely's connection waits; when
 * Kysely holds it (a transaction open across awaits elsewhere) this connection must not block the event loop
 * in SQLite's busy handler — busy_timeout is 0 and a busy write is retried after a short timer instead.
 * synchronous=NORMAL in WAL mode: a commit survives a process crash (the SIGKILL test), not a power loss
 * (docs/decisions/0004-audit-group-commit.md).
 */
export function sqliteBatchWriter(sqlite: BetterSqlite3.Database): BatchWriter {
  const insertEntry = sqlite.prepare(
    `INSERT INTO audit_entries (${ENTRY_COLUMNS.join(',')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(',')})`,
  );
  const insertBatch = sqlite.prepare(
    `INSERT INTO audit_batches (${BATCH_COLUMNS.join(',')}) VALUES (${BATCH_COLUMNS.map(() => '?').join(',')})`,
  );
  const upsertUsage = sqlite.prepare(
    'INSERT INTO access_usage (grant_id, day, count) VALUES (?, ?, ?) ' +
      'ON CONFLICT (grant_id, day) DO UPDATE SET count = access_usage.count + excluded.count',
  );
  const upsertCharge = sqlite.prepare(
    'INSERT INTO billing_charges (institution_id, day, method, unit_rupiah, count, amount_rupiah) ' +
      'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (institution_id, day, method, unit_rupiah) DO UPDATE SET ' +
      'count = billing_charges.count + excluded.count, ' +
      'amount_rupiah = billing_charges.amount_rupiah + excluded.amount_rupiah',
  );
  const deletePending = sqlite.prepare('DELETE FROM audit_pending WHERE id = ?');
  const insertHead = sqlite.prepare(
    `INSERT INTO audit_heads (${HEAD_COLUMNS.join(',')}) VALUES (${HEAD_COLUMNS.map(() => '?').join(',')})`,
  );
  const write = sqlite.transaction(
    (
      entries: readonly AuditEntry[],
      batch: SealedBatch,
      usage: readonly UsageRow[],
      sealed: readonly string[],
      charges: readonly ChargeRow[],
      texts: readonly (EntryColumnTexts | null)[] | undefined,
    ) => {
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i] as AuditEntry; // i < entries.length
        const t = texts?.[i];
        insertEntry.run(
          e.seq,
          e.id,
          e.time,
          e.action,
          e.actor.kind,
          e.actor.id,
          e.actor.operatorId ?? null,
          e.institutionId,
          e.pksId,
          e.pksVersionHash,
          t ? t.elements : JSON.stringify(e.elements),
          e.resultCode,
          e.clientIp,
          e.nikHash,
          t ? t.detail : detailText(e),
        );
      }
      const b = batchToRow(batch);
      insertBatch.run(BATCH_COLUMNS.map((c) => b[c]));
      if (batch.head) {
        const h = headToRow(batch.head);
        insertHead.run(HEAD_COLUMNS.map((c) => h[c]));
      }
      for (const u of usage) upsertUsage.run(u.grant_id, u.day, u.count);
      for (const c of charges)
        upsertCharge.run(c.institution_id, c.day, c.method, c.unit_rupiah, c.count, c.amount_rupiah);
      // Another process sealed one of these decisions first: roll back rather than record it twice.
      for (const id of sealed) if (deletePending.run(id).changes !== 1) throw new OutboxTaken();
    },
  );
  const fn = async (
    entries: readonly AuditEntry[],
    batch: SealedBatch,
    usage: readonly UsageRow[],
    sealed: readonly string[] = [],
    charges: readonly ChargeRow[] = [],
    texts?: readonly (EntryColumnTexts | null)[],
  ) => {
    for (let attempt = 0; ; attempt++) {
      try {
        write.immediate(entries, batch, usage, sealed, charges, texts);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || attempt >= 5000) throw e;
        await new Promise((r) => setTimeout(r, 1));
      }
    }
  };
  return fn;
}

/** Stores a decision entry in the caller's transaction, to be sealed by the audit writer. */
export async function insertPending(trx: Q, entry: Omit<AuditEntry, 'seq'>) {
  await trx
    .insertInto('audit_pending')
    .values({ id: entry.id, entry: JSON.stringify(entry), created_at: entry.time })
    .execute();
}

/** Decision entries committed but not yet sealed, oldest first. */
export async function pendingEntries(db: Q, limit: number): Promise<Omit<AuditEntry, 'seq'>[]> {
  const rows = await db.selectFrom('audit_pending').selectAll().orderBy('id').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.entry) as Omit<AuditEntry, 'seq'>);
}

/** A batch's outbox decisions were sealed by another process first; the batch is rolled back and sealed again. */
export class OutboxTaken extends Error {
  constructor() {
    super('audit outbox entries were sealed by another process');
  }
}

/** Which of these outbox ids are still waiting to be sealed. */
export async function pendingIds(db: Q, ids: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_pending')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** The last sealed batch. */
export async function lastBatch(db: Q): Promise<AuditBatch | null> {
  const row = await db.selectFrom('audit_batches').selectAll().orderBy('batch_seq', 'desc').limit(1).executeTakeFirst();
  return row ? rowToBatch(row) : null;
}

/** Entries after a position (unsealed ones, for recovery). */
export async function entriesAfter(db: Q, seq: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_entries').selectAll().where('seq', '>', seq).orderBy('seq').execute();
  return rows.map(rowToEntry);
}

/** Registers a public key (idempotent). */
export async function ensureKey(db: Q, keyId: string, publicKey: string, now: string) {
  await db
    .insertInto('audit_keys')
    .values({ key_id: keyId, public_key: publicKey, created_at: now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

/** Everything verification needs. */
export async function loadLog(db: Q) {
  const [batches, entries, keys] = await Promise.all([
    db.selectFrom('audit_batches').selectAll().orderBy('batch_seq').execute(),
    db.selectFrom('audit_entries').selectAll().orderBy('seq').execute(),
    db.selectFrom('audit_keys').selectAll().execute(),
  ]);
  return {
    batches: batches.map(rowToBatch),
    entries: entries.map(rowToEntry),
    keys: new Map(keys.map((k) => [k.key_id, k.public_key])),
  };
}

/** Entries by id (to show that answered calls were recorded). */
export async function entriesByIds(db: Q, ids: readonly string[]) {
  if (!ids.length) return [];
  const out: AuditEntryTable[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** Entries newest first, filtered; `beforeSeq` pages back through the log. */
export function recentEntries(
  db: Q,
  filter: {
    institutionId?: string | undefined;
    /** Only entries of these institutions (an office sees those it deals with); undefined for all. */
    institutionIds?: readonly string[] | undefined;
    /** With institutionIds: also the decisions of these offices' own staff (an SOP published, a role added). */
    staffOfOffices?: readonly string[] | undefined;
    beforeSeq?: number | undefined;
    action?: string | undefined;
    resultCode?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
  },
) {
  let q = db
    .selectFrom('audit_entries')
    .leftJoin('users', (j) =>
      j.onRef('users.id', '=', 'audit_entries.actor_id').on('audit_entries.actor_kind', '=', 'user'),
    )
    .selectAll('audit_entries')
    .select('users.display_name as actor_name')
    .orderBy('audit_entries.seq', 'desc')
    .limit(filter.limit);
  if (filter.institutionId) q = q.where('audit_entries.institution_id', '=', filter.institutionId);
  const ids = filter.institutionIds;
  const offices = filter.staffOfOffices;
  if (ids)
    q = q.where((eb) =>
      eb.or([
        eb('audit_entries.institution_id', 'in', ids.length ? [...ids] : ['']),
        ...(offices?.length
          ? [eb.and([eb('audit_entries.actor_kind', '=', 'user'), eb('users.office_id', 'in', [...offices])])]
          : []),
      ]),
    );
  if (filter.beforeSeq !== undefined) q = q.where('audit_entries.seq', '<', filter.beforeSeq);
  if (filter.action) q = q.where('audit_entries.action', '=', filter.action);
  if (filter.resultCode) q = q.where('audit_entries.result_code', '=', filter.resultCode);
  if (filter.from) q = q.where('audit_entries.time', '>=', filter.from);
  if (filter.to) q = q.where('audit_entries.time', '<', filter.to);
  return q.execute();
}

/** Ids of the institutions dealing with any of the given offices. */
export async function institutionIdsOfOffices(db: Q, officeIds: readonly string[]): Promise<string[]> {
  if (!officeIds.length) return [];
  const rows = await db
    .selectFrom('institutions')
    .select('id')
    .where('office_id', 'in', [...officeIds])
    .execute();
  return rows.map((r) => r.id);
}

/** The newest signed tree head. */
export async function lastHead(db: Q): Promise<StoredHead | null> {
  const row = await db.selectFrom('audit_heads').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return row ? rowToHead(row) : null;
}

/** The head at a tree size, if one was signed there. */
export async function headAt(db: Q, treeSize: number): Promise<StoredHead | null> {
  const row = await db.selectFrom('audit_heads').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
  return row ? rowToHead(row) : null;
}

/** Heads newest first; `beforeSize` pages back. */
export async function listHeads(db: Q, o: { beforeSize?: number | undefined; limit: number }) {
  let q = db.selectFrom('audit_heads').selectAll().orderBy('tree_size', 'desc').limit(o.limit);
  if (o.beforeSize !== undefined) q = q.where('tree_size', '<', o.beforeSize);
  return (await q.execute()).map(rowToHead);
}

/** Heads with tree_size in [from, to], oldest first. */
export async function headsBetween(db: Q, from: number, to: number): Promise<StoredHead[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .selectAll()
    .where('tree_size', '>=', from)
    .where('tree_size', '<=', to)
    .orderBy('tree_size')
    .execute();
  return rows.map(rowToHead);
}

/** The smallest tree size with a head (batches before it predate tree heads), or null. */
export async function firstHeadSize(db: Q): Promise<number | null> {
  const row = await db
    .selectFrom('audit_heads')
    .select((eb) => eb.fn.min('tree_size').as('m'))
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? null : Number(row.m);
}

/** A batch header without its entry hashes. */
export type BatchHeader = Omit<AuditBatch, 'entryHashes'>;

/** Batch headers after a batch, in order (the chain walk of verification, without the leaves). */
export async function batchHeaders(db: Q, afterBatchSeq: number, limit: number): Promise<BatchHeader[]> {
  const rows = await db
    .selectFrom('audit_batches')
    .select([
      'batch_seq',
      'first_seq',
      'last_seq',
      'merkle_root',
      'prev_batch_hash',
      'sealed_at',
      'key_id',
      'batch_hash',
      'signature',
    ])
    .where('batch_seq', '>', afterBatchSeq)
    .orderBy('batch_seq')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { entryHashes: _ignored, ...b } = rowToBatch({ ...r, entry_hashes: '[]' });
    return b;
  });
}

/** Full batches with batch_seq in [from, to], in order. */
export async function batchesBetween(db: Q, from: number, to: number): Promise<AuditBatch[]> {
  const rows = await db
    .selectFrom('audit_batches')
    .selectAll()
    .where('batch_seq', '>=', from)
    .where('batch_seq', '<=', to)
    .orderBy('batch_seq')
    .execute();
  return rows.map(rowToBatch);
}

/** The batch that ends at a position. */
export async function batchEndingAt(db: Q, lastSeq: number): Promise<AuditBatch | null> {
  const row = await db.selectFrom('audit_batches').selectAll().where('last_seq', '=', lastSeq).executeTakeFirst();
  return row ? rowToBatch(row) : null;
}

/** The batch holding a position. */
export async function batchHolding(db: Q, seq: number): Promise<AuditBatch | null> {
  const row = await db
    .selectFrom('audit_batches')
    .selectAll()
    .where('first_seq', '<=', seq)
    .where('last_seq', '>=', seq)
    .orderBy('batch_seq')
    .limit(1)
    .executeTakeFirst();
  return row ? rowToBatch(row) : null;
}

/** Batches sealed after a position (first_seq > seq), in order, a page at a time. */
export async function batchesAfter(db: Q, seq: number, limit: number): Promise<AuditBatch[]> {
  const rows = await db
    .selectFrom('audit_batches')
    .selectAll()
    .where('first_seq', '>', seq)
    .orderBy('first_seq')
    .limit(limit)
    .execute();
  return rows.map(rowToBatch);
}

/**
 * The last seq sealed into a batch: rows past it are not part of the signed log yet. The log's followers (the
 * usage ledger, the resident index) read up to it.
 */
export async function sealedEnd(db: Q): Promise<number> {
  const r = await db
    .selectFrom('audit_batches')
    .select('last_seq')
    .orderBy('batch_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return Number(r?.last_seq ?? 0);
}

/** Entry rows with seq in [from, to], in order, at most `limit`. */
export async function entryRowsBetween(db: Q, from: number, to: number, limit: number): Promise<AuditEntryTable[]> {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** How many entry rows lie after a position, and their range. */
export async function rowsAfter(db: Q, seq: number): Promise<{ count: number; first: number; last: number }> {
  const row = await db
    .selectFrom('audit_entries')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
    .where('seq', '>', seq)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), first: Number(row?.lo ?? 0), last: Number(row?.hi ?? 0) };
}

/** An entry by its id. */
export async function entryById(db: Q, id: string): Promise<AuditEntry | null> {
  const row = await db.selectFrom('audit_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToEntry(row) : null;
}

/** The public keys cached in the database (trust comes from the trust file, never from here). */
export async function storedKeys(db: Q) {
  return db.selectFrom('audit_keys').selectAll().orderBy('created_at').execute();
}

/**
 * Seals rows found after the last batch at start, with the recovery entry that says so: only the recovery entry
 * is new, the batch covers the found rows and it (audit-log.ts init).
 */
export async function insertRecoverySeal(db: Kysely<DB>, recovery: AuditEntry, batch: SealedBatch) {
  await db.transaction().execute(async (trx) => insertSealed(trx, [recovery], batch));
}

/** Writes a head for a batch sealed before heads existed (the tree's first head after the upgrade). */
export async function insertHead(db: Q, head: StoredHead) {
  await db
    .insertInto('audit_heads')
    .values(headToRow(head))
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
}

/** Reads entry rows by range. */
export type EntryRowReader = (
  from: number,
  to: number,
  limit: number,
) => AuditEntryTable[] | Promise<AuditEntryTable[]>;

/** An entry row as an array, columns in ENTRY_COLUMNS order (no keys to allocate per row). */
export type RawEntryRow = unknown[];

/** A raw row as the object Kysely would return. */
export function rawToRow(r: RawEntryRow): AuditEntryTable {
  const o: Record<string, unknown> = {};
  ENTRY_COLUMNS.forEach((c, i) => (o[c] = r[i]));
  return o as unknown as AuditEntryTable;
}

/** An object row as a raw row. */
export function rowToRaw(r: AuditEntryTable): RawEntryRow {
  return ENTRY_COLUMNS.map((c) => r[c]);
}

/** The canonical text of an entry (domain/audit canonicalEntry), built by SQLite from the columns. */
const CANONICAL_SQL =
  `'{"action":'||json_quote(action)||',"actor":{"id":'||json_quote(actor_id)||',"kind":'||json_quote(actor_kind)` +
  `||',"operatorId":'||json_quote(operator_id)||'},"clientIp":'||json_quote(client_ip)` +
  `||',"detail":'||coalesce(detail,'null')||',"elements":'||elements||',"id":'||json_quote(id)` +
  `||',"institutionId":'||json_quote(institution_id)||',"nikHash":'||json_quote(nik_hash)` +
  `||',"pksId":'||json_quote(pks_id)||',"pksVersionHash":'||json_quote(pks_version_hash)` +
  `||',"resultCode":'||json_quote(result_code)||',"time":'||json_quote(time)||',"v":1}'`;

/**
 * SQLite only, for a verification worker reading millions of rows on a connection of its own: `texts` gives
 * [seq, canonical text] per row, the text built by SQLite (json_quote escapes as JSON.stringify does; the detail
 * and elements as stored) — one string per row instead of fifteen columns. A text that does not hash to what was
 * sealed is not a verdict: the caller re-reads that row (`row`, ENTRY_COLUMNS order) and hashes it exactly.
 */
export function sqliteEntryTexts(sqlite: BetterSqlite3.Database) {
  const texts = sqlite
    .prepare(`SELECT seq, ${CANONICAL_SQL} FROM audit_entries WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`)
    .raw(true);
  const one = sqlite.prepare(`SELECT ${ENTRY_COLUMNS.join(',')} FROM audit_entries WHERE seq = ?`).raw(true);
  return {
    texts: (from: number, to: number, limit: number) => texts.all(from, to, limit) as [number, string | null][],
    row: (seq: number) => one.get(seq) as RawEntryRow | undefined,
  };
}
