/** All SQL of provisioning: grants, devices, portal operators, nonces, usage counters. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type {
  AccessDeviceTable,
  AccessGrantChangeTable,
  AccessGrantTable,
  AccessOperatorTable,
} from '../../../db/schema-access.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One grant. */
export function findGrant(db: Q, id: string) {
  return db.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A grant with the live status of its institution and agreement, for the request path's cache. */
export function liveGrantRow(db: Q, by: { id: string } | { userId: string }) {
  let q = db
    .selectFrom('access_grants')
    .innerJoin('institutions', 'institutions.id', 'access_grants.institution_id')
    .innerJoin('agreements', 'agreements.id', 'access_grants.agreement_id')
    .selectAll('access_grants')
    .select([
      'institutions.status as institution_status',
      'institutions.profit_oriented as institution_profit_oriented',
      'agreements.status as agreement_status',
    ]);
  q = 'id' in by ? q.where('access_grants.id', '=', by.id) : q.where('access_grants.user_id', '=', by.userId);
  return q.executeTakeFirst();
}

/** Grants of an agreement, oldest first. */
export function grantsOfAgreement(db: Q, agreementId: string) {
  return db
    .selectFrom('access_grants')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('created_at')
    .execute();
}

/** Grants of an institution, oldest first. */
export function grantsOfInstitution(db: Q, institutionId: string) {
  return db
    .selectFrom('access_grants')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('created_at')
    .execute();
}

/** Inserts a grant. */
export async function insertGrant(db: Q, row: AccessGrantTable) {
  await db.insertInto('access_grants').values(row).execute();
}

/** Updates a grant. */
export async function updateGrant(db: Q, id: string, patch: Partial<Omit<AccessGrantTable, 'id'>>) {
  await db.updateTable('access_grants').set(patch).where('id', '=', id).execute();
}

/** Records what a PKS change did to a grant. */
export async function insertGrantChange(db: Q, row: AccessGrantChangeTable) {
  await db.insertInto('access_grant_changes').values(row).execute();
}

/** The recorded PKS-driven changes of some grants, oldest first. */
export function changesOfGrants(db: Q, grantIds: readonly string[]) {
  if (!grantIds.length) return Promise.resolve([] as AccessGrantChangeTable[]);
  return db
    .selectFrom('access_grant_changes')
    .selectAll()
    .where('grant_id', 'in', grantIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Today's persisted usage counters of some grants. */
export function usageOfGrants(db: Q, grantIds: readonly string[]) {
  return db.selectFrom('access_usage').selectAll().where('grant_id', 'in', grantIds).execute();
}

/** Whether a user id is taken. */
export async function userIdTaken(db: Q, userId: string) {
  return !!(await db.selectFrom('access_grants').select('id').where('user_id', '=', userId).executeTakeFirst());
}

/** Whether an agreement has a passed trial. */
export async function hasPassedTrial(db: Q, agreementId: string) {
  return !!(await db
    .selectFrom('access_grants')
    .select('id')
    .where('agreement_id', '=', agreementId)
    .where('environment', '=', 'trial')
    .where('trial_result', '=', 'passed')
    .executeTakeFirst());
}

/** Devices of a grant. */
export function devicesOf(db: Q, grantId: string) {
  return db.selectFrom('access_devices').selectAll().where('grant_id', '=', grantId).orderBy('created_at').execute();
}

/** One device. */
export function findDevice(db: Q, id: string) {
  return db.selectFrom('access_devices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A device by its PCID. */
export function findDeviceByPcid(db: Q, pcid: string) {
  return db.selectFrom('access_devices').selectAll().where('pcid', '=', pcid).executeTakeFirst();
}

/** Inserts a device. */
export async function insertDevice(db: Q, row: AccessDeviceTable) {
  await db.insertInto('access_devices').values(row).execute();
}

/** Sets a device's status. */
export async function setDeviceStatus(db: Q, id: string, status: AccessDeviceTable['status']) {
  await db.updateTable('access_devices').set({ status }).where('id', '=', id).execute();
}

/** Portal operators of a grant with their user names. */
export function operatorsOf(db: Q, grantId: string) {
  return db
    .selectFrom('access_operators')
    .innerJoin('users', 'users.id', 'access_operators.user_id')
    .selectAll('access_operators')
    .select(['users.username', 'users.display_name', 'users.institution_id as user_institution_id'])
    .where('grant_id', '=', grantId)
    .orderBy('access_operators.created_at')
    .execute();
}

/** Inserts a portal operator. */
export async function insertOperator(db: Q, row: AccessOperatorTable) {
  await db.insertInto('access_operators').values(row).execute();
}

/** One portal operator. */
export function findOperator(db: Q, id: string) {
  return db.selectFrom('access_operators').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets a portal operator's status. */
export async function setOperatorStatus(db: Q, id: string, status: AccessOperatorTable['status']) {
  await db.updateTable('access_operators').set({ status }).where('id', '=', id).execute();
}

/** A user with its institution (for portal operators). */
export function findUser(db: Q, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'institution_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records a device nonce; false when it was used before (a replay). */
export async function useNonce(db: Q, deviceId: string, nonce: string, at: string): Promise<boolean> {
  const res = await db
    .insertInto('access_nonces')
    .values({ device_id: deviceId, nonce, at })
    .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Forgets nonces older than a cut-off (they fail the freshness check anyway). */
export async function pruneNonces(db: Q, before: string) {
  await db.deleteFrom('access_nonces').where('at', '<', before).execute();
}

/** The calls counted for a grant on a day. */
export async function usageOn(db: Q, grantId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('access_usage')
    .select('count')
    .where('grant_id', '=', grantId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

/** An institution's status and office. */
export function findInstitution(db: Q, id: string) {
  return db
    .selectFrom('institutions')
    .select(['id', 'name', 'status', 'office_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The grants a user may use through the web portal (as an active operator). */
export async function portalGrantIdsOfUser(db: Q, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('access_operators')
    .select('grant_id')
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.grant_id);
}
