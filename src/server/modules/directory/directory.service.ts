import type { Deps } from '../../deps.js';
import {
  CAPABILITIES,
  CAPABILITY_LIST,
  isCapability,
  canCreateUser,
  canListUsers,
  canManageOfficeRoles,
  canManageUsers,
  canViewInstitution,
  roleAllowedInOffice,
  userStatusRefusal,
  type Actor,
} from '../../../domain/authz.js';
import { DomainError, errors, type FieldIssue } from '../../../domain/errors.js';
import { passwordIssues } from '../../../domain/password-policy.js';
import { newId } from '../../lib/ids.js';
import { hashPassword, oneTimePassword } from '../../lib/secrets.js';
import { officeChain, officePermissions } from './actor.repository.js';
import * as repo from './directory.repository.js';
import { recordDecision } from '../access/audit/decisions.js';
import { withdrawUserAccess } from '../access/provisioning/user-access.js';
import { accessChanged } from '../access/runtime/access-changes.js';
import { endSessionsOfUser, endSessionsWithoutTotp } from '../auth/auth.repository.js';

const OFFICE = { id: 'Kantor', en: 'Office' };
const INSTITUTION = { id: 'Lembaga', en: 'Institution' };

/** Every office (the hierarchy is public knowledge inside the system). */
export async function listOffices(deps: Pick<Deps, 'db'>) {
  const rows = await repo.listOffices(deps.db);
  return rows.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    parentId: o.parent_id,
    timezone: o.timezone,
    headTitle: o.head_title,
    requireTotp: o.require_totp === 1,
    letterFormat: o.letter_format,
    reportDeadlineDays: o.report_deadline_days,
  }));
}

const TIMEZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'];

/** Creates an office under a parent (Directorate General admins only). */
export async function createOffice(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  input: {
    code: string;
    name: string;
    level: 'provinsi' | 'kabupaten' | 'kota';
    parentId: string;
    timezone: string;
    headTitle: string;
  },
) {
  if (!(actor.atPusat && actor.roles.includes('admin'))) throw errors.forbidden();
  const parent = await repo.findOffice(deps.db, input.parentId);
  if (!parent) throw errors.notFound(OFFICE);
  const expectedParent = input.level === 'provinsi' ? 'pusat' : 'provinsi';
  const issues: FieldIssue[] = [];
  if (parent.level !== expectedParent) {
    issues.push({
      field: 'parentId',
      message: { id: `induk harus kantor ${expectedParent}`, en: `the parent must be a ${expectedParent} office` },
    });
  }
  const codeOk =
    input.level === 'provinsi' ? /^\d{2}$/.test(input.code) : new RegExp(`^${parent.code}\\.\\d{2}$`).test(input.code);
  if (!codeOk) {
    issues.push({
      field: 'code',
      message: {
        id: input.level === 'provinsi' ? 'kode provinsi dua digit, mis. 17' : `kode harus ${parent.code}.NN`,
        en:
          input.level === 'provinsi' ? 'a province code has two digits, e.g. 17' : `the code must be ${parent.code}.NN`,
      },
    });
  }
  if (!TIMEZONES.includes(input.timezone)) {
    issues.push({
      field: 'timezone',
      message: { id: 'zona waktu WIB/WITA/WIT', en: 'time zone must be WIB/WITA/WIT' },
    });
  }
  if (issues.length)
    throw errors.invalid('invalid_office', { id: 'Data kantor tidak valid.', en: 'Invalid office data.' }, issues);
  if ((await repo.listOffices(deps.db)).some((o) => o.code === input.code)) {
    throw errors.conflict('office_exists', {
      id: `Kantor dengan kode ${input.code} sudah ada.`,
      en: `An office with code ${input.code} exists.`,
    });
  }
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('offices')
      .values({
        id,
        code: input.code,
        name: input.name,
        level: input.level,
        parent_id: parent.id,
        timezone: input.timezone,
        head_title: input.headTitle,
        require_totp: 0,
        letter_format: '{seq}/{kind}/{code}/{year}',
        created_at: deps.now().toISOString(),
      })
      .execute();
    await recordDecision(trx, deps.now(), actor, {
      action: 'office.create',
      detail: { officeId: id, code: input.code, name: input.name, level: input.level, parentId: parent.id },
    });
  });
  return officeView(deps, id);
}

