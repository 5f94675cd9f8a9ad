import { describe, expect, it } from 'vitest';
import { channelOf, isDataCall, isRefusal } from './actions.js';
import { dayBoundaryUtc, daySeries, localDay, localDayOfGroup, periodOf, summaryPeriod } from './oversight.js';

describe("Pengawasan's day arithmetic", () => {
  it('puts an entry on its office-local day in each Indonesian zone', () => {
    // 16:30Z is 23:30 WIB the same day, 00:30 WITA and 01:30 WIT the next.
    const t = '2026-12-01T16:30:00.000Z';
    expect(localDay(t, 420)).toBe('2026-12-01');
    expect(localDay(t, 480)).toBe('2026-12-02');
    expect(localDay(t, 540)).toBe('2026-12-02');
    for (const offset of [0, 420, 480, 540]) {
      const b = dayBoundaryUtc(offset);
      const late = t.slice(11, 16) >= b;
      expect(localDayOfGroup(t.slice(0, 10), late), `offset ${offset}`).toBe(localDay(t, offset));
    }
    expect(dayBoundaryUtc(420)).toBe('17:00');
    expect(dayBoundaryUtc(0)).toBe('24:00');
  });

  it('turns local dates into UTC bounds, both days included', () => {
    expect(periodOf('2026-12-01', '2026-12-02', 420)).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
      fromUtc: '2026-11-30T17:00:00.000Z',
      toUtc: '2026-12-02T17:00:00.000Z',
    });
    expect(() => periodOf('2026-02-30', undefined, 420)).toThrow();
    expect(() => periodOf('2026-12-02', '2026-12-01', 420)).toThrow();
  });

  it('defaults the summary to the last 30 local days and fills every day', () => {
    const p = summaryPeriod(undefined, undefined, new Date('2026-12-01T18:00:00Z'), 420);
    expect([p.from, p.to]).toEqual(['2026-11-03', '2026-12-02']);
    expect(() => summaryPeriod('2025-01-01', '2026-12-01', new Date(), 420)).toThrow();
    const s = daySeries('2026-11-30', '2026-12-02', [{ day: '2026-12-01', dataCalls: 2, refusals: 1, decisions: 0 }]);
    expect(s.map((d) => [d.day, d.dataCalls])).toEqual([
      ['2026-11-30', 0],
      ['2026-12-01', 2],
      ['2026-12-02', 0],
    ]);
  });

  it("knows every channel's data calls, the portal included", () => {
    expect(isDataCall('PORTAL_LOOKUP')).toBe(true);
    expect(channelOf('PORTAL_LOOKUP')).toBe('web_portal');
    expect(channelOf('reader.read')).toBe('card_reader');
    expect(isDataCall('application.submitted')).toBe(false);
    expect(isRefusal('13')).toBe(false);
    expect(isRefusal('05')).toBe(true);
  });
});
