import type { Kysely, Transaction } from 'kysely';
import type { DB, SopVersionTable } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One version by id. */
export function findVersion(db: Q, id: string) {
  return db.selectFrom('sop_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** All versions of an office, newest first within each code. */
export function listVersions(db: Q, officeId: string) {
  return db
    .selectFrom('sop_versions')
    .selectAll()
    .where('office_id', '=', officeId)
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
}

/** The highest version number of a code in an office (0 when none). */
export async function lastVersionNumber(db: Q, officeId: string, code: string): Promise<number> {
  const row = await db
    .selectFrom('sop_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('office_id', '=', officeId)
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** The version in force at `at`: the highest version whose effective date has come. */
export function currentVersion(db: Q, officeId: string, code: string, at: string) {
  return db
    .selectFrom('sop_versions')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('code', '=', code)
    .where('effective_from', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts a version. */
export async function insertVersion(db: Q, row: SopVersionTable) {
  await db.insertInto('sop_versions').values(row).execute();
}

/** An office's purpose assignments. */
export function purposeAssignments(db: Q, officeId: string) {
  return db.selectFrom('office_sop_purposes').selectAll().where('office_id', '=', officeId).execute();
}

/** Sets (or retires, with null) the SOP that serves a purpose in an office. */
export async function setPurpose(
  db: Q,
  row: { office_id: string; purpose: string; sop_code: string | null; set_by: string | null; set_at: string },
) {
  await db
    .insertInto('office_sop_purposes')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'purpose'])
        .doUpdateSet({ sop_code: row.sop_code, set_by: row.set_by, set_at: row.set_at }),
    )
    .execute();
}

/** Role codes held by at least one active user of an office. */
export async function heldRoles(db: Q, officeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('user_roles.role_code')
    .where('users.office_id', '=', officeId)
    .where('users.status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.role_code));
}
