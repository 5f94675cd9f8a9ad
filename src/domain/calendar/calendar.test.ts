import { describe, expect, it } from 'vitest';
import {
  addWorkingDuration,
  dayKind,
  durationMinutesFrom,
  formatLocal,
  isWorkingDay,
  localInstant,
  makeCalendar,
  nextWorkingInstant,
  workingTimeBetween,
  type Duration,
} from './calendar.js';

const wib = makeCalendar({ timeZone: 'Asia/Jakarta' });
const at = (text: string) => localInstant(wib, text);
const d = (p: Partial<Duration>): Duration => ({ calendarDays: 0, workingDays: 0, minutes: 0, ...p });
const show = (t: Date) => formatLocal(wib, t);

describe('working days', () => {
  it('knows weekends, national holidays from date-holidays, cuti bersama and office days', () => {
    const cal = makeCalendar({
      timeZone: 'WIB',
      cutiBersama: ['2025-12-26'],
      extraHolidays: ['2025-07-10'],
      extraWorkingDays: ['2025-07-12'],
    });
    expect(isWorkingDay(cal, '2025-07-09')).toBe(true);
    expect(dayKind(cal, '2025-07-05')).toBe('weekend');
    expect(dayKind(cal, '2025-12-25')).toBe('national_holiday');
    expect(dayKind(cal, '2025-08-17')).toBe('national_holiday');
    expect(dayKind(cal, '2025-12-26')).toBe('cuti_bersama');
    expect(dayKind(cal, '2025-07-10')).toBe('office_holiday');
    expect(isWorkingDay(cal, '2025-07-12')).toBe(true); // a replacement working Saturday
    expect(isWorkingDay(wib, '2025-12-26')).toBe(true); // without the decree it is an ordinary Friday
  });

  it('takes the office-local day of an instant, not the UTC day', () => {
    // 2025-12-24T18:00Z is already 25 December (Christmas) in Jakarta.
    expect(isWorkingDay(wib, new Date('2025-12-24T18:00:00Z'))).toBe(false);
    expect(isWorkingDay(wib, new Date('2025-12-24T16:00:00Z'))).toBe(true);
  });
});

