import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** All offices, ordered by code. */
export function listOffices(db: Q) {
  return db.selectFrom('offices').selectAll().orderBy('code').execute();
}

/** One office. */
export function findOffice(db: Q, id: string) {
  return db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One institution. */
export function findInstitution(db: Q, id: string) {
  return db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Institutions dealing with any of the given offices (all when `officeIds` is null). */
export function listInstitutions(db: Q, filter: { officeIds: string[] | null; institutionId?: string }) {
  let q = db
    .selectFrom('institutions')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .selectAll('institutions')
    .select('offices.name as office_name')
    .orderBy('institutions.name');
  if (filter.officeIds) q = q.where('institutions.office_id', 'in', filter.officeIds.length ? filter.officeIds : ['']);
  if (filter.institutionId) q = q.where('institutions.id', '=', filter.institutionId);
  return q.execute();
}

/** Contact people of an institution. */
export function listContacts(db: Q, institutionId: string) {
  return db
    .selectFrom('institution_contacts')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .execute();
}

/** Office ids below the given office (children and their children). */
export async function officeDescendants(db: Q, officeId: string): Promise<string[]> {
  const all = await db.selectFrom('offices').select(['id', 'parent_id']).execute();
  const out = [officeId];
  for (let i = 0; i < out.length; i++) {
    for (const o of all) if (o.parent_id === out[i] && !out.includes(o.id)) out.push(o.id);
  }
  return out;
}

/** Roles usable in an organisation: built-in ones of its kind plus its own. */
export function listRoles(db: Q, orgKind: 'office' | 'institution', orgId: string) {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('org_kind', '=', orgKind)
    .where((eb) => eb.or([eb('org_id', 'is', null), eb('org_id', '=', orgId)]))
    .orderBy('code')
    .execute();
}

/** Users of one organisation with their roles. */
export async function listUsers(db: Q, orgKind: 'office' | 'institution', orgId: string) {
  const column = orgKind === 'office' ? 'office_id' : 'institution_id';
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'status', 'totp_enabled', 'created_at'])
    .where(column, '=', orgId)
    .orderBy('username')
    .execute();
  const roles = users.length
    ? await db
        .selectFrom('user_roles')
        .selectAll()
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({
    ...u,
    roles: roles
      .filter((r) => r.user_id === u.id)
      .map((r) => r.role_code)
      .sort(),
  }));
}

/** Whether a username is taken. */
export async function usernameTaken(db: Q, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

/** Inserts a user and their roles; the one way users are created (service, seed, bootstrap). */
export async function insertUser(
  db: Q,
  user: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    officeId: string | null;
    institutionId: string | null;
    roles: readonly string[];
    mustChangePassword: boolean;
    now: string;
  },
) {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username.toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      office_id: user.officeId,
      institution_id: user.institutionId,
      status: 'active',
      must_change_password: user.mustChangePassword ? 1 : 0,
      totp_secret: null,
      totp_enabled: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: user.now,
      password_changed_at: user.now,
    })
    .execute();
  if (user.roles.length) {
    await db
      .insertInto('user_roles')
      .values(user.roles.map((role_code) => ({ user_id: user.id, role_code })))
      .execute();
  }
}

/** Inserts a role. */
export async function insertRole(
  db: Q,
  role: {
    id: string;
    orgKind: 'office' | 'institution';
    orgId: string | null;
    code: string;
    nameId: string;
    nameEn: string;
    now: string;
  },
) {
  await db
    .insertInto('roles')
    .values({
      id: role.id,
      org_kind: role.orgKind,
      org_id: role.orgId,
      code: role.code,
      name_id: role.nameId,
      name_en: role.nameEn,
      created_at: role.now,
    })
    .execute();
}

/** Replaces the roles holding one capability in an office ('' alone when nobody holds it). */
export async function replacePermission(db: Q, officeId: string, capability: string, roles: readonly string[]) {
  await db
    .deleteFrom('office_permissions')
    .where('office_id', '=', officeId)
    .where('capability', '=', capability)
    .execute();
  const rows = (roles.length ? roles : ['']).map((role_code) => ({ office_id: officeId, capability, role_code }));
  await db.insertInto('office_permissions').values(rows).execute();
}

/** One user with their organisation and roles. */
export async function findUser(db: Q, id: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'status', 'totp_enabled', 'office_id', 'institution_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role_code').where('user_id', '=', id).execute();
  return { ...user, roles: roles.map((r) => r.role_code).sort() };
}

/** How many active admins an organisation has, leaving one user out (or none). */
export async function countActiveAdmins(
  db: Q,
  orgKind: 'office' | 'institution',
  orgId: string,
  excludingUserId: string | null = null,
): Promise<number> {
  let q = db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(orgKind === 'office' ? 'users.office_id' : 'users.institution_id', '=', orgId)
    .where('users.status', '=', 'active')
    .where('user_roles.role_code', '=', 'admin');
  if (excludingUserId) q = q.where('users.id', '!=', excludingUserId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Takes the organisation's row lock until the transaction ends (a no-op update, the same on both dialects), so
 * two changes to its people's status run one after the other and each sees what the other left: two admins
 * deactivating each other at once cannot leave it without one.
 */
export async function lockOrganisation(db: Q, orgKind: 'office' | 'institution', orgId: string) {
  if (orgKind === 'office')
    await db
      .updateTable('offices')
      .set((eb) => ({ code: eb.ref('code') }))
      .where('id', '=', orgId)
      .execute();
  else
    await db
      .updateTable('institutions')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', orgId)
      .execute();
}

/** Sets a user's status. */
export async function setUserStatus(db: Q, id: string, status: 'active' | 'disabled') {
  await db.updateTable('users').set({ status }).where('id', '=', id).execute();
}

/** Changes an office's settings. */
export async function updateOffice(
  db: Q,
  id: string,
  patch: Partial<{
    letter_format: string;
    require_totp: 0 | 1;
    timezone: string;
    head_title: string;
    report_deadline_days: number;
  }>,
) {
  await db.updateTable('offices').set(patch).where('id', '=', id).execute();
}