async function officeView(deps: Pick<Deps, 'db'>, id: string) {
  const office = (await listOffices(deps)).find((o) => o.id === id);
  if (!office) throw errors.notFound(OFFICE);
  return office;
}

/**
 * Changes an office's settings (its admin, or a pusat admin): second factor required, time zone, head title.
 * Turning "require TOTP" on ends, in the same transaction, the sessions of the office's staff who have no TOTP:
 * their next request is 401, and they sign in again and enrol (staff with TOTP keep theirs).
 */
export async function updateOffice(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  patch: {
    requireTotp?: boolean;
    timezone?: string;
    headTitle?: string;
    letterFormat?: string;
    reportDeadlineDays?: number;
  },
) {
  const office = await repo.findOffice(deps.db, officeId);
  if (!office) throw errors.notFound(OFFICE);
  if (!canManageOfficeRoles(actor, officeId)) throw errors.forbidden();
  if (patch.timezone !== undefined && !TIMEZONES.includes(patch.timezone)) {
    throw errors.invalid('invalid_office', { id: 'Data kantor tidak valid.', en: 'Invalid office data.' }, [
      { field: 'timezone', message: { id: 'zona waktu WIB/WITA/WIT', en: 'time zone must be WIB/WITA/WIT' } },
    ]);
  }
  if (patch.letterFormat !== undefined && !patch.letterFormat.includes('{seq}')) {
    throw errors.invalid('invalid_office', { id: 'Data kantor tidak valid.', en: 'Invalid office data.' }, [
      {
        field: 'letterFormat',
        message: { id: 'format nomor surat harus memuat {seq}', en: 'the letter number format must contain {seq}' },
      },
    ]);
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateOffice(trx, officeId, {
      ...(patch.letterFormat === undefined ? {} : { letter_format: patch.letterFormat }),
      ...(patch.requireTotp === undefined ? {} : { require_totp: patch.requireTotp ? 1 : 0 }),
      ...(patch.timezone === undefined ? {} : { timezone: patch.timezone }),
      ...(patch.headTitle === undefined ? {} : { head_title: patch.headTitle }),
      ...(patch.reportDeadlineDays === undefined ? {} : { report_deadline_days: patch.reportDeadlineDays }),
    });
    if (patch.reportDeadlineDays !== undefined && patch.reportDeadlineDays !== office.report_deadline_days) {
      await recordDecision(trx, deps.now(), actor, {
        action: 'office.report_deadline',
        result: String(patch.reportDeadlineDays),
        detail: { officeId, from: office.report_deadline_days, to: patch.reportDeadlineDays },
      });
    }
    if (patch.requireTotp !== undefined && patch.requireTotp !== (office.require_totp === 1)) {
      const ended = patch.requireTotp ? await endSessionsWithoutTotp(trx, officeId) : 0;
      await recordDecision(trx, deps.now(), actor, {
        action: 'office.require_totp',
        result: patch.requireTotp ? 'on' : 'off',
        detail: { officeId, sessionsEnded: ended },
      });
    }
  });
  return officeView(deps, officeId);
}

/** Roles usable in an office: the built-in set plus the office's own. */
export async function listOfficeRoles(deps: Pick<Deps, 'db'>, officeId: string) {
  const office = await repo.findOffice(deps.db, officeId);
  if (!office) throw errors.notFound(OFFICE);
  const rows = (await repo.listRoles(deps.db, 'office', officeId)).filter((r) =>
    roleAllowedInOffice(r.code, office.level === 'pusat'),
  );
  return rows.map((r) => ({ code: r.code, name: { id: r.name_id, en: r.name_en }, builtIn: r.org_id === null }));
}

