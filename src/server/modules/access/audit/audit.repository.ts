/** All SQL of the audit log. */
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

/** The most recent entries of an institution (or all), newest first. */
export function recentEntries(db: Q, filter: { institutionId?: string; limit: number }) {
  let q = db.selectFrom('audit_entries').selectAll().orderBy('seq', 'desc').limit(filter.limit);
  if (filter.institutionId) q = q.where('institution_id', '=', filter.institutionId);
  return q.execute();
}
