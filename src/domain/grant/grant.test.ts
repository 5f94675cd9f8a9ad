import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { FIELD_NAMES, type ResidentFields } from '../elements/elements.js';
import {
  VERIFY_CAP_PER_NIK_PER_DAY,
  checkRequest,
  checkVerifyCap,
  compileGrant,
  nextQuotaReset,
  prepareGrant,
  project,
  quotaDay,
  quotaDayNumber,
  withStatus,
  type PksTerms,
  type Provisioning,
} from './grant.js';

const pks: PksTerms = {
  id: 'pks-1',
  institutionId: 'inst-1',
  versionHash: 'abc123',
  status: 'active',
  elements: ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat', 'sidik_jari'],
  methods: ['web_service', 'web_portal'],
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  timeZone: 'Asia/Jakarta',
};

const prov: Provisioning = {
  credentialId: 'cred-1',
  environment: 'production',
  methods: ['web_service'],
  operations: ['lookup', 'verify'],
  elements: ['nik', 'nama_lengkap', 'tanggal_lahir'],
  ipAllow: ['127.0.0.2', '10.0.0.0/8'],
  hours: { from: '07:00', to: '19:00', timezone: 'Asia/Jakarta' },
  dailyQuota: 100,
  status: 'active',
};

// 2025-06-02 10:00 WIB
const NOON = Date.UTC(2025, 5, 2, 3, 0);
const ok = { now: NOON, ip: '127.0.0.2', usedToday: 0 };

function codesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return (e.extra.codes as string[]) ?? [e.code];
    throw e;
  }
  return [];
}

describe('compileGrant', () => {
  it('compiles within the PKS and takes validity from the PKS period', () => {
    const g = compileGrant(pks, prov);
    expect(g.validFrom).toBe('2025-01-01');
    expect(g.validTo).toBe('2025-12-31');
    expect(g.fields).toEqual(['NIK', 'NAMA_LGKP', 'TGL_LHR']);
    expect(g.pksVersionHash).toBe('abc123');
    expect(g.validFromMs).toBe(Date.UTC(2024, 11, 31, 17, 0));
    expect(g.validToMs).toBe(Date.UTC(2025, 11, 31, 17, 0));
  });

  it('refuses elements and methods outside the PKS with coded errors', () => {
    const codes = codesOf(() =>
      compileGrant(pks, { ...prov, elements: ['nik', 'agama', 'nonsense'], methods: ['card_reader', 'fax'] }),
    );
    expect(codes).toEqual(['element_outside_pks', 'element_unknown', 'method_outside_pks', 'method_unknown']);
    try {
      compileGrant(pks, { ...prov, elements: ['agama'] });
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('element_outside_pks');
      expect((e as DomainError).issues[0]?.field).toBe('elements[0]');
    }
  });

  it('refuses a PKS not in force, bad CIDRs, hours, zones and quotas', () => {
    expect(codesOf(() => compileGrant({ ...pks, status: 'draft' }, prov))).toEqual(['pks_not_active']);
    expect(codesOf(() => compileGrant(pks, { ...prov, ipAllow: ['10.0.0.0/40'] }))).toEqual(['ip_invalid']);
    expect(codesOf(() => compileGrant(pks, { ...prov, hours: { from: '7', to: '19:00', timezone: 'WIB' } }))).toEqual([
      'hours_invalid',
    ]);
    expect(codesOf(() => compileGrant({ ...pks, timeZone: 'Europe/Paris' }, prov))).toContain('time_zone_invalid');
    expect(codesOf(() => compileGrant(pks, { ...prov, dailyQuota: 0 }))).toEqual(['quota_invalid']);
    expect(codesOf(() => compileGrant({ ...pks, endDate: '2024-12-31' }, prov))).toEqual(['pks_period_invalid']);
    expect(codesOf(() => compileGrant({ ...pks, status: 'expiring' }, prov))).toEqual([]);
  });

  it('round-trips through JSON and prepareGrant', () => {
    const g = compileGrant(pks, prov);
    const again = prepareGrant(JSON.parse(JSON.stringify(g)));
    expect(checkRequest(again, ok)).toEqual({ ok: true });
    expect(again.fields).toEqual(g.fields);
  });
});

