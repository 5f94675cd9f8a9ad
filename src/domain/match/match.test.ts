import { describe, expect, it } from 'vitest';
import { jaroWinkler, nameSimilarity, normalizeName, normalizePlace, placeSimilarity } from './similarity.js';
import {
  DEFAULT_THRESHOLD,
  MIN_THRESHOLD,
  normalizeDate,
  thresholdOf,
  verifyElements,
  verifyFields,
} from './verify.js';

describe('name normalisation', () => {
  it('drops honorifics, degrees, punctuation, case and extra spaces', () => {
    expect(normalizeName('Hj. Siti  Nurhaliza, S.Kom')).toBe('SITI NURHALIZA');
    expect(normalizeName('H. Ahmad Dahlan, S.Pd., M.M.')).toBe('AHMAD DAHLAN');
    expect(normalizeName('Prof. Dr. Ir. Budi Santoso M.T.')).toBe('BUDI SANTOSO');
    expect(normalizeName("  ma'ruf   amin ")).toBe('MARUF AMIN');
    expect(normalizeName('Dewi Lestari, S. Kom')).toBe('DEWI LESTARI');
    expect(normalizeName('Renée Kusuma')).toBe('RENEE KUSUMA');
  });

  it('keeps name parts that look like titles when they are the name', () => {
    expect(normalizeName('H')).toBe('H');
    expect(normalizeName('Ahmad H')).toBe('AHMAD H');
    expect(normalizeName('Ibu')).toBe('IBU');
  });

  it('expands address abbreviations', () => {
    expect(normalizePlace('Jl. Merdeka No. 5, Kel. Panjer')).toBe('JALAN MERDEKA NOMOR 5 KELURAHAN PANJER');
  });
});

describe('similarity', () => {
  it('is 100 only for equal normalised names', () => {
    expect(nameSimilarity('Budi Santoso', 'BUDI  SANTOSO')).toBe(100);
    expect(nameSimilarity('H. Budi Santoso, S.Kom', 'budi santoso')).toBe(100);
    expect(nameSimilarity('Budi Santoso', 'Budi Santosa')).toBeLessThan(100);
  });

  it('scores typos, reordering and initials high, different people low', () => {
    expect(nameSimilarity('Siti Nurhaliza', 'Siti Nurhalisa')).toBeGreaterThanOrEqual(90);
    expect(nameSimilarity('Santoso Budi', 'Budi Santoso')).toBeGreaterThanOrEqual(90);
    expect(nameSimilarity('M. Yusuf', 'Muhammad Yusuf')).toBeGreaterThanOrEqual(90);
    expect(nameSimilarity('Budi Santoso', 'Rina Marlina')).toBeLessThan(60);
    expect(nameSimilarity('Budi', 'Budi Santoso')).toBeLessThan(90);
    expect(nameSimilarity('', 'Budi')).toBe(0);
  });

  it('computes classic Jaro-Winkler values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('A'.repeat(200), 'A'.repeat(199) + 'B')).toBeGreaterThan(0.99);
  });

  it('compares places with abbreviations', () => {
    expect(placeSimilarity('Kab. Kebumen', 'KABUPATEN KEBUMEN')).toBe(100);
    expect(placeSimilarity('Jl Merdeka no 5', 'JALAN MERDEKA NO. 5')).toBe(100);
    expect(placeSimilarity('Padang Pariaman', 'Kota Sibolga')).toBeLessThan(70);
  });
});

