import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AgreementTable, AgreementVersionTable, DB } from '../../db/schema.js';
import type { PksTerms } from '../../../domain/grant/grant.js';
import type { PksContent, PksStatus } from '../../../domain/agreement/pks.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One agreement. */
export function findAgreement(db: Q, id: string) {
  return db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest version in force of an agreement (pending addenda do not count until they end well). */
export function latestVersion(db: Q, agreementId: string) {
  return db
    .selectFrom('agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('state', '=', 'in_force')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** All versions of an agreement, oldest first. */
export function versionsOf(db: Q, agreementId: string) {
  return db
    .selectFrom('agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('version')
    .execute();
}

/** Inserts an agreement (the PKS document's fields of issue 14 start blank unless given). */
export async function insertAgreement(
  db: Q,
  row: Omit<AgreementTable, 'institution_number' | 'signed_on' | 'signed_copy_id'> &
    Partial<Pick<AgreementTable, 'institution_number' | 'signed_on' | 'signed_copy_id'>>,
) {
  await db
    .insertInto('agreements')
    .values({ institution_number: '', signed_on: null, signed_copy_id: null, ...row })
    .execute();
}

/** Inserts an agreement version. */
export async function insertAgreementVersion(db: Q, row: Insertable<AgreementVersionTable>) {
  await db.insertInto('agreement_versions').values(row).execute();
}

/** Updates an agreement. */
export async function updateAgreement(db: Q, id: string, patch: Partial<Omit<AgreementTable, 'id'>>) {
  await db.updateTable('agreements').set(patch).where('id', '=', id).execute();
}

/**
 * The terms a grant is compiled from: the latest version's elements and methods, the agreement's period and
 * status, and the office's time zone. Undefined when the agreement does not exist.
 */
export async function agreementTerms(
  db: Q,
  id: string,
): Promise<(PksTerms & { officeId: string; juknisApproved: boolean; versionId: string }) | undefined> {
  const row = await db
    .selectFrom('agreements')
    .innerJoin('offices', 'offices.id', 'agreements.office_id')
    .selectAll('agreements')
    .select('offices.timezone')
    .where('agreements.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const version = await latestVersion(db, id);
  if (!version) return undefined;
  const content = JSON.parse(version.content) as PksContent;
  return {
    id: row.id,
    institutionId: row.institution_id,
    officeId: row.office_id,
    versionId: version.id,
    versionHash: version.content_hash,
    status: row.status,
    elements: content.elements,
    methods: content.methods,
    startDate: row.start_date ?? content.duration.startDate,
    endDate: row.end_date ?? content.duration.endDate,
    timeZone: row.timezone,
    juknisApproved: row.juknis_approved_at !== null,
  };
}

/** Agreements time can change (scheduled, active, expiring), for the scheduler's lifecycle job. */
export function lifecycleCandidates(db: Q) {
  return db
    .selectFrom('agreements')
    .select(['id', 'number', 'office_id', 'institution_id', 'status', 'start_date', 'end_date', 'notices'])
    .where('status', 'in', ['scheduled', 'active', 'expiring'])
    .orderBy('id')
    .execute();
}

/**
 * Changes an agreement only if it still has the status and notices it was read with (another process or a
 * person may have moved it meanwhile). True when it changed.
 */
export async function updateAgreementIf(
  db: Q,
  id: string,
  seen: Pick<AgreementTable, 'status' | 'notices'>,
  patch: Partial<Omit<AgreementTable, 'id'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('agreements')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', seen.status)
    .where('notices', '=', seen.notices)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The statuses of the PKS the public register lists: in force, or activated and waiting for their start date. */
export const REGISTER_STATUSES = ['scheduled', 'active', 'expiring'] as const satisfies readonly PksStatus[];

/** Agreements signed and put in force, now or from a start date to come, for the public register (no secrets). */
export function registerRows(db: Q) {
  return db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .innerJoin('offices', 'offices.id', 'agreements.office_id')
    .select([
      'agreements.id',
      'agreements.number',
      'agreements.status',
      'agreements.start_date',
      'agreements.end_date',
      'institutions.name as institution_name',
      'institutions.type as institution_type',
      'offices.name as office_name',
    ])
    .where('agreements.status', 'in', REGISTER_STATUSES)
    .$narrowType<{ status: (typeof REGISTER_STATUSES)[number] }>()
    .orderBy('institutions.name')
    .execute();
}

/** One agreement version. */
export function findVersion(db: Q, id: string) {
  return db.selectFrom('agreement_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The pending change of an agreement, if one is in process. */
export function pendingVersion(db: Q, agreementId: string) {
  return db
    .selectFrom('agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

/** Changes a version's bookkeeping (its case, approval, document, state); its content never changes. */
export async function updateVersion(
  db: Q,
  id: string,
  patch: Partial<Pick<AgreementVersionTable, 'case_id' | 'approved_by' | 'approved_at' | 'document_version_id'>> & {
    state?: 'in_force' | 'pending' | 'rejected';
  },
) {
  await db.updateTable('agreement_versions').set(patch).where('id', '=', id).execute();
}

/** A signatory's details as printed on the PKS (issue 14): name, NIP, position, rank; '' when not set. */
export interface SignerDetails {
  name: string;
  nip: string;
  position: string;
  rank: string;
}

/**
 * Whom a new PKS names as signatories: the office's head as its settings record them, and the institution's
 * first active pimpinan (undefined when it has none yet).
 */
export async function plannedSignatories(
  db: Q,
  officeId: string,
  institutionId: string,
): Promise<{ office: SignerDetails | undefined; institution: SignerDetails | undefined }> {
  const o = await db
    .selectFrom('offices')
    .select(['head_name', 'head_nip', 'head_rank'])
    .where('id', '=', officeId)
    .executeTakeFirst();
  const p = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.display_name', 'users.nip', 'users.position', 'users.rank'])
    .where('users.institution_id', '=', institutionId)
    .where('users.status', '=', 'active')
    .where('user_roles.role_code', '=', 'pimpinan')
    .orderBy('users.created_at')
    .orderBy('users.id')
    .executeTakeFirst();
  return {
    office: o?.head_name ? { name: o.head_name, nip: o.head_nip, position: '', rank: o.head_rank } : undefined,
    institution: p ? { name: p.display_name, nip: p.nip, position: p.position, rank: p.rank } : undefined,
  };
}

/** The users' own details (NIP, position, rank) by id, for the recorded signatures the signed copy prints. */
export async function signerDetails(db: Q, userIds: readonly string[]): Promise<Map<string, SignerDetails>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'nip', 'position', 'rank'])
    .where('id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, nip: r.nip, position: r.position, rank: r.rank }]));
}
