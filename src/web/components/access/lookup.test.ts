import { describe, expect, it } from 'vitest';
import { addressLine, lookupRows, nikProblem } from './lookup';

describe('the portal lookup pre-check', () => {
  it('refuses what is not a NIK before it is sent, and says why', () => {
    expect(nikProblem('')).toBe('empty');
    expect(nikProblem('   ')).toBe('empty');
    expect(nikProblem('330501010190000')).toBe('length'); // 15 digits
    expect(nikProblem('33050101019000011')).toBe('length'); // 17 digits
    expect(nikProblem('3305O10101900001')).toBe('digits'); // a letter O
    expect(nikProblem('9905010101900001')).toBe('structure'); // no province 99
    expect(nikProblem('3305013201900001')).toBe('structure'); // day 32
    expect(nikProblem('3305010101900000')).toBe('structure'); // serial 0000
  });

  it('lets a well-formed NIK through, also with surrounding spaces and for a woman (day + 40)', () => {
    expect(nikProblem('3305010101900001')).toBeNull();
    expect(nikProblem(' 3305014101900001 ')).toBeNull();
  });
});

describe('the portal lookup answer in words', () => {
  const fields = {
    NAMA_LGKP: 'SITI AMINAH',
    TGL_LHR: '2017-01-01',
    JENIS_KLMIN: 'PEREMPUAN',
    ALAMAT: 'JL. MERDEKA NO. 5',
    NO_RT: '003',
    NO_RW: '002',
    DUSUN: '',
    NO_PROP: '33',
    PROP_NAME: 'JAWA TENGAH',
    NO_KAB: '05',
    KAB_NAME: 'KEBUMEN',
    NO_KEC: '01',
    KEC_NAME: 'AYAH',
    NO_KEL: '2001',
    KEL_NAME: 'ARGOPENI',
  };

  it('names elements instead of field codes, in catalogue order, with dates in words', () => {
    const rows = lookupRows(fields, 'id');
    expect(rows.map((r) => r.label)).toEqual(['Nama lengkap', 'Jenis kelamin', 'Tanggal lahir', 'Alamat sekarang']);
    expect(rows.find((r) => r.key === 'tanggal_lahir')?.value).toBe('1 Januari 2017');
    expect(lookupRows(fields, 'en').find((r) => r.key === 'tanggal_lahir')).toMatchObject({
      label: 'Date of birth',
      value: '1 January 2017',
    });
    expect(rows.some((r) => /^[A-Z_]+$/.test(r.label))).toBe(false);
  });

  it('puts the address on one line, without region codes or empty parts', () => {
    const line = 'JL. MERDEKA NO. 5, RT 003/RW 002, Kel. ARGOPENI, Kec. AYAH, KEBUMEN, JAWA TENGAH';
    expect(addressLine(fields, 'id')).toBe(line);
    expect(lookupRows(fields, 'id').find((r) => r.key === 'alamat')).toMatchObject({ field: 'ALAMAT', value: line });
  });

  it('reads the Dukcapil wire date form too, and shows a blank as "-"', () => {
    const rows = lookupRows({ TGL_LHR: '17-08-1990', NAMA_LGKP: '' }, 'id');
    expect(rows.find((r) => r.key === 'tanggal_lahir')?.value).toBe('17 Agustus 1990');
    expect(rows.find((r) => r.key === 'nama_lengkap')?.value).toBe('-');
  });
});
