import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatTime,
  formatWhen,
  formatWorkingMinutes,
  setDisplayTimeZone,
  translateDuration,
  zoneAbbreviation,
} from './format';

describe('formatWorkingMinutes', () => {
  it('counts days of 480 working minutes, then hours and minutes', () => {
    expect(formatWorkingMinutes(0, 'id')).toBe('0 menit');
    expect(formatWorkingMinutes(5, 'id')).toBe('5 menit');
    expect(formatWorkingMinutes(125, 'id')).toBe('2 jam 5 menit');
    expect(formatWorkingMinutes(480 * 2 + 180, 'id')).toBe('2 hari 3 jam');
    expect(formatWorkingMinutes(480, 'en')).toBe('1 working day');
    expect(formatWorkingMinutes(1445, 'en')).toBe('3 working days 5 min');
    expect(formatWorkingMinutes(null, 'en')).toBe('—');
  });
});

describe('dates and times in words, in the office zone', () => {
  it('writes a calendar date with the month in words in both languages', () => {
    expect(formatDate('2017-01-01', 'id')).toBe('1 Januari 2017');
    expect(formatDate('2017-01-01', 'en')).toBe('1 January 2017');
    expect(formatDate(null, 'id')).toBe('—');
  });

  it('takes the day of an instant in the office zone', () => {
    // 17:30 UTC on 31 December is already 1 January in Jakarta (UTC+7).
    expect(formatDate('2016-12-31T17:30:00.000Z', 'id', 'Asia/Jakarta')).toBe('1 Januari 2017');
    expect(formatDate('2016-12-31T16:30:00.000Z', 'id', 'Asia/Jakarta')).toBe('31 Desember 2016');
  });

  it('writes a moment with the time and the zone name', () => {
    expect(formatDateTime('2017-01-01T07:05:00.000Z', 'id', 'Asia/Jakarta')).toBe('1 Januari 2017 14.05 WIB');
    expect(formatDateTime('2017-01-01T07:05:00.000Z', 'en', 'Asia/Jakarta')).toBe('1 January 2017 14:05 WIB');
    expect(formatDateTime('2017-01-01T07:05:00.000Z', 'id', 'Asia/Makassar')).toBe('1 Januari 2017 15.05 WITA');
    expect(formatDateTime('2017-01-01T07:05:00.000Z', 'id', 'Asia/Jayapura')).toBe('1 Januari 2017 16.05 WIT');
    expect(formatTime('2017-01-01T07:05:00.000Z', 'id', 'Asia/Pontianak')).toBe('14.05 WIB');
    expect(formatWhen('2017-01-01', 'id')).toBe('1 Januari 2017');
  });

  it('names the Indonesian zones, and others by offset', () => {
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
    expect(zoneAbbreviation('Asia/Bangkok')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Kolkata')).toBe('UTC+5.30');
    expect(zoneAbbreviation('Not/AZone')).toBe('WIB');
  });

  it('shows times in the session zone once it is set', () => {
    try {
      setDisplayTimeZone('Asia/Makassar');
      expect(formatDateTime('2017-01-01T07:05:00.000Z', 'id')).toBe('1 Januari 2017 15.05 WITA');
      setDisplayTimeZone('nonsense');
      expect(formatDateTime('2017-01-01T07:05:00.000Z', 'id')).toBe('1 Januari 2017 14.05 WIB');
    } finally {
      setDisplayTimeZone('Asia/Jakarta');
    }
  });
});

describe('durations', () => {
  it('writes counts of a unit in both languages', () => {
    expect(formatDuration(3, 'working_days', 'id')).toBe('3 hari kerja');
    expect(formatDuration(3, 'working_days', 'en')).toBe('3 working days');
    expect(formatDuration(1, 'working_days', 'en')).toBe('1 working day');
    expect(formatDuration(2, 'hours', 'en')).toBe('2 hours');
  });

  it('translates the durations the server writes in Indonesian', () => {
    expect(translateDuration('3 hari kerja', 'en')).toBe('3 working days');
    expect(translateDuration('1 hari kerja', 'en')).toBe('1 working day');
    expect(translateDuration('2 jam', 'en')).toBe('2 hours');
    expect(translateDuration('1,5 jam', 'en')).toBe('1.5 hours');
    expect(translateDuration('3 hari kerja', 'id')).toBe('3 hari kerja');
    expect(translateDuration('segera', 'en')).toBe('segera');
    // A plain "hari" in an SOP is a working day unless the SOP counts calendar days.
    expect(translateDuration('1 hari', 'en')).toBe('1 working day');
    expect(translateDuration('1 hari', 'en', 'kalender')).toBe('1 day');
    expect(translateDuration('3-5 hari', 'en')).toBe('3–5 working days');
    expect(translateDuration('1 hari 3 jam', 'en')).toBe('1 working day 3 hours');
    expect(translateDuration('10 Menit', 'en')).toBe('10 minutes');
    expect(translateDuration('di bawah kendali Kemendagri RI', 'en')).toBe('di bawah kendali Kemendagri RI');
  });
});
