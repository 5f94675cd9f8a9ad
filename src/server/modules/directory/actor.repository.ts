import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../../domain/authz.js';

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
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgKind: isOffice ? 'office' : 'institution',
    orgId,
    officeId: (isOffice ? user.office_id : user.institution_office_id) ?? '',
    atPusat: isOffice && user.office_level === 'pusat',
    roles: roles.map((r) => r.role_code).sort(),
  };
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
