import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInclusive,
  fillDays,
  formatCount,
  formatShare,
  isYmd,
  longDate,
  monthName,
  periodRange,
  periodText,
  quotaOnScale,
  quotaShare,
  refusalRows,
  shortDate,
  topByCalls,
  trendOf,
} from './usage-format';

const row = (key: string, answered: number, refused: number, label = key) => ({
  key,
  label,
  calls: answered + refused,
  answered,
  refused,
});

describe('usage periods', () => {
  it('ends each period on the office’s today and starts it on the month, the semester or 30 days back', () => {
    expect(periodRange('month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(periodRange('month', '2026-02-17')).toEqual({ from: '2026-02-01', to: '2026-02-17' });
    expect(periodRange('semester', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodRange('semester', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-07-01' });
    expect(periodRange('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(daysInclusive('2026-01-31', '2026-03-01')).toBe(30);
  });

  it('counts days across months and leap years, and refuses impossible dates', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysInclusive('2026-12-01', '2026-12-01')).toBe(1);
    expect(daysInclusive('2026-12-02', '2026-12-01')).toBe(0);
    expect(isYmd('2026-02-30')).toBe(false);
    expect(isYmd('2026-2-3')).toBe(false);
    expect(isYmd('2026-12-31')).toBe(true);
  });
});

describe('dates and numbers in words', () => {
  it('writes dates as people read them, never as ISO', () => {
    expect(longDate('2026-12-01', 'id')).toBe('1 Desember 2026');
    expect(longDate('2026-08-17', 'en')).toBe('17 August 2026');
    expect(shortDate('2026-08-17', 'id')).toBe('17 Agu');
    expect(shortDate('2026-12-05', 'en')).toBe('5 Dec');
    expect(monthName('2026-05', 'id')).toBe('Mei 2026');
    expect(periodText('2026-11-02', '2026-12-01', 'id')).toBe('2 November 2026 – 1 Desember 2026');
    expect(periodText('2026-12-01', '2026-12-01', 'id')).toBe('1 Desember 2026');
  });

  it('groups digits the Indonesian way in Indonesian', () => {
    expect(formatCount(1234567, 'id')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(null, 'id')).toBe('—');
    expect(formatShare(0.17, 'id')).toBe('17%');
    expect(formatShare(0.025, 'id')).toBe('2,5%');
    expect(formatShare(4 / 3_030_000, 'id')).toBe('< 0,1%');
    expect(formatShare(0, 'en')).toBe('0%');
    expect(formatShare(null, 'en')).toBe('—');
  });
});

describe('usage aggregation', () => {
  it('fills the days without calls with zeros, in order, and drops rows outside the period', () => {
    const days = fillDays(
      [row('2026-12-03', 5, 1), row('2026-12-01', 2, 0), row('2026-11-30', 9, 9)],
      '2026-12-01',
      '2026-12-04',
    );
    expect(days.map((d) => [d.day, d.calls])).toEqual([
      ['2026-12-01', 2],
      ['2026-12-02', 0],
      ['2026-12-03', 6],
      ['2026-12-04', 0],
    ]);
    expect(days[2]).toMatchObject({ answered: 5, refused: 1 });
  });

  it('measures the share of quota over the whole period, and none when the quota is unlimited', () => {
    expect(quotaShare(1500, 100, 30)).toBeCloseTo(0.5);
    expect(quotaShare(10, null, 30)).toBeNull();
    expect(quotaShare(10, 100, 0)).toBeNull();
    expect(quotaOnScale(300, 1000)).toBe(true);
    expect(quotaOnScale(150, 100_000)).toBe(false);
    expect(quotaOnScale(150, null)).toBe(false);
  });

  it('lists refusals only, most frequent first', () => {
    const rows = [row('01', 900, 0), row('05', 0, 3), row('04', 0, 7), row('13', 40, 0), row('06', 0, 3)];
    expect(refusalRows(rows)).toEqual([
      { key: '04', label: '04', count: 7 },
      { key: '05', label: '05', count: 3 },
      { key: '06', label: '06', count: 3 },
    ]);
  });

  it('ranks institutions by calls and reads a trend', () => {
    const ranked = topByCalls([row('a', 1, 0, 'Bank'), row('b', 9, 1, 'Dinsos'), row('c', 1, 0, 'Apotek')], 2);
    expect(ranked.map((r) => r.label)).toEqual(['Dinsos', 'Apotek']);
    expect(trendOf([1, 1, 1, 5, 5, 5])).toBe('up');
    expect(trendOf([9, 9, 9, 1, 1, 1])).toBe('down');
    expect(trendOf([4, 5, 4, 4, 5, 4])).toBe('flat');
    expect(trendOf([0, 0, 0])).toBe('flat');
  });
});