describe('verification by elements', () => {
  const actual = {
    NIK: '3305121708450001',
    NAMA_LGKP: 'SITI NURHALIZA',
    TMPT_LHR: 'KEBUMEN',
    TGL_LHR: '1985-08-17',
    JENIS_KLMIN: 'PEREMPUAN',
    NO_RT: '003',
    ALAMAT: 'JL. PEMUDA NO. 12',
    NO_AKTA_KWN: '',
  } as const;

  it('answers only the fields sent, one word each, never a score', () => {
    const out = verifyElements({ NAMA_LGKP: 'Hj. Siti Nurhalisa', TGL_LHR: '17-08-1985' }, actual, 80);
    expect(Object.keys(out)).toEqual(['NAMA_LGKP', 'TGL_LHR']);
    expect(out.NAMA_LGKP).toBe('Sesuai');
    expect(verifyFields({ NAMA_LGKP: 'Rina' }, actual, 80)).toEqual([{ field: 'NAMA_LGKP', match: false }]);
    expect(out.TGL_LHR).toBe('Sesuai');
  });

  it('applies the threshold to fuzzy fields', () => {
    const strict = verifyFields({ NAMA_LGKP: 'Siti Nurhalisa' }, actual, 99)[0];
    expect(strict?.match).toBe(false);
    expect(verifyElements({ NAMA_LGKP: 'Siti Nurhalisa' }, actual, 99).NAMA_LGKP).toBe('Tidak Sesuai');
    expect(verifyElements({ NAMA_LGKP: 'Rina Marlina' }, actual, 80).NAMA_LGKP).toMatch(/^Tidak Sesuai/);
  });

  it('compares exact fields after normalisation', () => {
    expect(verifyElements({ TGL_LHR: '1985-08-17' }, actual, 80).TGL_LHR).toBe('Sesuai');
    expect(verifyElements({ TGL_LHR: '17/8/1985' }, actual, 80).TGL_LHR).toBe('Sesuai');
    expect(verifyElements({ TGL_LHR: '18-08-1985' }, actual, 80).TGL_LHR).toBe('Tidak Sesuai');
    expect(verifyElements({ JENIS_KLMIN: 'P' }, actual, 80).JENIS_KLMIN).toBe('Sesuai');
    expect(verifyElements({ NO_RT: 3 }, actual, 80).NO_RT).toBe('Sesuai');
    expect(verifyElements({ NIK: '3305121708450002' }, actual, 80).NIK).toBe('Tidak Sesuai');
  });

  it('never matches an empty stored value and ignores unknown or null fields', () => {
    const out = verifyElements({ NO_AKTA_KWN: '', FOO: 'x', AGAMA: null }, actual, 80);
    expect(out).toEqual({ NO_AKTA_KWN: 'Tidak Sesuai' });
  });

  it('never echoes stored values', () => {
    const out = verifyElements({ NAMA_LGKP: 'x', ALAMAT: 'y', TGL_LHR: 'z' }, actual, 80);
    for (const v of Object.values(out)) expect(v).toMatch(/^(Tidak )?Sesuai$/);
  });

  it('raises a low threshold to the floor, so an unrelated name never matches', () => {
    // At threshold 0 every name would "match"; the floor keeps the answer about the person.
    expect(verifyFields({ NAMA_LGKP: 'Bambang Pamungkas' }, actual, 0)[0]?.match).toBe(false);
    expect(thresholdOf(0, false)).toBe(MIN_THRESHOLD);
    expect(thresholdOf(95, false)).toBe(95);
    expect(thresholdOf(undefined, false)).toBe(DEFAULT_THRESHOLD);
  });

  it('never reads null, "", a boolean or a string as a threshold on the strict path', () => {
    for (const v of [null, '', '85', true, false, {}, []]) expect(thresholdOf(v, false)).toBeNull();
    expect(thresholdOf(101, false)).toBeNull();
    expect(thresholdOf(-1, false)).toBeNull();
    expect(thresholdOf(Number.NaN, false)).toBeNull();
  });

  it('reads the compatible wire leniently: null and "" are the default, numeric strings numbers, text refused', () => {
    expect(thresholdOf(null, true)).toBe(DEFAULT_THRESHOLD);
    expect(thresholdOf('', true)).toBe(DEFAULT_THRESHOLD);
    expect(thresholdOf(' 85 ', true)).toBe(85);
    expect(thresholdOf('50', true)).toBe(MIN_THRESHOLD);
    expect(thresholdOf('abc', true)).toBeNull();
    expect(thresholdOf(true, true)).toBeNull();
  });

  it('normalises dates in both orders and rejects impossible ones', () => {
    expect(normalizeDate('1985-8-7')).toBe('1985-08-07');
    expect(normalizeDate('07-08-1985')).toBe('1985-08-07');
    expect(normalizeDate('31-02-1985')).toBeNull();
    expect(normalizeDate('1985/02/29')).toBeNull();
    expect(normalizeDate('29-02-1984')).toBe('1984-02-29');
    expect(normalizeDate('yesterday')).toBeNull();
  });
});
