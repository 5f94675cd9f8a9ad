/** The office's verification decisions on institutions (issue 14): who decided, as they were then, and when. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, InstitutionVerificationTable } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Records one decision. */
export async function insertVerification(db: Q, row: InstitutionVerificationTable) {
  await db.insertInto('institution_verifications').values(row).execute();
}

/** Decisions on these institutions, newest first. */
export async function verificationsOf(db: Q, institutionIds: readonly string[]) {
  if (institutionIds.length === 0) return [];
  return db
    .selectFrom('institution_verifications')
    .selectAll()
    .where('institution_id', 'in', institutionIds)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Names of role codes, built-in or the office's own. */
export async function roleNames(db: Q, officeId: string, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, { id: string; en: string }>();
  const rows = await db
    .selectFrom('roles')
    .select(['code', 'org_id', 'name_id', 'name_en'])
    .where('code', 'in', codes)
    .where((eb) => eb.or([eb('org_id', 'is', null), eb('org_id', '=', officeId)]))
    .execute();
  const out = new Map<string, { id: string; en: string }>();
  // The office's own name for a role wins over the built-in one.
  for (const r of [...rows].sort((a, b) => (a.org_id === null ? 0 : 1) - (b.org_id === null ? 0 : 1)))
    out.set(r.code, { id: r.name_id, en: r.name_en });
  return out;
}
