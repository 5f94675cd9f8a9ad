import { describe, expect, it } from 'vitest';
import { balikanKind, dutiesOrNone } from './kinds.js';
import { dueDateOf, owedPeriods, parsePeriod, periodLabel } from './period.js';
import { checkHeader, checkRow } from './rows.js';
import { trackDuty } from './tracking.js';

describe('data balikan periods', () => {
  it('reads each frequency its own way and refuses the others', () => {
    expect(parsePeriod('monthly', '2026-11')).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
    expect(parsePeriod('monthly', '2024-02')?.end).toBe('2024-02-29');
    expect(parsePeriod('quarterly', '2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('semester', '2026-1')).toMatchObject({ start: '2026-01-01', end: '2026-06-30' });
    for (const [f, text] of [
      ['monthly', '2026-13'],
      ['monthly', '2026-1'],
      ['quarterly', '2026-Q5'],
      ['semester', '2026-3'],
      ['semester', '2026-Q1'],
    ] as const)
      expect(parsePeriod(f, text), `${f} ${text}`).toBeNull();
  });

  it('owes every ended period from the PKS start, due ten days after its end', () => {
    const owed = owedPeriods('monthly', '2026-10-15', '2027-10-14', '2026-12-20');
    expect(owed.map((p) => p.key)).toEqual(['2026-10', '2026-11']);
    expect(owed.map(dueDateOf)).toEqual(['2026-11-10', '2026-12-10']);
    expect(periodLabel(owed[1] ?? owed[0]!)).toBe('November 2026');
    expect(owedPeriods('semester', '2026-03-01', null, '2027-01-01').map(periodLabel)).toEqual([
      'Semester I 2026',
      'Semester II 2026',
    ]);
  });

  it('tracks a period as due, then missing, then delivered by the first delivery with a good row', () => {
    const duty = { kind: 'kematian', frequency: 'monthly' } as const;
    const pks = { startDate: '2026-11-01', endDate: null };
    expect(trackDuty(duty, pks, '2026-12-05', [])[0]?.state).toBe('due');
    expect(trackDuty(duty, pks, '2026-12-11', [])[0]?.state).toBe('missing');
    const facts = [
      {
        id: 'a',
        kind: 'kematian',
        period: '2026-11',
        submittedAt: '2026-12-12T00:00:00Z',
        goodRows: 0,
        supersededBy: 'b',
      },
      {
        id: 'b',
        kind: 'kematian',
        period: '2026-11',
        submittedAt: '2026-12-13T00:00:00Z',
        goodRows: 3,
        supersededBy: null,
      },
    ];
    expect(trackDuty(duty, pks, '2026-12-20', facts)[0]).toMatchObject({
      state: 'delivered',
      fulfilledAt: '2026-12-13T00:00:00Z',
      currentDeliveryId: 'b',
      deliveries: 2,
    });
  });
});

describe('data balikan rows', () => {
  const kind = balikanKind('kematian')!;

  it('checks the header: unknown, repeated and missing columns', () => {
    expect(checkHeader(kind, ['nik', 'TGL_KEMATIAN', 'TEMPAT_KEMATIAN']).ok).toBe(true);
    const bad = checkHeader(kind, ['NIK', 'NIK', 'UMUR']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.field)).toEqual(['NIK', 'UMUR', 'TGL_KEMATIAN', 'TEMPAT_KEMATIAN']);
  });

  it('names each problem of a row by column', () => {
    const header = checkHeader(kind, ['NIK', 'TGL_KEMATIAN', 'TEMPAT_KEMATIAN']);
    if (!header.ok) throw new Error('header');
    const row = (cells: string[]) => checkRow(header.columns, { line: 2, cells }, '2026-12-20');
    expect(row(['3305014101900001', '2026-11-03', 'RS']).problems).toEqual([]);
    expect(row(['3305014101900001', '2026-11-03', 'RS']).nik).toBe('3305014101900001');
    expect(row(['0005014101900001', '2026-11-03', 'RS']).problems.map((p) => p.code)).toEqual(['nik_region']);
    expect(row(['33050141019', '2027-01-01', '']).problems.map((p) => p.code)).toEqual([
      'nik_format',
      'future_date',
      'missing_field',
    ]);
    expect(row(['3305014101900001', '03/11/2026', 'RS']).problems.map((p) => p.code)).toEqual(['bad_date']);
    expect(row(['3305014101900001']).problems.map((p) => p.code)).toEqual(['column_count']);
  });

  it('keeps a PKS without duties hashing as before, and refuses a kind twice', () => {
    expect(dutiesOrNone([])).toBeUndefined();
    expect(() =>
      dutiesOrNone([
        { kind: 'kematian', frequency: 'monthly' },
        { kind: 'kematian', frequency: 'semester' },
      ]),
    ).toThrow();
  });
});