/** Adds an office-specific role (e.g. "kasi_siak"). */
export async function addOfficeRole(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  input: { code: string; nameId: string; nameEn: string },
) {
  if (!(await repo.findOffice(deps.db, officeId))) throw errors.notFound(OFFICE);
  if (!canManageOfficeRoles(actor, officeId)) throw errors.forbidden();
  const existing = await repo.listRoles(deps.db, 'office', officeId);
  if (existing.some((r) => r.code === input.code)) {
    throw errors.conflict('role_exists', {
      id: `Peran "${input.code}" sudah ada.`,
      en: `Role "${input.code}" already exists.`,
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRole(trx, {
      id: newId(),
      orgKind: 'office',
      orgId: officeId,
      code: input.code,
      nameId: input.nameId,
      nameEn: input.nameEn,
      now: deps.now().toISOString(),
    });
    await recordDecision(trx, deps.now(), actor, {
      action: 'role.create',
      detail: { officeId, code: input.code, name: input.nameId },
    });
  });
  return { code: input.code, name: { id: input.nameId, en: input.nameEn }, builtIn: false };
}

/** Roles usable in an institution, for those who may see it. */
export async function listInstitutionRoles(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string) {
  await getInstitution(deps, actor, institutionId);
  const rows = await repo.listRoles(deps.db, 'institution', institutionId);
  return rows.map((r) => ({ code: r.code, name: { id: r.name_id, en: r.name_en }, builtIn: r.org_id === null }));
}

/** Institutions the actor may see: its own, or those of its office and the offices below it. */
export async function listInstitutions(deps: Pick<Deps, 'db'>, actor: Actor) {
  const rows =
    actor.orgKind === 'institution'
      ? await repo.listInstitutions(deps.db, { officeIds: null, institutionId: actor.orgId })
      : await repo.listInstitutions(deps.db, {
          officeIds: actor.atPusat ? null : await repo.officeDescendants(deps.db, actor.orgId),
        });
  return rows.map((i) => ({
    id: i.id,
    name: i.name,
    type: i.type,
    profitOriented: i.profit_oriented === 1,
    status: i.status,
    officeId: i.office_id,
    officeName: i.office_name,
  }));
}

/** One institution with its contacts, if the actor may see it (404 otherwise, so ids are not confirmed). */
export async function getInstitution(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const inst = await repo.findInstitution(deps.db, id);
  if (!inst) throw errors.notFound(INSTITUTION);
  const chain = await officeChain(deps.db, inst.office_id);
  if (!canViewInstitution(actor, { institutionId: inst.id, officeChain: chain })) throw errors.notFound(INSTITUTION);
  const contacts = await repo.listContacts(deps.db, id);
  return {
    id: inst.id,
    name: inst.name,
    type: inst.type,
    profitOriented: inst.profit_oriented === 1,
    status: inst.status,
    officeId: inst.office_id,
    address: inst.address,
    contacts: contacts.map((c) => ({ name: c.name, position: c.position, email: c.email, phone: c.phone })),
  };
}

async function targetOf(deps: Pick<Deps, 'db'>, orgKind: 'office' | 'institution', orgId: string) {
  if (orgKind === 'office') {
    if (!(await repo.findOffice(deps.db, orgId))) throw errors.notFound(OFFICE);
    return { orgKind, orgId, officeChain: await officeChain(deps.db, orgId) };
  }
  const inst = await repo.findInstitution(deps.db, orgId);
  if (!inst) throw errors.notFound(INSTITUTION);
  return { orgKind, orgId, officeChain: await officeChain(deps.db, inst.office_id) };
}

function userView(u: {
  id: string;
  username: string;
  display_name: string;
  status: 'active' | 'disabled';
  roles: string[];
  totp_enabled: number;
}) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    status: u.status,
    roles: u.roles,
    totpEnabled: u.totp_enabled === 1,
  };
}

/** The people of an organisation, for its admins. */
export async function listUsers(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  orgKind: 'office' | 'institution',
  orgId: string,
) {
  const target = await targetOf(deps, orgKind, orgId);
  if (!canListUsers(actor, target)) throw errors.forbidden();
  const rows = await repo.listUsers(deps.db, orgKind, orgId);
  return rows.map(userView);
}

const USER = { id: 'Pengguna', en: 'User' };

