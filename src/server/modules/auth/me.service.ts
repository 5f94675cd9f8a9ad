import { capabilitiesOf } from '../../../domain/authz.js';
import { officePermissions } from '../directory/actor.repository.js';
import type { Deps } from '../../deps.js';
import type { SessionTable } from '../../db/schema.js';
import { errors } from '../../../domain/errors.js';
import { findUserById } from './auth.repository.js';
import { findInstitution, findOffice, listRoles } from '../directory/directory.repository.js';

/** The current user as the web app shows them: organisation, roles with their names, session stage. */
export async function me(deps: Pick<Deps, 'db'>, session: SessionTable) {
  const user = await findUserById(deps.db, session.user_id);
  if (!user || user.status !== 'active') throw errors.unauthenticated();
  const roles = await deps.db.selectFrom('user_roles').select('role_code').where('user_id', '=', user.id).execute();
  let organisation: { kind: 'office' | 'institution'; id: string; name: string; detail: string };
  let atPusat = false;
  let timeZone = 'Asia/Jakarta';
  if (user.office_id) {
    const office = await findOffice(deps.db, user.office_id);
    atPusat = office?.level === 'pusat';
    timeZone = office?.timezone ?? timeZone;
    organisation = {
      kind: 'office',
      id: user.office_id,
      name: office?.name ?? '',
      detail: `${office?.level ?? ''} ${office?.code ?? ''}`.trim(),
    };
  } else {
    const inst = await findInstitution(deps.db, user.institution_id ?? '');
    organisation = { kind: 'institution', id: inst?.id ?? '', name: inst?.name ?? '', detail: inst?.type ?? '' };
    timeZone = (inst ? await findOffice(deps.db, inst.office_id) : undefined)?.timezone ?? timeZone;
  }
  const catalogue = await listRoles(deps.db, organisation.kind, organisation.id);
  const roleCodes = roles.map((r) => r.role_code);
  const capabilities = user.office_id
    ? capabilitiesOf(roleCodes, await officePermissions(deps.db, user.office_id))
    : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    stage: session.stage,
    csrfToken: session.csrf_token,
    totpEnabled: user.totp_enabled === 1,
    organisation,
    roles: roles.map((r) => {
      const role = catalogue.find((c) => c.code === r.role_code);
      return { code: r.role_code, name: { id: role?.name_id ?? r.role_code, en: role?.name_en ?? r.role_code } };
    }),
    capabilities,
    atPusat,
    timeZone,
  };
}
