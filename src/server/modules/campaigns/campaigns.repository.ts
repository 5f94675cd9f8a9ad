/** All SQL of the campaigns feature (issue 13): campaigns, their institutions, evidence and findings. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  CampaignEvidenceTable,
  CampaignFindingTable,
  CampaignInstitutionTable,
  CampaignTable,
} from '../../db/schema-campaigns.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Inserts a campaign. */
export async function insertCampaign(db: Q, row: CampaignTable) {
  await db.insertInto('campaigns').values(row).execute();
}

/** One campaign. */
export function findCampaign(db: Q, id: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The campaign of a case. */
export function campaignOfCase(db: Q, caseId: string) {
  return db.selectFrom('campaigns').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** Campaigns of some offices (null: all), newest first. */
export function listCampaigns(db: Q, officeIds: readonly string[] | null) {
  let q = db.selectFrom('campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (officeIds) {
    if (!officeIds.length) return Promise.resolve([]);
    q = q.where('office_id', 'in', officeIds);
  }
  return q.execute();
}

/** Updates a campaign. */
export async function updateCampaign(db: Q, id: string, set: Partial<CampaignTable>) {
  await db.updateTable('campaigns').set(set).where('id', '=', id).execute();
}

/** Inserts a campaign's institutions. */
export async function insertInstitutions(db: Q, rows: CampaignInstitutionTable[]) {
  if (rows.length) await db.insertInto('campaign_institutions').values(rows).execute();
}

/** A campaign's institutions with their names. */
export function institutionsOf(db: Q, campaignId: string) {
  return db
    .selectFrom('campaign_institutions')
    .innerJoin('institutions', 'institutions.id', 'campaign_institutions.institution_id')
    .selectAll('campaign_institutions')
    .select(['institutions.name as name', 'institutions.office_id as institution_office_id'])
    .where('campaign_institutions.campaign_id', '=', campaignId)
    .orderBy('institutions.name')
    .execute();
}

/** Updates one institution of a campaign. */
export async function updateInstitution(
  db: Q,
  campaignId: string,
  institutionId: string,
  set: Partial<CampaignInstitutionTable>,
) {
  await db
    .updateTable('campaign_institutions')
    .set(set)
    .where('campaign_id', '=', campaignId)
    .where('institution_id', '=', institutionId)
    .execute();
}

/** Inserts an evidence file. */
export async function insertEvidence(db: Q, row: CampaignEvidenceTable) {
  await db.insertInto('campaign_evidence').values(row).execute();
}

/** A campaign's evidence files. */
export function evidenceOf(db: Q, campaignId: string) {
  return db
    .selectFrom('campaign_evidence')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .execute();
}

/** Inserts a finding. */
export async function insertFinding(db: Q, row: CampaignFindingTable) {
  await db.insertInto('campaign_findings').values(row).execute();
}

/** One finding. */
export function findFinding(db: Q, id: string) {
  return db.selectFrom('campaign_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A campaign's findings, oldest first. */
export function findingsOf(db: Q, campaignId: string) {
  return db
    .selectFrom('campaign_findings')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Findings owed by one institution (or some offices' institutions), with their campaign's title. */
export function findingsFor(db: Q, filter: { institutionId?: string; officeIds?: readonly string[] | null }) {
  let q = db
    .selectFrom('campaign_findings')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_findings.campaign_id')
    .innerJoin('institutions', 'institutions.id', 'campaign_findings.institution_id')
    .selectAll('campaign_findings')
    .select(['campaigns.title as campaign_title', 'institutions.name as institution_name'])
    .orderBy('campaign_findings.due_date')
    .orderBy('campaign_findings.id');
  if (filter.institutionId) q = q.where('campaign_findings.institution_id', '=', filter.institutionId);
  if (filter.officeIds) {
    if (!filter.officeIds.length) return Promise.resolve([]);
    q = q.where('campaign_findings.office_id', 'in', filter.officeIds);
  }
  return q.execute();
}

/** Every finding with a PKS to owe it under (the ladder's obligations). */
export function findingsUnderPks(db: Q) {
  return db
    .selectFrom('campaign_findings')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_findings.campaign_id')
    .selectAll('campaign_findings')
    .select(['campaigns.period_start', 'campaigns.period_end'])
    .where('campaign_findings.agreement_id', 'is not', null)
    .execute();
}

/** Moves a finding's follow-up from one status, atomically; false when it was no longer in it. */
export async function updateFindingIf(
  db: Q,
  id: string,
  from: CampaignFindingTable['status'],
  set: Partial<CampaignFindingTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('campaign_findings')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Institutions of some offices (a campaign's candidates), by name. */
export function institutionsOfOffices(db: Q, officeIds: readonly string[]) {
  if (!officeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('institutions')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .select(['institutions.id', 'institutions.name', 'institutions.office_id', 'offices.name as office_name'])
    .where('institutions.office_id', 'in', officeIds)
    .orderBy('institutions.name')
    .execute();
}

/** An institution's agreements that ever started, newest first. */
export function agreementsOf(db: Q, institutionId: string) {
  return db
    .selectFrom('agreements')
    .select(['id', 'number', 'status', 'start_date', 'end_date'])
    .where('institution_id', '=', institutionId)
    .where('start_date', 'is not', null)
    .orderBy('start_date', 'desc')
    .execute();
}

/** An institution's grants (credentials). */
export function grantsOf(db: Q, institutionId: string) {
  return db
    .selectFrom('access_grants')
    .select(['id', 'label', 'kind', 'environment', 'status', 'ip_allow'])
    .where('institution_id', '=', institutionId)
    .orderBy('created_at')
    .execute();
}

/** An institution's card-reader devices. */
export function devicesOf(db: Q, institutionId: string) {
  return db
    .selectFrom('access_devices')
    .select(['serial', 'status'])
    .where('institution_id', '=', institutionId)
    .orderBy('created_at')
    .execute();
}

/** An institution's named portal operators. */
export function operatorsOf(db: Q, institutionId: string) {
  return db
    .selectFrom('access_operators')
    .innerJoin('access_grants', 'access_grants.id', 'access_operators.grant_id')
    .innerJoin('users', 'users.id', 'access_operators.user_id')
    .select(['users.display_name as name', 'access_operators.status as status'])
    .where('access_grants.institution_id', '=', institutionId)
    .orderBy('users.display_name')
    .execute();
}
