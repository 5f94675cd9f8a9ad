/**
 * Authorization rules: synchronous checks over loaded data. Anything not allowed here is denied.
 */

/** Who is acting: a logged-in user and the organisation they belong to. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgKind: 'office' | 'institution';
  /** The office or institution the user belongs to. */
  orgId: string;
  /** For office users, their own office; for institution users, the office the institution deals with. */
  officeId: string;
  /** For office users: true when the office is the Directorate General. */
  atPusat: boolean;
  roles: readonly string[];
  /**
   * What the actor's roles may do in their office, from the office's own settings (or the defaults below):
   * resolved when the actor is loaded, so every check stays a synchronous rule.
   */
  capabilities: readonly Capability[];
  /** The client address of the request the actor acts in, for the record of their decisions. */
  clientIp?: string | null;
}

/**
 * What an office decides which of its roles may do. The office admin sets them per office; these are the defaults
 * from the built-in roles (no role of a particular office's SOP appears here).
 */
export const CAPABILITIES = {
  'institution.verify': ['admin', 'kadis', 'kabid', 'kasi'],
  'access.provision': ['admin', 'kadis', 'kabid', 'kasi', 'adb'],
  'pks.edit': ['admin', 'kadis', 'kabid', 'kasi', 'tim', 'staf'],
  'pks.sign_office': ['kadis'],
  'pks.manage': ['admin', 'kadis', 'kabid'],
  'pks.terminate': ['admin', 'kadis'],
  'sop.publish': ['admin', 'kadis'],
  'report.review': ['kabid', 'kasi'],
} as const satisfies Record<string, readonly string[]>;

/** A capability an office grants to some of its roles. */
export type Capability = keyof typeof CAPABILITIES;

/** Every capability, in display order. */
export const CAPABILITY_LIST = Object.keys(CAPABILITIES) as Capability[];

/** Whether a string names a capability. */
export function isCapability(c: string): c is Capability {
  return Object.hasOwn(CAPABILITIES, c);
}

/**
 * The capabilities a set of roles holds, given the office's settings: a capability the office configured uses its
 * list, any other the default list.
 */
export function capabilitiesOf(
  roles: readonly string[],
  configured: ReadonlyMap<Capability, readonly string[]>,
): Capability[] {
  return CAPABILITY_LIST.filter((c) => (configured.get(c) ?? CAPABILITIES[c]).some((r) => roles.includes(r)));
}

/** Whether an office actor holds a capability in their own office. */
export function can(actor: Actor, capability: Capability): boolean {
  return actor.orgKind === 'office' && actor.capabilities.includes(capability);
}

/** The built-in office roles shipped with every office. */
export const OFFICE_ROLES = [
  'kepala_daerah',
  'kadis',
  'sekretaris',
  'kabid',
  'kasi',
  'staf',
  'tim',
  'adb',
  'admin',
] as const;
/** Roles that exist only at the Directorate General. */
export const PUSAT_ROLES = ['dirjen'] as const;
/** Whether a role code may be held in an office: pusat-only roles (dirjen) only at the Directorate General. */
export function roleAllowedInOffice(code: string, atPusat: boolean): boolean {
  return atPusat || !(PUSAT_ROLES as readonly string[]).includes(code);
}

/** The built-in institution roles. */
export const INSTITUTION_ROLES = ['pimpinan', 'admin', 'operator'] as const;

/** A thing that belongs to an institution, reachable from an office. */
export interface InstitutionScope {
  institutionId: string;
  /** The office the institution deals with and the offices above it, nearest first. */
  officeChain: readonly string[];
}

function has(actor: Actor, role: string): boolean {
  return actor.roles.includes(role);
}

/** Office staff of the institution's office, of an office above it, or of pusat; or the institution's own members. */
export function canViewInstitution(actor: Actor, scope: InstitutionScope): boolean {
  if (actor.orgKind === 'institution') return actor.orgId === scope.institutionId;
  return actor.atPusat || scope.officeChain.includes(actor.orgId);
}

/** What decides whether a case document may be replaced ("Ganti berkas", issue 14). */
export interface CaseDocumentReplacement {
  /** The institution the case concerns. */
  caseInstitutionId: string | null;
  caseOpen: boolean;
  /** The case has an open task of that institution (it waits on the applicant). */
  waitingOnInstitution: boolean;
  /** The office queried this document and the query is not answered yet. */
  queried: boolean;
  /**
   * The document is a file the institution itself uploaded: the office's own produced letters (the receipt, the
   * Dirjen's letter) and the office's attachments are never the institution's to replace.
   */
  handedInByInstitution: boolean;
}