describe('addWorkingDuration', () => {
  it('counts hours inside office hours only, across a weekend', () => {
    expect(show(addWorkingDuration(wib, at('2025-07-04T15:00'), d({ minutes: 120 })))).toBe('2025-07-07 09:00 WIB');
  });

  it('gives "1 hari" as the same clock time on the next working day', () => {
    expect(show(addWorkingDuration(wib, at('2025-07-04T10:00'), d({ workingDays: 1 })))).toBe('2025-07-07 10:00 WIB');
    expect(show(addWorkingDuration(wib, at('2025-07-07T08:00'), d({ minutes: 480 })))).toBe('2025-07-07 16:00 WIB');
  });

  it('starts work received outside office hours at the next opening', () => {
    expect(show(addWorkingDuration(wib, at('2025-07-07T17:30'), d({ minutes: 30 })))).toBe('2025-07-08 08:30 WIB');
    expect(show(addWorkingDuration(wib, at('2025-07-05T11:00'), d({ workingDays: 1 })))).toBe('2025-07-08 08:00 WIB');
    expect(show(addWorkingDuration(wib, at('2025-07-07T06:00'), d({ minutes: 60 })))).toBe('2025-07-07 09:00 WIB');
    expect(show(nextWorkingInstant(wib, at('2025-07-04T16:30')))).toBe('2025-07-07 08:00 WIB');
  });

  it('skips a national holiday', () => {
    // Wednesday 24 December + 1 hari kerja: Christmas is skipped.
    expect(show(addWorkingDuration(wib, at('2025-12-24T10:00'), d({ workingDays: 1 })))).toBe('2025-12-26 10:00 WIB');
    // Friday 15 August 15:00 + 2 jam: the weekend, then Monday 18 August (an ordinary Monday) 09:00.
    expect(show(addWorkingDuration(wib, at('2025-08-15T15:00'), d({ minutes: 120 })))).toBe('2025-08-18 09:00 WIB');
  });

  it('skips cuti bersama passed in as data', () => {
    const cal = makeCalendar({ timeZone: 'Asia/Jakarta', cutiBersama: ['2025-12-26'] });
    expect(
      formatLocal(cal, addWorkingDuration(cal, localInstant(cal, '2025-12-24T10:00'), d({ workingDays: 1 }))),
    ).toBe('2025-12-29 10:00 WIB');
    expect(formatLocal(cal, addWorkingDuration(cal, localInstant(cal, '2025-12-24T15:00'), d({ minutes: 120 })))).toBe(
      '2025-12-29 09:00 WIB',
    );
  });

  it('follows the office hours of the office, including a short Friday', () => {
    const cal = makeCalendar({
      timeZone: 'Asia/Jakarta',
      hours: {
        1: { open: '07:30', close: '16:00' },
        2: { open: '07:30', close: '16:00' },
        3: { open: '07:30', close: '16:00' },
        4: { open: '07:30', close: '16:00' },
        5: { open: '07:30', close: '11:30' },
      },
    });
    const start = localInstant(cal, '2025-07-04T11:00');
    expect(formatLocal(cal, addWorkingDuration(cal, start, d({ minutes: 60 })))).toBe('2025-07-07 08:00 WIB');
    // A day on Thursday 15:00 lands on Friday, clamped to Friday's closing time.
    expect(
      formatLocal(cal, addWorkingDuration(cal, localInstant(cal, '2025-07-03T15:00'), d({ workingDays: 1 }))),
    ).toBe('2025-07-04 11:30 WIB');
  });

  it('works in WITA and WIT: office hours are local to the office', () => {
    const wita = makeCalendar({ timeZone: 'Asia/Makassar' });
    const wit = makeCalendar({ timeZone: 'Asia/Jayapura' });
    const monday0000Z = new Date('2025-07-07T00:00:00Z'); // 07:00 WIB, 08:00 WITA, 09:00 WIT
    expect(addWorkingDuration(wita, monday0000Z, d({ minutes: 480 })).toISOString()).toBe('2025-07-07T08:00:00.000Z');
    expect(formatLocal(wita, addWorkingDuration(wita, monday0000Z, d({ minutes: 480 })))).toBe('2025-07-07 16:00 WITA');
    expect(addWorkingDuration(wib, monday0000Z, d({ minutes: 480 })).toISOString()).toBe('2025-07-07T09:00:00.000Z');
    // In WIT 00:00Z is already 09:00: seven hours fit on Monday, the eighth runs into Tuesday.
    expect(formatLocal(wit, addWorkingDuration(wit, monday0000Z, d({ minutes: 480 })))).toBe('2025-07-08 09:00 WIT');
    // A WITA office's Friday afternoon is already closed when a WIB office is still open.
    const fri = new Date('2025-07-04T08:30:00Z'); // 15:30 WIB, 16:30 WITA
    expect(formatLocal(wita, addWorkingDuration(wita, fri, d({ minutes: 60 })))).toBe('2025-07-07 09:00 WITA');
    expect(formatLocal(wib, addWorkingDuration(wib, fri, d({ minutes: 60 })))).toBe('2025-07-07 08:30 WIB');
  });

  it('treats hari kalender as wall-calendar days moved to the next working instant', () => {
    expect(show(addWorkingDuration(wib, at('2025-07-04T10:00'), d({ calendarDays: 1 })))).toBe('2025-07-07 08:00 WIB');
    expect(show(addWorkingDuration(wib, at('2025-07-01T10:00'), d({ calendarDays: 2 })))).toBe('2025-07-03 10:00 WIB');
  });

  it('returns the start for a zero duration and refuses a negative one', () => {
    const s = at('2025-07-05T10:00');
    expect(addWorkingDuration(wib, s, d({}))).toBe(s);
    expect(() => addWorkingDuration(wib, s, d({ minutes: -1 }))).toThrow(/negative/);
  });
});

describe('workingTimeBetween', () => {
  it('counts only office hours, across a weekend and a holiday', () => {
    expect(workingTimeBetween(wib, at('2025-07-04T14:00'), at('2025-07-07T10:00'))).toBe(240);
    expect(workingTimeBetween(wib, at('2025-12-24T14:00'), at('2025-12-26T10:00'))).toBe(240);
    expect(workingTimeBetween(wib, at('2025-07-07T10:00'), at('2025-07-07T09:00'))).toBe(0);
  });

  it('subtracts paused intervals once, even when they overlap', () => {
    const a = at('2025-07-04T14:00');
    const b = at('2025-07-07T10:00');
    const pauses = [
      { from: at('2025-07-04T15:00'), to: at('2025-07-07T09:00') },
      { from: at('2025-07-05T00:00'), to: at('2025-07-07T08:30') },
    ];
    expect(workingTimeBetween(wib, a, b, pauses)).toBe(120);
    expect(workingTimeBetween(wib, a, b, [{ from: at('2025-07-01T00:00'), to: at('2025-07-10T00:00') }])).toBe(0);
  });

  it('measures a day as one office day of minutes', () => {
    expect(durationMinutesFrom(wib, at('2025-07-07T10:00'), d({ workingDays: 1 }))).toBe(480);
    expect(durationMinutesFrom(wib, at('2025-07-04T10:00'), d({ workingDays: 3 }))).toBe(1440);
  });
});

describe('makeCalendar', () => {
  it('refuses what it cannot use', () => {
    expect(() => makeCalendar({ timeZone: 'Europe/Paris' })).toThrow(/unknown time zone/);
    expect(() => makeCalendar({ timeZone: 'WIB', hours: { 1: { open: '16:00', close: '08:00' } } })).toThrow(
      /not after/,
    );
    expect(() => makeCalendar({ timeZone: 'WIB', cutiBersama: ['26/12/2025'] })).toThrow(/YYYY-MM-DD/);
  });
});
