import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { capabilitiesOf, isCapability, type Actor, type Capability } from '../../../domain/authz.js';

/** Loads the acting user with their organisation and roles, or undefined when disabled or gone. */
export async function loadActor(db: Kysely<DB>, userId: string): Promise<Actor | undefined> {
  const user = await db
    .selectFrom('users')
    .leftJoin('institutions', 'institutions.id', 'users.institution_id')
    .leftJoin('offices', 'offices.id', 'users.office_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.status',
      'users.office_id',
      'users.institution_id',
      'institutions.office_id as institution_office_id',
      'offices.level as office_level',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.status !== 'active') return undefined;
  const roles = await db.selectFrom('user_roles').select('role_code').where('user_id', '=', userId).execute();
  const isOffice = user.office_id !== null;
  const orgId = (isOffice ? user.office_id : user.institution_id) ?? '';
  const roleCodes = roles.map((r) => r.role_code).sort();
  return {
    capabilities:
      isOffice && user.office_id ? capabilitiesOf(roleCodes, await officePermissions(db, user.office_id)) : [],
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgKind: isOffice ? 'office' : 'institution',
    orgId,
    officeId: (isOffice ? user.office_id : user.institution_office_id) ?? '',
    atPusat: isOffice && user.office_level === 'pusat',
    roles: roleCodes,
  };
}

/** The capabilities an office configured, each with the roles that hold it (absent: the default applies). */
export async function officePermissions(db: Kysely<DB>, officeId: string): Promise<Map<Capability, string[]>> {
  const rows = await db
    .selectFrom('office_permissions')
    .select(['capability', 'role_code'])
    .where('office_id', '=', officeId)
    .execute();
  const out = new Map<Capability, string[]>();
  for (const r of rows) {
    if (!isCapability(r.capability)) continue;
    // A capability set to no role at all is stored as one row with an empty role.
    const list = out.get(r.capability) ?? [];
    if (r.role_code) list.push(r.role_code);
    out.set(r.capability, list);
  }
  return out;
}

/** The office's id followed by the ids of the offices above it, nearest first. */
export async function officeChain(db: Kysely<DB>, officeId: string): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = officeId;
  while (current && !chain.includes(current)) {
    chain.push(current);
    const row: { parent_id: string | null } | undefined = await db
      .selectFrom('offices')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return chain;
}