describe('checkRequest', () => {
  const g = compileGrant(pks, prov);

  it('allows a request inside every limit', () => {
    expect(checkRequest(g, ok)).toEqual({ ok: true });
    expect(checkRequest(g, { ...ok, ip: '::ffff:127.0.0.2' }).ok).toBe(true);
    expect(checkRequest(g, { ...ok, now: new Date(NOON) }).ok).toBe(true);
  });

  it('maps each refusal to its Dukcapil code', () => {
    const cases: [Parameters<typeof checkRequest>[1], string, string][] = [
      [{ ...ok, institutionActive: false }, 'institution_inactive', '16'],
      [{ ...ok, ip: '127.0.0.3' }, 'ip_not_allowed', '04'],
      [{ ...ok, ip: '' }, 'ip_missing', '09'],
      [{ ...ok, ip: 'not-an-ip' }, 'ip_invalid', '10'],
      [{ ...ok, now: Date.UTC(2025, 5, 2, 12, 30) }, 'outside_hours', '06'], // 19:30 WIB
      [{ ...ok, usedToday: 100 }, 'quota_exhausted', '05'],
      [{ ...ok, now: Date.UTC(2024, 11, 31, 16, 59) }, 'not_yet_valid', '16'],
      [{ ...ok, now: Date.UTC(2025, 11, 31, 17, 0) }, 'expired', '16'],
      [{ ...ok, requestedElements: ['nik', 'alamat'] }, 'element_not_granted', '18'],
      [{ ...ok, requestedFields: ['NAMA_LGKP', 'ALAMAT'] }, 'element_not_granted', '18'],
      [{ ...ok, method: 'card_reader' }, 'method_not_granted', '03'],
      [{ ...ok, environment: 'trial' }, 'wrong_environment', '03'],
    ];
    for (const [ctx, reason, code] of cases) expect(checkRequest(g, ctx), reason).toEqual({ ok: false, reason, code });
  });

  it('takes suspension and revocation into account on the next request', () => {
    const suspended = withStatus(g, 'suspended');
    expect(checkRequest(suspended, ok)).toMatchObject({ reason: 'grant_suspended', code: '17' });
    expect(checkRequest(withStatus(suspended, 'active'), ok).ok).toBe(true);
    const revoked = withStatus(g, 'revoked');
    expect(checkRequest(revoked, ok)).toMatchObject({ reason: 'grant_revoked', code: '17' });
    expect(() => withStatus(revoked, 'active')).toThrow(DomainError);
  });

  it('counts the hours window in its own zone, with `to` exclusive and overnight windows', () => {
    const wit = compileGrant(pks, { ...prov, hours: { from: '08:00', to: '16:00', timezone: 'WIT' } });
    expect(checkRequest(wit, { ...ok, now: Date.UTC(2025, 5, 2, 23, 0) }).ok).toBe(true); // 08:00 WIT
    expect(checkRequest(wit, { ...ok, now: Date.UTC(2025, 5, 2, 7, 0) }).ok).toBe(false); // 16:00 WIT
    const night = compileGrant(pks, { ...prov, hours: { from: '22:00', to: '06:00', timezone: 'WIB' } });
    expect(checkRequest(night, { ...ok, now: Date.UTC(2025, 5, 2, 16, 0) }).ok).toBe(true); // 23:00 WIB
    expect(checkRequest(night, { ...ok, now: Date.UTC(2025, 5, 2, 22, 59) }).ok).toBe(true); // 05:59 WIB
    expect(checkRequest(night, ok).ok).toBe(false); // 10:00 WIB
    const allDay = compileGrant(pks, { ...prov, hours: null, dailyQuota: null });
    expect(checkRequest(allDay, { ...ok, now: Date.UTC(2025, 5, 2, 20, 0), usedToday: 1e9 }).ok).toBe(true);
  });

  it('turns the quota day at midnight in the office zone, not UTC', () => {
    const before = Date.UTC(2025, 5, 2, 16, 59, 59); // 23:59:59 WIB
    const after = Date.UTC(2025, 5, 2, 17, 0, 0); // 00:00 WIB next day
    expect(quotaDay(g, before)).toBe('2025-06-02');
    expect(quotaDay(g, after)).toBe('2025-06-03');
    expect(quotaDayNumber(g, after) - quotaDayNumber(g, before)).toBe(1);
    expect(nextQuotaReset(g, before)).toBe(after);
  });
});

describe('project', () => {
  it('returns only the granted fields, whatever the resident carries', () => {
    const g = compileGrant(pks, prov);
    const resident = Object.fromEntries(FIELD_NAMES.map((f) => [f, `v-${f}`])) as ResidentFields;
    const out = project({ ...resident, SECRET: 'x' } as ResidentFields, g);
    expect(Object.keys(out)).toEqual(['NIK', 'NAMA_LGKP', 'TGL_LHR']);
    expect(out.NAMA_LGKP).toBe('v-NAMA_LGKP');
    const withAddress = compileGrant(pks, { ...prov, elements: ['alamat'] });
    expect(Object.keys(project(resident, withAddress))).toHaveLength(12);
  });
});

describe('operations (lookup, verify)', () => {
  const at = Date.UTC(2025, 5, 2, 3, 0);
  const ctx = { now: at, ip: '127.0.0.2', usedToday: 0, method: 'web_service' as const };

  it('grants verification without lookup: CALL_NIK is refused, verification allowed', () => {
    const g = compileGrant(pks, { ...prov, operations: ['verify'] });
    expect(g.operations).toEqual(['verify']);
    expect(checkRequest(g, { ...ctx, operation: 'lookup' })).toMatchObject({
      ok: false,
      reason: 'operation_not_granted',
      code: '03',
    });
    expect(checkRequest(g, { ...ctx, operation: 'verify' }).ok).toBe(true);
  });

  it('refuses no operation, an unknown one, and verification on a channel other than the web service', () => {
    const codes = (p: Partial<typeof prov>) => {
      try {
        compileGrant(pks, { ...prov, ...p });
        return [];
      } catch (e) {
        return (e as { extra?: { codes?: string[] } }).extra?.codes ?? [];
      }
    };
    expect(codes({ operations: [] })).toContain('operations_empty');
    expect(codes({ operations: ['read'] })).toContain('operation_unknown');
    expect(codes({ methods: ['web_portal'], operations: ['verify'] })).toContain('operation_not_for_method');
  });

  it('gives grants stored before operations existed what they had: both on the web service, lookup elsewhere', () => {
    const { operations: _o, ...stored } = compileGrant(pks, prov);
    expect(prepareGrant(stored).operations).toEqual(['lookup', 'verify']);
    expect(prepareGrant({ ...stored, methods: ['web_portal'] }).operations).toEqual(['lookup']);
  });

  it('caps verifications of one NIK per day', () => {
    expect(checkVerifyCap(VERIFY_CAP_PER_NIK_PER_DAY)).toBeNull();
    expect(checkVerifyCap(VERIFY_CAP_PER_NIK_PER_DAY + 1)).toMatchObject({ reason: 'verify_cap_reached', code: '05' });
  });
});
