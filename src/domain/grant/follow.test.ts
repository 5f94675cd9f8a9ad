import { describe, expect, it } from 'vitest';
import { compileGrant, type PksTerms } from './grant.js';
import { followTerms } from './follow.js';

const terms: PksTerms = {
  id: 'pks',
  institutionId: 'inst',
  versionHash: 'v1',
  status: 'active',
  elements: ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat'],
  methods: ['web_service', 'web_portal'],
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  timeZone: 'Asia/Jakarta',
};
const grant = compileGrant(terms, {
  credentialId: 'g1',
  environment: 'production',
  methods: ['web_service'],
  operations: ['lookup'],
  elements: ['nik', 'nama_lengkap', 'alamat'],
  ipAllow: ['10.0.0.0/8'],
  hours: null,
  dailyQuota: 100,
  status: 'suspended',
});

describe('a grant following its PKS', () => {
  it('is unchanged when the version in force changes nothing it holds', () => {
    expect(followTerms(grant, terms, 'version_in_force')).toEqual({ action: 'unchanged' });
  });

  it('loses removed elements, follows the period and cites the new version; keeps its own settings', () => {
    const next = { ...terms, versionHash: 'v2', elements: ['nik', 'nama_lengkap'], endDate: '2027-12-31' };
    const out = followTerms(grant, next, 'version_in_force');
    expect(out.action).toBe('recompiled');
    if (out.action !== 'recompiled') return;
    expect(out.grant).toMatchObject({
      elements: ['nik', 'nama_lengkap'],
      validTo: '2027-12-31',
      pksVersionHash: 'v2',
      status: 'suspended',
      operations: ['lookup'],
      ipAllow: ['10.0.0.0/8'],
      dailyQuota: 100,
    });
    expect(out.detail).toEqual({
      removedElements: ['alamat'],
      removedMethods: [],
      validFrom: null,
      validTo: { before: '2026-12-31', after: '2027-12-31' },
      pksVersion: { before: 'v1', after: 'v2' },
      reason: null,
    });
  });

  it('is revoked by termination, expiry, a removed method or no element left', () => {
    const reason = (t: PksTerms, c: Parameters<typeof followTerms>[2]) => {
      const out = followTerms(grant, t, c);
      return out.action === 'revoked' ? out.detail.reason : out.action;
    };
    expect(reason(terms, 'terminated')).toBe('pks_terminated');
    expect(reason({ ...terms, status: 'terminated' }, 'version_in_force')).toBe('pks_terminated');
    expect(reason(terms, 'expired')).toBe('pks_expired');
    expect(reason({ ...terms, methods: ['web_portal'] }, 'version_in_force')).toBe('method_removed');
    expect(reason({ ...terms, elements: ['tanggal_lahir'] }, 'version_in_force')).toBe('elements_removed');
  });
});
