import { describe, expect, it } from 'vitest';
import {
  buildKk,
  buildNik,
  buildNikFast,
  isValidKk,
  isValidNik,
  kkError,
  maskNik,
  nikBirthYear,
  nikError,
  parseNik,
} from './nik.js';
import { hashNik, nikHasher } from './hash.js';
import { districtByCode, dottedRegionCode, localitiesIn, provinceByCode, regencyByCode, REGIONS } from './regions.js';

describe('NIK', () => {
  it('parses a man and a woman (day + 40)', () => {
    const man = parseNik('3305121708450001');
    expect(man).toEqual({
      ok: true,
      nik: { province: '33', regency: '3305', district: '330512', day: 17, month: 8, yy: 45, sex: 'L', serial: 1 },
    });
    const woman = parseNik('1305015712990123');
    expect(woman.ok && woman.nik).toMatchObject({ day: 17, month: 12, yy: 99, sex: 'P', serial: 123 });
  });

  it('refuses malformed NIKs with the reason', () => {
    expect(nikError('330512170845000')).toBe('length');
    expect(nikError('33051217084500012')).toBe('length');
    expect(nikError('33051217084500a1')).toBe('digits');
    expect(nikError('')).toBe('length');
    expect(nikError('9905121708450001')).toBe('province');
    expect(nikError('3300121708450001')).toBe('regency');
    expect(nikError('3305001708450001')).toBe('district');
    expect(nikError('3305123208450001')).toBe('date'); // day 32
    expect(nikError('3305127208450001')).toBe('date'); // woman, day 32
    expect(nikError('3305120013450001')).toBe('date'); // month 13
    expect(nikError('3305120000450001')).toBe('date'); // day 0
    expect(nikError('3305123102450001')).toBe('date'); // 31 February
    expect(nikError('3305121708450000')).toBe('serial');
    expect(nikError(42 as unknown as string)).toBe('type');
  });

  it('accepts 29 February only in years divisible by four', () => {
    expect(isValidNik('3305122902000001')).toBe(true);
    expect(isValidNik('3305126902040001')).toBe(true);
    expect(isValidNik('3305122902010001')).toBe(false);
  });

  it('builds NIKs and KK numbers that parse back', () => {
    const nik = buildNik({ district: '13.05.01', birthDate: '1990-03-05', sex: 'P', serial: 27 });
    expect(nik).toBe('1305014503900027');
    expect(buildNikFast(130501, 5, 3, 1990, true, 27)).toBe(nik);
    expect(buildNik({ district: '127301', birthDate: '2001-11-30', sex: 'L', serial: 9999 })).toBe('1273013011019999');
    expect(() => buildNik({ district: '330512', birthDate: '2001-02-30', sex: 'L', serial: 1 })).toThrow(RangeError);
    expect(() => buildNik({ district: '330512', birthDate: '2001-02-03', sex: 'L', serial: 0 })).toThrow(RangeError);
    const kk = buildKk({ district: '170105', issued: '2012-07-09', serial: 15 });
    expect(kk).toBe('1701050907120015');
    expect(isValidKk(kk)).toBe(true);
    expect(kkError('1701050907120000')).toBe('serial');
    expect(kkError('17010509071200')).toBe('length');
  });

  it('resolves the century against a reference year', () => {
    expect(nikBirthYear(45, 2025)).toBe(1945);
    expect(nikBirthYear(25, 2025)).toBe(2025);
    expect(nikBirthYear(26, 2025)).toBe(1926);
  });

  it('hashes NIKs with a key: stable, key-dependent, never the NIK', () => {
    const a = hashNik('3305121708450001', 'k1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashNik('3305121708450001', 'k1')).toBe(a);
    expect(hashNik('3305121708450001', 'k2')).not.toBe(a);
    expect(nikHasher('k1')('3305121708450001')).toBe(a);
    expect(a).not.toContain('3305121708450001');
    expect(maskNik('3305121708450001')).toBe('3305**********01');
  });
});

describe('region reference table', () => {
  it('holds the SOP regions with their Kemendagri codes', () => {
    expect(provinceByCode('17')?.name).toBe('BENGKULU');
    expect(provinceByCode('13')?.name).toBe('SUMATERA BARAT');
    expect(regencyByCode('13.05')?.name).toBe('PADANG PARIAMAN');
    expect(provinceByCode('12')?.name).toBe('SUMATERA UTARA');
    expect(regencyByCode('1273')?.name).toBe('KOTA SIBOLGA');
    expect(regencyByCode('33.05')?.name).toBe('KEBUMEN');
    for (const p of ['31', '32', '35']) expect(provinceByCode(p)).toBeDefined();
    expect(districtByCode('33.05.12')?.name).toBe('KEBUMEN');
    expect(dottedRegionCode('3305121001')).toBe('33.05.12.1001');
  });

  it('nests codes consistently and every village makes a valid NIK region', () => {
    for (const p of REGIONS)
      for (const r of p.regencies) {
        expect(r.code.startsWith(p.code)).toBe(true);
        for (const d of r.districts) {
          expect(d.code.startsWith(r.code)).toBe(true);
          expect(d.villages.length).toBeGreaterThan(0);
          for (const v of d.villages) expect(v.code).toMatch(new RegExp(`^${d.code}[12]\\d{3}$`));
          expect(isValidNik(buildNik({ district: d.code, birthDate: '1980-01-01', sex: 'L', serial: 1 }))).toBe(true);
        }
      }
  });

  it('selects localities by region code and refuses unknown codes', () => {
    const all = localitiesIn();
    const kebumen = localitiesIn(['33.05']);
    expect(kebumen.length).toBeGreaterThan(0);
    expect(kebumen.every((l) => l.regency.code === '3305')).toBe(true);
    expect(all.length).toBeGreaterThan(kebumen.length);
    expect(() => localitiesIn(['3399'])).toThrow(/3399/);
  });
});
