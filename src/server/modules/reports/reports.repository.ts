/** All SQL of the reports feature (issue 12): reports, the ladder's steps and sanctions, notices. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  NoticeTable,
  ObligationSanctionTable,
  ObligationStepTable,
  UsageReportTable,
} from '../../db/schema-reports.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Agreement statuses that owe semester reports: in force, or ended by expiry (its last semesters stay owed). */
export const REPORTING_STATUSES = ['active', 'expiring', 'expired'] as const;

/** An agreement that owes reports, with what the rules and screens need of its institution and office. */
export interface ReportingAgreement {
  id: string;
  number: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  institution_id: string;
  institution_name: string;
  institution_status: 'pending' | 'verified' | 'suspended';
  institution_address: string;
  office_id: string;
  office_name: string;
  report_deadline_days: number;
}

/** Agreements that owe reports, optionally of one institution, one agreement, or some offices. */
export function reportingAgreements(
  db: Q,
  filter: { institutionId?: string; agreementId?: string; officeIds?: readonly string[] } = {},
): Promise<ReportingAgreement[]> {
  let q = db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .innerJoin('offices', 'offices.id', 'agreements.office_id')
    .select([
      'agreements.id',
      'agreements.number',
      'agreements.status',
      'agreements.start_date',
      'agreements.end_date',
      'agreements.institution_id',
      'institutions.name as institution_name',
      'institutions.status as institution_status',
      'institutions.address as institution_address',
      'agreements.office_id',
      'offices.name as office_name',
      'offices.report_deadline_days',
    ])
    .where('agreements.status', 'in', [...REPORTING_STATUSES])
    .where('agreements.start_date', 'is not', null)
    .orderBy('agreements.id');
  if (filter.institutionId) q = q.where('agreements.institution_id', '=', filter.institutionId);
  if (filter.agreementId) q = q.where('agreements.id', '=', filter.agreementId);
  if (filter.officeIds) {
    if (!filter.officeIds.length) return Promise.resolve([]);
    q = q.where('agreements.office_id', 'in', [...filter.officeIds]);
  }
  return q.execute();
}

/** Report rows of some agreements. */
export function reportsOfAgreements(db: Q, agreementIds: readonly string[]): Promise<UsageReportTable[]> {
  if (!agreementIds.length) return Promise.resolve([]);
  return db
    .selectFrom('usage_reports')
    .selectAll()
    .where('agreement_id', 'in', [...agreementIds])
    .execute();
}

/** Every report row (the ladder reads them all once a tick). */
export function allReports(db: Q): Promise<UsageReportTable[]> {
  return db.selectFrom('usage_reports').selectAll().execute();
}

/** One report. */
export function findReport(db: Q, id: string) {
  return db.selectFrom('usage_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The report of an agreement for a semester. */
export function findReportFor(db: Q, agreementId: string, semester: string) {
  return db
    .selectFrom('usage_reports')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('semester', '=', semester)
    .executeTakeFirst();
}

/** Inserts a report. */
export async function insertReport(db: Q, row: UsageReportTable) {
  await db.insertInto('usage_reports').values(row).execute();
}

/** Changes a report only if its status is still `from`; false when someone moved it meanwhile. */
export async function updateReportIf(
  db: Q,
  id: string,
  from: UsageReportTable['status'],
  patch: Partial<Omit<UsageReportTable, 'id'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('usage_reports')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ladder steps already taken, for some institutions (all when omitted). */
export function stepsTaken(db: Q, institutionIds?: readonly string[]): Promise<ObligationStepTable[]> {
  let q = db.selectFrom('obligation_steps').selectAll().orderBy('created_at');
  if (institutionIds) {
    if (!institutionIds.length) return Promise.resolve([]);
    q = q.where('institution_id', 'in', [...institutionIds]);
  }
  return q.execute();
}

/** Records a step once; false when it was already taken (the unique key holds it). */
export async function insertStep(db: Q, row: ObligationStepTable): Promise<boolean> {
  const r = await db
    .insertInto('obligation_steps')
    .values(row)
    .onConflict((oc) => oc.columns(['obligation_key', 'step']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Sets the letter a step produced. */
export async function setStepDocument(db: Q, id: string, documentId: string) {
  await db.updateTable('obligation_steps').set({ document_id: documentId }).where('id', '=', id).execute();
}

/** Sanctions of the ladder (open and lifted), for some institutions (all when omitted). */
export function sanctionsOf(db: Q, institutionIds?: readonly string[]): Promise<ObligationSanctionTable[]> {
  let q = db.selectFrom('obligation_sanctions').selectAll().orderBy('imposed_at');
  if (institutionIds) {
    if (!institutionIds.length) return Promise.resolve([]);
    q = q.where('institution_id', 'in', [...institutionIds]);
  }
  return q.execute();
}

/**
 * Closes the ladder's open sanction of an institution whose status the office changed by hand (its decision
 * supersedes the ladder's): returns the sanction's id, or null when none was open. The obligations it named are
 * never sanctioned again (domain/reports/ladder.ts).
 */
export async function closeOpenSanction(db: Q, institutionId: string, now: Date): Promise<string | null> {
  const open = await db
    .selectFrom('obligation_sanctions')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (!open) return null;
  const lifted = await liftSanction(db, open.id, {
    lifted_at: now.toISOString(),
    lifted_on: now.toISOString().slice(0, 10),
    lift_letter_id: null,
  });
  return lifted ? open.id : null;
}

/** Inserts a sanction. */
export async function insertSanction(db: Q, row: ObligationSanctionTable) {
  await db.insertInto('obligation_sanctions').values(row).execute();
}

/** Closes an open sanction; false when it was already lifted. */
export async function liftSanction(
  db: Q,
  id: string,
  patch: { lifted_at: string; lifted_on: string; lift_letter_id: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('obligation_sanctions')
    .set(patch)
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the letter of a sanction. */
export async function setSanctionLetter(db: Q, id: string, letterId: string) {
  await db.updateTable('obligation_sanctions').set({ letter_id: letterId }).where('id', '=', id).execute();
}

/** Changes an institution's status only if it is still `from`; false otherwise. */
export async function setInstitutionStatusIf(
  db: Q,
  id: string,
  from: 'verified' | 'suspended',
  to: 'verified' | 'suspended',
): Promise<boolean> {
  const r = await db
    .updateTable('institutions')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An institution's status. */
export async function institutionStatus(db: Q, id: string) {
  return (await db.selectFrom('institutions').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** Inserts a notice. */
export async function insertNotice(db: Q, row: NoticeTable) {
  await db.insertInto('notices').values(row).execute();
}

/** The newest notices of an organisation. */
export function noticesOf(db: Q, orgKind: 'office' | 'institution', orgIds: readonly string[], limit: number) {
  if (!orgIds.length) return Promise.resolve([]);
  return db
    .selectFrom('notices')
    .selectAll()
    .where('org_kind', '=', orgKind)
    .where('org_id', 'in', [...orgIds])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Every office with its parent (a small table: the hierarchy is computed in memory). */
export function officeTree(db: Q) {
  return db.selectFrom('offices').select(['id', 'name', 'parent_id', 'level']).execute();
}

/** What a ladder letter names of an agreement: its number. */
export async function agreementNumbers(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('agreements')
    .select(['id', 'number'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Institutions with their status and office. */
export function institutionsByIds(db: Q, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('institutions')
    .select(['id', 'name', 'status', 'office_id', 'type', 'address'])
    .where('id', 'in', [...ids])
    .execute();
}
