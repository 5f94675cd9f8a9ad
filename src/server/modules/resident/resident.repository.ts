/**
 * The resident view's SQL: the index's cursor and rows, the accesses of one NIK hash (the index joined to the
 * signed entries, the institution and the PKS), resident sessions, and reports.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditEntryTable } from '../../db/schema-access.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The last audit seq indexed. */
export async function readCursor(db: Q): Promise<number> {
  const r = await db.selectFrom('resident_index_cursor').select('last_seq').where('id', '=', 1).executeTakeFirst();
  return Number(r?.last_seq ?? 0);
}

/** Moves the cursor from `from` to `to` only if nobody moved it meanwhile; false when someone did. */
export async function advanceCursor(trx: Q, from: number, to: number, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('resident_index_cursor')
    .set({ last_seq: to, updated_at: now })
    .where('id', '=', 1)
    .where('last_seq', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds index rows (a row already there is kept). */
export async function addIndexRows(trx: Q, rows: readonly { nikHash: string; seq: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto('resident_access_index')
      .values(rows.slice(i, i + 400).map((r) => ({ nik_hash: r.nikHash, seq: r.seq })))
      .onConflict((oc) => oc.columns(['nik_hash', 'seq']).doNothing())
      .execute();
}

/** One access as listed: the signed entry and the names that place it. */
export interface AccessRow extends AuditEntryTable {
  institution_name: string | null;
  office_id: string | null;
  pks_number: string | null;
}

/** The indexed entries of one NIK hash, newest first, at most `limit`. */
export async function accessesOf(db: Q, nikHash: string, limit: number): Promise<AccessRow[]> {
  return db
    .selectFrom('resident_access_index as x')
    .innerJoin('audit_entries as e', 'e.seq', 'x.seq')
    .leftJoin('institutions as i', 'i.id', 'e.institution_id')
    .leftJoin('agreements as a', 'a.id', 'e.pks_id')
    .selectAll('e')
    .select(['i.name as institution_name', 'i.office_id as office_id', 'a.number as pks_number'])
    .where('x.nik_hash', '=', nikHash)
    .orderBy('x.seq', 'desc')
    .limit(limit)
    .execute();
}

/** One indexed entry of a NIK hash by the entry's id (undefined when it is not theirs). */
export async function accessOf(db: Q, nikHash: string, entryId: string) {
  return db
    .selectFrom('resident_access_index as x')
    .innerJoin('audit_entries as e', 'e.seq', 'x.seq')
    .select(['e.id', 'e.seq', 'e.institution_id'])
    .where('x.nik_hash', '=', nikHash)
    .where('e.id', '=', entryId)
    .executeTakeFirst();
}

/** Stores a resident session (the token's hash). */
export async function insertSession(db: Q, row: DB['resident_sessions']): Promise<void> {
  await db.insertInto('resident_sessions').values(row).execute();
}

/** The NIK hash of a live session, by the token's hash. */
export async function sessionNikHash(db: Q, tokenHash: string, now: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('resident_sessions')
    .select('nik_hash')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r?.nik_hash;
}

/** Ends a session, and drops the expired ones. */
export async function deleteSession(db: Q, tokenHash: string, now: string): Promise<void> {
  await db
    .deleteFrom('resident_sessions')
    .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('expires_at', '<=', now)]))
    .execute();
}

/** Drops expired sessions. */
export async function pruneSessions(db: Q, now: string): Promise<void> {
  await db.deleteFrom('resident_sessions').where('expires_at', '<=', now).execute();
}

/** The entry ids a resident reported. */
export async function reportedEntries(db: Q, nikHash: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('resident_reports')
    .select('audit_entry_id')
    .where('nik_hash', '=', nikHash)
    .execute();
  return new Set(rows.map((r) => r.audit_entry_id));
}

/** Stores a report; false when the resident reported this entry already. */
export async function insertReport(trx: Q, row: DB['resident_reports']): Promise<boolean> {
  const r = await trx
    .insertInto('resident_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['nik_hash', 'audit_entry_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Sets the finding a report opened. */
export async function setReportFinding(trx: Q, id: string, findingId: string): Promise<void> {
  await trx.updateTable('resident_reports').set({ finding_id: findingId }).where('id', '=', id).execute();
}

/** The warehouse record's identifying values of a NIK (production population), or undefined. */
export async function identifyingValues(db: Q, nik: string) {
  return db
    .selectFrom('residents')
    .select(['nik', 'no_kk', 'tgl_lhr', 'nama_lgkp_ibu'])
    .where('nik', '=', nik)
    .executeTakeFirst();
}
