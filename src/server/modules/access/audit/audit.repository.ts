/** All SQL of the audit log (the SQLite fast path of the group commit included). */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AuditBatchTable, AuditEntryTable } from '../../../db/schema-access.js';
import type { AuditBatch, AuditEntry } from '../../../../domain/audit/audit.js';

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
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
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

/** Appends entries and their batch (inside the caller's transaction). */
export async function insertSealed(trx: Q, entries: readonly AuditEntry[], batch: AuditBatch) {
  for (let i = 0; i < entries.length; i += 500)
    await trx
      .insertInto('audit_entries')
      .values(entries.slice(i, i + 500).map(entryToRow))
      .execute();
  await trx.insertInto('audit_batches').values(batchToRow(batch)).execute();
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

/** Usage counters written with a batch. */
export type UsageRow = { grant_id: string; day: string; count: number };

/**
 * Writes one sealed batch, its entries and the usage counters in one transaction; `sealed` names decision
 * entries taken from `audit_pending` (decisions.ts), deleted in that same transaction.
 */
export type BatchWriter = (
  entries: readonly AuditEntry[],
  batch: AuditBatch,
  usage: readonly UsageRow[],
  sealed?: readonly string[],
) => Promise<void>;

/** The batch writer through Kysely (PostgreSQL). */
export function kyselyBatchWriter(db: Kysely<DB>): BatchWriter {
  return async (entries, batch, usage, sealed = []) => {
    await db.transaction().execute(async (trx) => {
      await insertSealed(trx, entries, batch);
      if (sealed.length)
        await trx
          .deleteFrom('audit_pending')
          .where('id', 'in', [...sealed])
          .execute();
      if (usage.length)
        await trx
          .insertInto('access_usage')
          .values([...usage])
          .onConflict((oc) =>
            oc.columns(['grant_id', 'day']).doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })),
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
      'ON CONFLICT (grant_id, day) DO UPDATE SET count = excluded.count',
  );
  const deletePending = sqlite.prepare('DELETE FROM audit_pending WHERE id = ?');
  const write = sqlite.transaction(
    (entries: readonly AuditEntry[], batch: AuditBatch, usage: readonly UsageRow[], sealed: readonly string[]) => {
      for (const e of entries)
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
          JSON.stringify(e.elements),
          e.resultCode,
          e.clientIp,
          e.nikHash,
          e.detail ? JSON.stringify(e.detail) : null,
        );
      const b = batchToRow(batch);
      insertBatch.run(BATCH_COLUMNS.map((c) => b[c]));
      for (const u of usage) upsertUsage.run(u.grant_id, u.day, u.count);
      for (const id of sealed) deletePending.run(id);
    },
  );
  const fn = async (
    entries: readonly AuditEntry[],
    batch: AuditBatch,
    usage: readonly UsageRow[],
    sealed: readonly string[] = [],
  ) => {
    for (let attempt = 0; ; attempt++) {
      try {
        write.immediate(entries, batch, usage, sealed);
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