/**
 * Deactivates or reactivates a user (their organisation's own admin; never oneself, never the last active admin).
 * Deactivation, in one transaction with its decision on the record: the status, the end of every session of the
 * user (their next request is 401) and the withdrawal of the access they hold (portal-operator registrations),
 * announced so the next request in every process is refused.
 */
export async function setUserStatus(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  userId: string,
  status: 'active' | 'disabled',
) {
  const user = await repo.findUser(deps.db, userId);
  if (!user) throw errors.notFound(USER);
  const orgKind = user.office_id === null ? 'institution' : 'office';
  const orgId = user.office_id ?? user.institution_id ?? '';
  const target = await targetOf(deps, orgKind, orgId);
  // Those outside the organisation who may not even see its people are not told the user exists.
  const member = actor.orgKind === orgKind && actor.orgId === orgId;
  if (!member && !canListUsers(actor, target)) throw errors.notFound(USER);
  if (!canManageUsers(actor, target)) throw errors.forbidden();
  const isAdmin = user.roles.includes('admin');
  let withdrawn: { operatorId: string; grantId: string }[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockOrganisation(trx, orgKind, orgId);
    const current = await repo.findUser(trx, userId);
    if (!current || current.status === status) return;
    const others = isAdmin ? await repo.countActiveAdmins(trx, orgKind, orgId, userId) : 1;
    const refusal = userStatusRefusal(actor, { userId, isAdmin, status: current.status }, status, others);
    if (refusal === 'cannot_deactivate_self')
      throw errors.conflict(refusal, {
        id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
        en: 'You cannot deactivate your own account.',
      });
    if (refusal === 'last_admin')
      throw errors.conflict(refusal, {
        id: 'Admin aktif terakhir organisasi ini tidak dapat dinonaktifkan.',
        en: "The organisation's last active admin cannot be deactivated.",
      });
    await repo.setUserStatus(trx, userId, status);
    const sessionsEnded = status === 'disabled' ? await endSessionsOfUser(trx, userId) : 0;
    if (status === 'disabled') withdrawn = await withdrawUserAccess(trx, userId);
    await recordDecision(trx, deps.now(), actor, {
      action: status === 'disabled' ? 'user.deactivate' : 'user.reactivate',
      institutionId: orgKind === 'institution' ? orgId : null,
      detail: {
        userId,
        username: user.username,
        targetOrgKind: orgKind,
        targetOrgId: orgId,
        targetRoles: user.roles.join(','),
        sessionsEnded,
        operatorsRevoked: withdrawn.map((w) => w.operatorId).join(',') || null,
      },
    });
  });
  if (status === 'disabled') accessChanged();
  const after = await repo.findUser(deps.db, userId);
  if (!after) throw errors.notFound(USER);
  return userView(after);
}

/**
 * Creates a user with a one-time password (shown once in the answer, stored only as a hash);
 * they must change it at first login.
 */
