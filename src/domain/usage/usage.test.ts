import { describe, expect, it } from 'vitest';
import { differences, foldEntries, type FoldEntry } from './fold.js';
import { csvCell, monthsOf, resultLabel, toCsv, usagePeriod } from './query.js';

const entry = (o: Partial<FoldEntry>): FoldEntry => ({
  seq: 1,
  time: '2026-06-01T03:00:00.000Z',
  action: 'CALL_NIK',
  actorKind: 'credential',
  actorId: 'g1',
  institutionId: 'i1',
  pksId: 'p1',
  elements: ['nik', 'nama_lengkap'],
  resultCode: '01',
  grantId: null,
  ...o,
});
const ctx = {
  offsetOf: new Map([
    ['i1', 420],
    ['i2', 540],
  ]),
  deviceGrant: new Map([['d1', 'g-reader']]),
  operatorGrant: new Map([['u1', 'g-portal']]),
};

describe('folding audit entries into the ledger', () => {
  it('counts data calls of institutions per office-local day, grant and result; disclosures of answered calls only', () => {
    const f = foldEntries(
      [
        entry({}),
        entry({ seq: 2 }),
        // 17:30 UTC is the next day in WIB (UTC+7) and in WIT (UTC+9).
        entry({ seq: 3, time: '2026-06-01T17:30:00.000Z', resultCode: '05', elements: [] }),
        entry({ seq: 4, institutionId: 'i2', time: '2026-06-01T14:59:00.000Z' }),
        entry({ seq: 5, action: 'reader.read', actorKind: 'device', actorId: 'd1' }),
        entry({ seq: 6, action: 'PORTAL_LOOKUP', actorKind: 'operator', actorId: 'u1' }),
        entry({ seq: 7, action: 'PORTAL_LOOKUP', actorKind: 'operator', actorId: 'u1', grantId: 'g-other' }),
        // Not counted: an unknown caller (no institution), a decision.
        entry({ seq: 8, institutionId: null, actorId: 'unknown:x', resultCode: '03' }),
        entry({ seq: 9, action: 'grant.suspend', actorKind: 'user', time: '2026-06-03T00:00:00.000Z' }),
      ],
      ctx,
    );
    expect(f.counted).toBe(7);
    expect(f.newest).toBe('2026-06-03T00:00:00.000Z');
    const key = (c: { day: string; institutionId: string; grantId: string; channel: string; resultCode: string }) =>
      `${c.day} ${c.institutionId} ${c.grantId} ${c.channel} ${c.resultCode}`;
    expect(f.calls.map((c) => [key(c), c.count]).sort()).toEqual(
      [
        ['2026-06-01 i1 g1 web_service 01', 2],
        ['2026-06-02 i1 g1 web_service 05', 1],
        ['2026-06-01 i2 g1 web_service 01', 1],
        ['2026-06-01 i1 g-reader card_reader 01', 1],
        ['2026-06-01 i1 g-portal web_portal 01', 1],
        ['2026-06-01 i1 g-other web_portal 01', 1],
      ].sort(),
    );
    const nama = f.elements.filter((e) => e.element === 'nama_lengkap' && e.channel === 'web_service');
    expect(nama.map((e) => [e.institutionId, e.count]).sort()).toEqual([
      ['i1', 2],
      ['i2', 1],
    ]);
  });

  it('names every key whose count differs', () => {
    const t = { day: '2026-06-01', institutionId: 'i1', grantId: 'g1', channel: 'v1', resultCode: '01' };
    expect(
      differences(
        [{ ...t, count: 2 }],
        [
          { ...t, count: 1 },
          { ...t, count: 1 },
        ],
      ),
    ).toEqual([]);
    expect(differences([{ ...t, count: 2 }], [{ ...t, resultCode: '13', count: 2 }])).toEqual([
      { ...t, ledger: 2, log: 0 },
      { ...t, resultCode: '13', ledger: 0, log: 2 },
    ]);
  });
});

describe('the usage query', () => {
  it('defaults to the last 30 days and refuses reversed, unreal and over-long periods', () => {
    expect(usagePeriod(undefined, undefined, '2026-12-01')).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(usagePeriod('2026-01-01', undefined, '2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-01-30' });
    expect(() => usagePeriod('2026-02-30', undefined, '2026-12-01')).toThrow();
    expect(() => usagePeriod('2026-05-02', '2026-05-01', '2026-12-01')).toThrow(/before/);
    expect(() => usagePeriod('2025-01-01', '2026-02-05', '2026-12-01')).toThrow(/400/);
    expect(usagePeriod('2025-01-01', '2026-02-04', '2026-12-01').to).toBe('2026-02-04');
  });

  it('lists months across a year end and labels results in plain words', () => {
    expect(monthsOf('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(resultLabel('05')).toBe('Kuota Akses Hari ini telah Habis');
    expect(resultLabel('no_portal_access')).toBe('Tidak punya akses portal');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['k', 'n'], [['=x', 1]])).toBe(`k,n\r\n"'=x",1\r\n`);
  });
});
