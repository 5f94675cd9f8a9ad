import { describe, expect, it } from 'vitest';
import {
  can,
  capabilitiesOf,
  canCreateUser,
  canListUsers,
  canManageOfficeRoles,
  canViewInstitution,
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

  it('lets an institution admin create operators and admins but not a pimpinan', () => {
    const target = { orgKind: 'institution' as const, orgId: 'bank', officeChain: bank.officeChain };
    expect(canCreateUser(member('bank', ['admin']), { ...target, roles: ['operator'] })).toBe(true);
    expect(canCreateUser(member('bank', ['admin']), { ...target, roles: ['pimpinan'] })).toBe(false);
    expect(canCreateUser(member('bank', ['operator']), { ...target, roles: ['operator'] })).toBe(false);
    expect(canCreateUser(office('kebumen', ['admin']), { ...target, roles: ['pimpinan'] })).toBe(true);
    expect(canListUsers(office('sibolga', ['admin']), target)).toBe(false);
    expect(canListUsers(office('kebumen', ['kabid']), target)).toBe(true);
    expect(canListUsers(office('kebumen', ['staf']), target)).toBe(false);
    expect(canCreateUser(office('kebumen', ['kabid']), { ...target, roles: ['operator'] })).toBe(false);
  });
});
