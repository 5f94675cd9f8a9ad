import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, FIELD_SPECS } from '../elements/elements.js';
import { isValidKk, isValidNik, parseNik } from '../nik/nik.js';
import { RESIDENT_CSV_HEADER, residentToCsvRow, validateResidentHeader, validateResidentRow } from './csv.js';
import { generatePopulation, type Resident } from './generate.js';
import { createRng } from './random.js';

function all(opts: Parameters<typeof generatePopulation>[0]): Resident[] {
  return [...generatePopulation(opts)].flat();
}

describe('random', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (let i = 0; i < 1000; i++) {
      const r = a.range(3, 5);
      expect(r >= 3 && r <= 5).toBe(true);
    }
  });
});

describe('generatePopulation', () => {
  const people = all({ count: 20_000, seed: 'test' });

  it('yields exactly count residents in batches of batchSize, deterministically', () => {
    const batches = [...generatePopulation({ count: 2_500, seed: 'test', batchSize: 1000 })];
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(people).toHaveLength(20_000);
    expect(batches.flat()).toEqual(people.slice(0, 2_500));
    expect(all({ count: 2_500, seed: 'test', batchSize: 7 })).toEqual(batches.flat());
    expect(all({ count: 100, seed: 'other' })).not.toEqual(people.slice(0, 100));
  });

  it('makes unique, well-formed NIKs whose date and sex match the person', () => {
    const niks = new Set(people.map((p) => p.NIK));
    expect(niks.size).toBe(people.length);
    for (const p of people) {
      expect(isValidNik(p.NIK), p.NIK).toBe(true);
      expect(isValidKk(p.NO_KK)).toBe(true);
      const parsed = parseNik(p.NIK);
      if (!parsed.ok) throw new Error('unreachable');
      expect(parsed.nik.sex).toBe(p.JENIS_KLMIN === 'PEREMPUAN' ? 'P' : 'L');
      expect(`${String(parsed.nik.day).padStart(2, '0')}-${String(parsed.nik.month).padStart(2, '0')}`).toBe(
        `${p.TGL_LHR.slice(8, 10)}-${p.TGL_LHR.slice(5, 7)}`,
      );
      expect(p.TGL_LHR <= '2025-12-31').toBe(true);
    }
  });

  it('fills every element field with values of the catalogue', () => {
    for (const p of people.slice(0, 2000))
      for (const f of FIELD_NAMES) {
        const spec = FIELD_SPECS[f];
        if (spec.values && p[f] !== '') expect(spec.values, `${f}=${p[f]}`).toContain(p[f]);
      }
    const filled = (f: (typeof FIELD_NAMES)[number]) => people.some((p) => p[f] !== '');
    for (const f of FIELD_NAMES) expect(filled(f), f).toBe(true);
  });

  it('builds coherent families whose children point to real parents', () => {
    const byNik = new Map(people.map((p) => [p.NIK, p]));
    const families = new Map<string, Resident[]>();
    for (const p of people) families.set(p.NO_KK, [...(families.get(p.NO_KK) ?? []), p]);
    let linked = 0;
    for (const members of families.values()) {
      const heads = members.filter((m) => m.STAT_HBKEL === 'KEPALA KELUARGA');
      expect(heads.length).toBeLessThanOrEqual(1);
      expect(new Set(members.map((m) => m.ALAMAT)).size).toBe(1);
      const fathersNamed = new Set(members.filter((m) => m.STAT_HBKEL === 'ANAK').map((m) => m.NAMA_LGKP_AYAH));
      expect(fathersNamed.size).toBeLessThanOrEqual(1);
      for (const child of members.filter((m) => m.STAT_HBKEL === 'ANAK')) {
        for (const [nikField, nameField] of [
          ['NIK_IBU', 'NAMA_LGKP_IBU'],
          ['NIK_AYAH', 'NAMA_LGKP_AYAH'],
        ] as const) {
          if (child[nikField] === '') continue;
          const parent = byNik.get(child[nikField]);
          expect(parent, `${child.NIK} ${nikField}`).toBeDefined();
          expect(parent?.NO_KK).toBe(child.NO_KK);
          expect(parent?.NAMA_LGKP).toBe(child[nameField]);
          expect(parent && parent.TGL_LHR < child.TGL_LHR).toBe(true);
          linked++;
        }
      }
      const wife = members.find((m) => m.STAT_HBKEL === 'ISTRI');
      if (wife) expect(wife.JENIS_KLMIN).toBe('PEREMPUAN');
    }
    expect(linked).toBeGreaterThan(5000);
  });

  it('marks a small share deceased and inactive', () => {
    const dead = people.filter((p) => !p.alive).length / people.length;
    const inactive = people.filter((p) => !p.active).length / people.length;
    expect(dead).toBeGreaterThan(0.005);
    expect(dead).toBeLessThan(0.03);
    expect(inactive).toBeGreaterThan(0.003);
    expect(inactive).toBeLessThan(0.02);
  });

  it('draws homes from the requested regions only', () => {
    const kebumen = all({ count: 500, seed: 1, regions: ['33.05'] });
    expect(kebumen.every((p) => p.NO_PROP === '33' && p.NO_KAB === '05' && p.KAB_NAME === 'KEBUMEN')).toBe(true);
    const sibolga = all({ count: 300, seed: 1, regions: ['1273', '1305'] });
    expect(new Set(sibolga.map((p) => p.KAB_NAME))).toEqual(new Set(['KOTA SIBOLGA', 'PADANG PARIAMAN']));
  });
});

