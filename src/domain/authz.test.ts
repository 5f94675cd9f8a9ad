import { describe, expect, it } from 'vitest';
import {
  can,
  capabilitiesOf,
  canCreateUser,
  canListUsers,
  canManageOfficeRoles,
  canManageUsers,
  canViewInstitution,
  userStatusRefusal,
  type Actor,
  type Capability,
} from './authz.js';

const office = (orgId: string, roles: string[], atPusat = false): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  orgKind: 'office',
  orgId,
  officeId: orgId,
  atPusat,
  roles,
  capabilities: capabilitiesOf(roles, new Map()),
});
const member = (orgId: string, roles: string[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  orgKind: 'institution',
  orgId,
  officeId: 'kebumen',
  atPusat: false,
  roles,
  capabilities: [],
});

describe('authorization rules', () => {
  it('takes capabilities from the office settings, else from the built-in roles', () => {
    expect(capabilitiesOf(['kabid'], new Map())).toContain('institution.verify');
    expect(capabilitiesOf(['kasi_kerja_sama'], new Map())).not.toContain('institution.verify');
    // An office that lets its own cooperation section verify institutions, and takes it from the kabid.
    const configured = new Map<Capability, string[]>([['institution.verify', ['kasi_kerja_sama']]]);
    expect(capabilitiesOf(['kasi_kerja_sama'], configured)).toContain('institution.verify');
    expect(capabilitiesOf(['kabid'], configured)).not.toContain('institution.verify');
    // A capability set to nobody is held by nobody, not by the defaults.
    expect(capabilitiesOf(['kadis'], new Map([['pks.sign_office', []]]))).not.toContain('pks.sign_office');
    // Institution members never hold office capabilities.
    expect(can({ ...member('bank', ['admin']), capabilities: ['institution.verify'] }, 'institution.verify')).toBe(
      false,
    );
  });

  const bank = { institutionId: 'bank', officeChain: ['kebumen', 'jateng', 'pusat'] };

  it('lets an institution see only itself', () => {
    expect(canViewInstitution(member('bank', ['operator']), bank)).toBe(true);
    expect(canViewInstitution(member('dinsos', ['admin']), bank)).toBe(false);
  });

  it('lets the office, the offices above it and pusat see an institution, not a sibling office', () => {
    expect(canViewInstitution(office('kebumen', ['staf']), bank)).toBe(true);
    expect(canViewInstitution(office('jateng', ['kadis']), bank)).toBe(true);
    expect(canViewInstitution(office('pusat', ['dirjen'], true), bank)).toBe(true);
    expect(canViewInstitution(office('sibolga', ['kadis']), bank)).toBe(false);
  });

  it('gives role management to the office admin only', () => {
    expect(canManageOfficeRoles(office('kebumen', ['admin']), 'kebumen')).toBe(true);
    expect(canManageOfficeRoles(office('kebumen', ['kadis']), 'kebumen')).toBe(false);
    expect(canManageOfficeRoles(office('sibolga', ['admin']), 'kebumen')).toBe(false);
    expect(canManageOfficeRoles(member('bank', ['admin']), 'kebumen')).toBe(false);
  });

  it("gives an organisation's people to its own admin only: never an office inside an institution", () => {
    const target = { orgKind: 'institution' as const, orgId: 'bank', officeChain: bank.officeChain };
    const create = (actor: Actor, roles: string[], hasActiveAdmin = true) =>
      canCreateUser(actor, { ...target, roles, hasActiveAdmin });
    expect(create(member('bank', ['admin']), ['operator'])).toBe(true);
    expect(create(member('bank', ['admin']), ['pimpinan'])).toBe(true);
    expect(canManageUsers(member('bank', ['admin']), target)).toBe(true);
    expect(create(member('bank', ['operator']), ['operator'])).toBe(false);
    expect(create(member('dinsos', ['admin']), ['operator'])).toBe(false);
    // The institution's office, its province and pusat create nobody inside it, not even a first admin.
    for (const actor of [office('kebumen', ['admin']), office('jateng', ['admin']), office('pusat', ['admin'], true)]) {
      expect(create(actor, ['pimpinan'])).toBe(false);
      expect(create(actor, ['admin'], false)).toBe(false);
      expect(canManageUsers(actor, target)).toBe(false);
    }
    expect(canListUsers(office('sibolga', ['admin']), target)).toBe(false);
    expect(canListUsers(office('kebumen', ['kabid']), target)).toBe(true);
    expect(canListUsers(office('kebumen', ['staf']), target)).toBe(false);
    expect(create(office('kebumen', ['kabid']), ['operator'])).toBe(false);
  });

  it("lets an office manage its own staff; pusat names only a new office's first admin", () => {
    const kebumen = { orgKind: 'office' as const, orgId: 'kebumen', officeChain: bank.officeChain };
    const create = (actor: Actor, roles: string[], hasActiveAdmin = true) =>
      canCreateUser(actor, { ...kebumen, roles, hasActiveAdmin });
    expect(create(office('kebumen', ['admin']), ['kadis'])).toBe(true);
    expect(create(office('jateng', ['admin']), ['kadis'])).toBe(false);
    expect(create(office('pusat', ['admin'], true), ['kadis'])).toBe(false);
    expect(create(office('pusat', ['admin'], true), ['admin'], false)).toBe(true);
    expect(create(office('pusat', ['admin'], true), ['kadis'], false)).toBe(false);
    expect(create(office('pusat', ['dirjen'], true), ['admin'], false)).toBe(false);
    expect(create(office('jateng', ['admin']), ['admin'], false)).toBe(false);
    expect(canManageUsers(office('pusat', ['admin'], true), kebumen)).toBe(false);
  });

  it('never deactivates oneself or the last active admin', () => {
    const admin = member('bank', ['admin']);
    expect(userStatusRefusal(admin, { userId: 'u', isAdmin: true, status: 'active' }, 'disabled', 1)).toBe(
      'cannot_deactivate_self',
    );
    expect(userStatusRefusal(admin, { userId: 'x', isAdmin: true, status: 'active' }, 'disabled', 0)).toBe(
      'last_admin',
    );
    expect(userStatusRefusal(admin, { userId: 'x', isAdmin: true, status: 'active' }, 'disabled', 1)).toBeNull();
    expect(userStatusRefusal(admin, { userId: 'x', isAdmin: false, status: 'active' }, 'disabled', 0)).toBeNull();
    expect(userStatusRefusal(admin, { userId: 'x', isAdmin: true, status: 'disabled' }, 'active', 0)).toBeNull();
  });
});