export async function createUser(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  input: { orgKind: 'office' | 'institution'; orgId: string; username: string; displayName: string; roles: string[] },
) {
  const target = await targetOf(deps, input.orgKind, input.orgId);
  // Only the first admin of an organisation without one may come from outside it (see canCreateUser).
  const hasActiveAdmin =
    canManageUsers(actor, target) || (await repo.countActiveAdmins(deps.db, input.orgKind, input.orgId)) > 0;
  if (!canCreateUser(actor, { ...target, roles: input.roles, hasActiveAdmin })) throw errors.forbidden();
  const atPusat = input.orgKind === 'office' && (await repo.findOffice(deps.db, input.orgId))?.level === 'pusat';
  const known = new Set(
    (await repo.listRoles(deps.db, input.orgKind, input.orgId))
      .map((r) => r.code)
      .filter((code) => input.orgKind === 'institution' || roleAllowedInOffice(code, atPusat)),
  );
  const unknown = input.roles.filter((r) => !known.has(r));
  if (unknown.length) {
    throw errors.invalid(
      'unknown_role',
      { id: 'Peran tidak dikenal di organisasi ini.', en: 'Unknown role in this organisation.' },
      unknown.map((r) => ({
        field: 'roles',
        message: { id: `peran "${r}" tidak ada`, en: `role "${r}" does not exist` },
      })),
    );
  }
  if (await repo.usernameTaken(deps.db, input.username)) {
    throw new DomainError('conflict', 'username_taken', {
      id: `Nama pengguna "${input.username}" sudah dipakai.`,
      en: `Username "${input.username}" is taken.`,
    });
  }
  const password = oneTimePassword();
  // A generated one-time password always passes the policy; checked anyway so the policy stays the one gate.
  if (passwordIssues(password, input.username).length) throw new Error('generated password fails policy');
  const id = newId();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertUser(trx, {
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      officeId: input.orgKind === 'office' ? input.orgId : null,
      institutionId: input.orgKind === 'institution' ? input.orgId : null,
      roles: [...new Set(input.roles)],
      mustChangePassword: true,
      now: deps.now().toISOString(),
    });
    await recordDecision(trx, deps.now(), actor, {
      action: 'user.create',
      institutionId: input.orgKind === 'institution' ? input.orgId : null,
      detail: {
        userId: id,
        username: input.username,
        targetOrgKind: input.orgKind,
        targetOrgId: input.orgId,
        targetRoles: input.roles.join(','),
      },
    });
  });
  return { id, username: input.username.toLowerCase(), oneTimePassword: password };
}

/** Who may see and change an office's permissions: its own admin, or a pusat admin. */
function mayManageOffice(actor: Actor, officeId: string): boolean {
  return canManageOfficeRoles(actor, officeId);
}

/**
 * An office's permissions: for each capability, the roles that hold it (the office's own setting, or the default
 * from the built-in roles), and the office's roles to choose from. Its admin and pusat admins see it.
 */
export async function getPermissions(deps: Pick<Deps, 'db'>, actor: Actor, officeId: string) {
  if (!(await repo.findOffice(deps.db, officeId))) throw errors.notFound(OFFICE);
  if (!mayManageOffice(actor, officeId) && !(actor.orgKind === 'office' && actor.orgId === officeId))
    throw errors.forbidden();
  const configured = await officePermissions(deps.db, officeId);
  return CAPABILITY_LIST.map((c) => ({
    capability: c,
    roles: [...(configured.get(c) ?? CAPABILITIES[c])],
    isDefault: !configured.has(c),
    defaultRoles: [...CAPABILITIES[c]],
  }));
}

/** Sets which of an office's roles hold a capability (its admin, or a pusat admin); on the record. */
export async function setPermission(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  capability: string,
  roles: string[],
) {
  const office = await repo.findOffice(deps.db, officeId);
  if (!office) throw errors.notFound(OFFICE);
  if (!mayManageOffice(actor, officeId)) throw errors.forbidden();
  if (!isCapability(capability)) {
    throw errors.invalid('unknown_capability', { id: 'Kewenangan tidak dikenal.', en: 'Unknown capability.' }, [
      {
        field: 'capability',
        message: { id: `pilih ${CAPABILITY_LIST.join(', ')}`, en: `use ${CAPABILITY_LIST.join(', ')}` },
      },
    ]);
  }
  const known = new Set(
    (await repo.listRoles(deps.db, 'office', officeId))
      .map((r) => r.code)
      .filter((c) => roleAllowedInOffice(c, office.level === 'pusat')),
  );
  const unknown = roles.filter((r) => !known.has(r));
  if (unknown.length) {
    throw errors.invalid(
      'unknown_role',
      { id: 'Peran tidak dikenal di kantor ini.', en: 'Unknown role in this office.' },
      unknown.map((r) => ({
        field: 'roles',
        message: { id: `peran "${r}" tidak ada`, en: `role "${r}" does not exist` },
      })),
    );
  }
  const unique = [...new Set(roles)].sort();
  await deps.db.transaction().execute(async (trx) => {
    await repo.replacePermission(trx, officeId, capability, unique);
    await recordDecision(trx, deps.now(), actor, {
      action: 'office.permission',
      detail: { officeId, capability, roles: unique.join(',') },
    });
  });
  return getPermissions(deps, actor, officeId);
}