describe('CSV import validation', () => {
  const [someone] = all({ count: 1, seed: 5 });
  if (!someone) throw new Error('no resident');
  const row = Object.fromEntries(RESIDENT_CSV_HEADER.map((h, i) => [h, residentToCsvRow(someone)[i]]));

  it('round-trips a generated resident', () => {
    expect(validateResidentRow(row)).toEqual({ ok: true, resident: someone });
    expect(validateResidentHeader(RESIDENT_CSV_HEADER)).toEqual({ ok: true });
  });

  it('normalises Dukcapil-style input', () => {
    const d = someone.TGL_LHR;
    const r = validateResidentRow({
      ...row,
      TGL_LHR: `${d.slice(8)}-${d.slice(5, 7)}-${d.slice(0, 4)}`,
      JENIS_KLMIN: someone.JENIS_KLMIN[0],
      NAMA_LGKP: ` ${someone.NAMA_LGKP.toLowerCase()} `,
      STATUS_HIDUP: '',
      STATUS_DATA: '',
    });
    expect(r.ok && r.resident.TGL_LHR).toBe(d);
    expect(r.ok && r.resident.NAMA_LGKP).toBe(someone.NAMA_LGKP);
    expect(r.ok && r.resident.alive).toBe(true);
  });

  it('lists every problem of a bad row in both languages', () => {
    const r = validateResidentRow({
      ...row,
      NIK: '12345',
      NO_KK: '',
      TGL_LHR: '31-02-1990',
      AGAMA: 'JEDI',
      NO_RT: 'x',
      STATUS_HIDUP: 'ZOMBIE',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(['AGAMA', 'NIK', 'NO_KK', 'NO_RT', 'STATUS_HIDUP', 'TGL_LHR']);
    for (const e of r.errors) expect(e.message.id && e.message.en).toBeTruthy();
  });

  it('refuses a NIK that disagrees with the birth date or sex', () => {
    const other = someone.JENIS_KLMIN === 'PEREMPUAN' ? 'LAKI-LAKI' : 'PEREMPUAN';
    const r = validateResidentRow({ ...row, JENIS_KLMIN: other, TGL_LHR: '1900-01-01' });
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(['JENIS_KLMIN', 'TGL_LHR']);
  });

  it('checks the header', () => {
    const r = validateResidentHeader(['NIK', 'NAMA_LGKP', 'NAMA_LGKP', 'FOO']);
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual([
      'NAMA_LGKP',
      'FOO',
      'NO_KK',
      'JENIS_KLMIN',
      'TMPT_LHR',
      'TGL_LHR',
    ]);
  });
});