/**
 * Only the case's own institution (its admin or head, who hand in its papers) replaces a document of its case, and
 * only a document the office queried while the case is open, or any of its documents while the case waits on it
 * (returned to it for revision).
 */
export function canReplaceCaseDocument(actor: Actor, c: CaseDocumentReplacement): boolean {
  if (actor.orgKind !== 'institution' || !c.caseInstitutionId || actor.orgId !== c.caseInstitutionId) return false;
  if (!(has(actor, 'admin') || has(actor, 'pimpinan'))) return false;
  if (!c.handedInByInstitution) return false;
  return c.caseOpen && (c.queried || c.waitingOnInstitution);
}

/** Which part of the audit log an actor reads (Pengawasan). */
export type AuditScope =
  | { kind: 'all' }
  /** The entries of the institutions dealing with this office or an office under it, and those offices' staff's decisions. */
  | { kind: 'office'; officeId: string }
  | { kind: 'institution'; institutionId: string };

/** Pusat reads the whole log; an office its institutions' entries and its staff's decisions; an institution its own. */
export function auditScopeOf(actor: Actor): AuditScope {
  if (actor.orgKind === 'institution') return { kind: 'institution', institutionId: actor.orgId };
  return actor.atPusat ? { kind: 'all' } : { kind: 'office', officeId: actor.orgId };
}

/** An office's admin manages that office's roles; pusat admins manage every office's. */
export function canManageOfficeRoles(actor: Actor, officeId: string): boolean {
  return actor.orgKind === 'office' && has(actor, 'admin') && (actor.orgId === officeId || actor.atPusat);
}

/** Who may see the people of an organisation: its own admins, admins of the office above an institution, and that office's provisioning staff. */
export function canListUsers(
  actor: Actor,
  target: { orgKind: 'office' | 'institution'; orgId: string; officeChain: readonly string[] },
): boolean {
  // Office staff who provision access pick an institution's operators from its people.
  const provisioner = can(actor, 'access.provision');
  if (actor.orgKind === 'office' && target.orgKind === 'institution' && provisioner) {
    return actor.atPusat || target.officeChain.includes(actor.orgId);
  }
  if (!has(actor, 'admin')) return false;
  if (actor.orgKind === 'institution') return target.orgKind === 'institution' && target.orgId === actor.orgId;
  if (actor.atPusat) return true;
  if (target.orgKind === 'office') return target.orgId === actor.orgId;
  return target.officeChain.includes(actor.orgId);
}

/** The organisation whose people an action concerns. */
export interface UserOrg {
  orgKind: 'office' | 'institution';
  orgId: string;
  /** For an institution, its office and the offices above it; for an office, itself and the offices above it. */
  officeChain: readonly string[];
}

/**
 * Who manages the people of an organisation (creates them, changes their roles, deactivates and reactivates them):
 * its own admin, and nobody else. An office never manages an institution's people (it could otherwise name the
 * institution's pimpinan and sign a PKS as both parties), and no office, not its province nor pusat, manages
 * another office's staff. The only exception is the first admin (see canCreateUser).
 */
export function canManageUsers(actor: Actor, target: UserOrg): boolean {
  return has(actor, 'admin') && actor.orgKind === target.orgKind && actor.orgId === target.orgId;
}

/**
 * Who may create a user with the given roles: the organisation's own admin (canManageUsers). The one exception is
 * an organisation's first admin, for an organisation that has no active admin:
 * - a new office's, created by a Directorate General admin (who creates offices), and only as an admin;
 * - an institution's comes with its self-registration and is accepted by the office's verification
 *   (institutions/institution.service.ts): no office creates it, nor anyone else inside an institution.
 */
export function canCreateUser(
  actor: Actor,
  target: UserOrg & { roles: readonly string[]; hasActiveAdmin: boolean },
): boolean {
  if (canManageUsers(actor, target)) return true;
  return (
    target.orgKind === 'office' &&
    !target.hasActiveAdmin &&
    actor.orgKind === 'office' &&
    actor.atPusat &&
    has(actor, 'admin') &&
    target.roles.includes('admin')
  );
}

/** Why a user's status may not change though the actor manages their organisation (null: it may). */
export function userStatusRefusal(
  actor: Actor,
  target: { userId: string; isAdmin: boolean; status: 'active' | 'disabled' },
  next: 'active' | 'disabled',
  otherActiveAdmins: number,
): 'cannot_deactivate_self' | 'last_admin' | null {
  if (next === target.status) return null;
  if (next === 'active') return null;
  if (target.userId === actor.userId) return 'cannot_deactivate_self';
  if (target.isAdmin && otherActiveAdmins === 0) return 'last_admin';
  return null;
}
