/**
 * The working calendar of an office: its time zone, office hours, weekends, Indonesian national holidays
 * (date-holidays 'ID'), cuti bersama and the days an office adds or takes back. SLA clocks count only
 * working time on this calendar. Pure: holidays come from a bundled rule set, never from the network.
 */
import Holidays from 'date-holidays';

/** A wall-clock time of day, "HH:MM", in the office's time zone. */
export type ClockTime = string;

/** Office hours of one weekday; null means the office is closed that weekday. */
export interface DayHours {
  open: ClockTime;
  close: ClockTime;
}

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** What an office configures; everything but the time zone has a default. */
export interface CalendarConfig {
  /** IANA zone of the office: Asia/Jakarta (WIB), Asia/Pontianak (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT), or WIB/WITA/WIT. */
  timeZone: string;
  /** Office hours per weekday; weekdays left out are closed. Default Monday–Friday 08:00–16:00. */
  hours?: Partial<Record<Weekday, DayHours | null>>;
  /** Use the national public holidays of date-holidays 'ID'. Default true. */
  nationalHolidays?: boolean;
  /** Cuti bersama (collective leave) decreed for the year, as local dates YYYY-MM-DD. */
  cutiBersama?: readonly string[];
  /** Other days the office is closed (a regional holiday, a moved national holiday), YYYY-MM-DD. */
  extraHolidays?: readonly string[];
  /**
   * Days the office works although the rules above say it is closed, YYYY-MM-DD: a replacement working
   * Saturday, or a date where date-holidays' lunar estimate is a day off from the government's decree.
   * They use the hours of a normal Monday unless `extraWorkingDayHours` is given.
   */
  extraWorkingDays?: readonly string[];
  /** Hours on the extra working days. Default: the Monday hours, or 08:00–16:00. */
  extraWorkingDayHours?: DayHours;
}

/** A duration in working time. Components are applied in this order: calendar days, working days, minutes. */
export interface Duration {
  /** Days counted on the wall calendar (24 h each), then moved to the next working instant. */
  calendarDays: number;
  /** Whole working days: the same clock time on the n-th next working day. */
  workingDays: number;
  /** Minutes counted only inside office hours. */
  minutes: number;
}

/** A half-open interval of real time [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

/** A resolved calendar, ready for arithmetic. Build it with makeCalendar. */
export interface WorkingCalendar {
  readonly timeZone: string;
  /** Offset from UTC in minutes; Indonesia keeps no daylight saving time, so one number suffices. */
  readonly offsetMinutes: number;
  /** Office hours per weekday as minutes from local midnight. */
  readonly hours: ReadonlyMap<Weekday, { open: number; close: number }>;
  readonly nationalHolidays: boolean;
  readonly cutiBersama: ReadonlySet<string>;
  readonly extraHolidays: ReadonlySet<string>;
  readonly extraWorkingDays: ReadonlySet<string>;
  readonly extraWorkingDayHours: { open: number; close: number };
}

/** What an office (or, nationally, the Directorate General) adds to its calendar: cuti bersama, a holiday, a working day. */
export const CALENDAR_DAY_KINDS = ['cuti_bersama', 'holiday', 'working'] as const;
/** The kind of a day added to a calendar. */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** Why a day is or is not a working day, for showing to a person. */
export type DayKind =
  'working' | 'weekend' | 'national_holiday' | 'cuti_bersama' | 'office_holiday' | 'extra_working_day';

const ZONES: Record<string, { zone: string; offset: number }> = {
  'Asia/Jakarta': { zone: 'Asia/Jakarta', offset: 7 * 60 },
  'Asia/Pontianak': { zone: 'Asia/Pontianak', offset: 7 * 60 },
  'Asia/Makassar': { zone: 'Asia/Makassar', offset: 8 * 60 },
  'Asia/Jayapura': { zone: 'Asia/Jayapura', offset: 9 * 60 },
  WIB: { zone: 'Asia/Jakarta', offset: 7 * 60 },
  WITA: { zone: 'Asia/Makassar', offset: 8 * 60 },
  WIT: { zone: 'Asia/Jayapura', offset: 9 * 60 },
  UTC: { zone: 'UTC', offset: 0 },
};

/** The time zones a calendar accepts (Indonesia's three, by IANA name or abbreviation, and UTC for tests). */
export const TIME_ZONES: readonly string[] = Object.keys(ZONES);

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Raised for a calendar configuration that cannot be used. */
export class CalendarConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

function parseClock(text: string, what: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new CalendarConfigError(`${what}: "${text}" is not a time HH:MM`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0))
    throw new CalendarConfigError(`${what}: "${text}" is not a time of day`);
  return h * 60 + min;
}

function parseHours(h: DayHours, what: string): { open: number; close: number } {
  const open = parseClock(h.open, what);
  const close = parseClock(h.close, what);
  if (close <= open)
    throw new CalendarConfigError(`${what}: closing time ${h.close} is not after opening time ${h.open}`);
  return { open, close };
}

function dateSet(list: readonly string[] | undefined, what: string): Set<string> {
  const out = new Set<string>();
  for (const d of list ?? []) {
    if (!DATE_RE.test(d)) throw new CalendarConfigError(`${what}: "${d}" is not a date YYYY-MM-DD`);
    out.add(d);
  }
  return out;
}

/** The default office hours: Monday to Friday, 08:00–16:00. */
export const DEFAULT_HOURS: Readonly<Record<Weekday, DayHours | null>> = {
  1: { open: '08:00', close: '16:00' },
  2: { open: '08:00', close: '16:00' },
  3: { open: '08:00', close: '16:00' },
  4: { open: '08:00', close: '16:00' },
  5: { open: '08:00', close: '16:00' },
  6: null,
  7: null,
};

/** Resolves and checks an office's calendar configuration. */
export function makeCalendar(config: CalendarConfig): WorkingCalendar {
  const zone = ZONES[config.timeZone];
  if (!zone)
    throw new CalendarConfigError(`unknown time zone "${config.timeZone}"; use one of ${TIME_ZONES.join(', ')}`);
  const hours = new Map<Weekday, { open: number; close: number }>();
  const source = config.hours ?? DEFAULT_HOURS;
  for (const wd of [1, 2, 3, 4, 5, 6, 7] as const) {
    const h = source[wd];
    if (h) hours.set(wd, parseHours(h, `hours of weekday ${wd}`));
  }
  if (hours.size === 0) throw new CalendarConfigError('the office is open on no weekday');
  const extraHours = config.extraWorkingDayHours
    ? parseHours(config.extraWorkingDayHours, 'extraWorkingDayHours')
    : (hours.get(1) ?? { open: 8 * 60, close: 16 * 60 });
  return {
    timeZone: zone.zone,
    offsetMinutes: zone.offset,
    hours,
    nationalHolidays: config.nationalHolidays ?? true,
    cutiBersama: dateSet(config.cutiBersama, 'cutiBersama'),
    extraHolidays: dateSet(config.extraHolidays, 'extraHolidays'),
    extraWorkingDays: dateSet(config.extraWorkingDays, 'extraWorkingDays'),
    extraWorkingDayHours: extraHours,
  };
}

// date-holidays parses its rule set on construction; one shared instance and a per-year cache keep that cost once.
let holidayRules: Holidays | undefined;
const holidayCache = new Map<number, ReadonlyMap<string, string>>();

/** Indonesian national public holidays of a year (local date → name), from date-holidays 'ID'. */
export function nationalHolidaysOf(year: number): ReadonlyMap<string, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  holidayRules ??= new Holidays('ID');
  const map = new Map<string, string>();
  for (const h of holidayRules.getHolidays(year)) {
    // Islamic holidays start at sunset the evening before ("2025-03-30 00:00:00 -0600"); the day off is the date part.
    if (h.type === 'public') map.set(h.date.slice(0, 10), h.name);
  }
  holidayCache.set(year, map);
  return map;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date string of a "local epoch" millisecond count (UTC arithmetic on shifted time). */
function localDateOf(localMs: number): string {
  const d = new Date(localMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function weekdayOf(localDayStartMs: number): Weekday {
  const js = new Date(localDayStartMs).getUTCDay();
  // JavaScript counts Sunday as 0; ISO weekdays run 1 (Monday) to 7 (Sunday).
  return (js === 0 ? 7 : js) as Weekday;
}

function toLocalMs(cal: WorkingCalendar, t: Date): number {
  return t.getTime() + cal.offsetMinutes * MIN_MS;
}

function fromLocalMs(cal: WorkingCalendar, localMs: number): Date {
  return new Date(localMs - cal.offsetMinutes * MIN_MS);
}

function startOfLocalDay(localMs: number): number {
  return Math.floor(localMs / DAY_MS) * DAY_MS;
}

/** Classifies a local date (YYYY-MM-DD) on the office calendar. */
export function dayKind(cal: WorkingCalendar, date: string): DayKind {
  if (!DATE_RE.test(date)) throw new CalendarConfigError(`"${date}" is not a date YYYY-MM-DD`);
  if (cal.extraWorkingDays.has(date)) return 'extra_working_day';
  if (cal.extraHolidays.has(date)) return 'office_holiday';
  if (cal.cutiBersama.has(date)) return 'cuti_bersama';
  if (cal.nationalHolidays && nationalHolidaysOf(Number(date.slice(0, 4))).has(date)) return 'national_holiday';
  const wd = weekdayOf(Date.parse(`${date}T00:00:00Z`));
  return cal.hours.has(wd) ? 'working' : 'weekend';
}

/** Whether the office works on a day: a local date YYYY-MM-DD, or the office-local day of an instant. */
export function isWorkingDay(cal: WorkingCalendar, day: string | Date): boolean {
  const date = typeof day === 'string' ? day : localDateOf(toLocalMs(cal, day));
  const kind = dayKind(cal, date);
  return kind === 'working' || kind === 'extra_working_day';
}

/** Office window of the local day starting at localDayStart, in local ms, or null on a closed day. */
function windowOf(cal: WorkingCalendar, localDayStart: number): { open: number; close: number } | null {
  const date = localDateOf(localDayStart);
  const kind = dayKind(cal, date);
  let h: { open: number; close: number } | undefined;
  if (kind === 'extra_working_day') h = cal.hours.get(weekdayOf(localDayStart)) ?? cal.extraWorkingDayHours;
  else if (kind === 'working') h = cal.hours.get(weekdayOf(localDayStart));
  if (!h) return null;
  return { open: localDayStart + h.open * MIN_MS, close: localDayStart + h.close * MIN_MS };
}

// Ten years of closed days in a row means a broken calendar, not a long holiday; stop instead of looping forever.
const MAX_SCAN_DAYS = 3660;

/** The first working day (local day start and window) on or after the given local day. */
function nextWorkingDay(cal: WorkingCalendar, fromDayStart: number): { day: number; open: number; close: number } {
  let day = fromDayStart;
  for (let i = 0; i < MAX_SCAN_DAYS; i++, day += DAY_MS) {
    const w = windowOf(cal, day);
    if (w) return { day, ...w };
  }
  throw new CalendarConfigError('no working day within ten years');
}

/** Moves local time to working time: unchanged inside office hours (closing time included), else the next opening. */
function normaliseLocal(cal: WorkingCalendar, localMs: number): number {
  const day = startOfLocalDay(localMs);
  const w = windowOf(cal, day);
  if (w && localMs >= w.open && localMs <= w.close) return localMs;
  if (w && localMs < w.open) return w.open;
  return nextWorkingDay(cal, day + DAY_MS).open;
}

/** The first instant at or after t that is inside office hours (t itself when it already is). */
export function nextWorkingInstant(cal: WorkingCalendar, t: Date): Date {
  return fromLocalMs(cal, normaliseLocal(cal, toLocalMs(cal, t)));
}

/** Adds n working days: the same clock time on the n-th following working day, clamped to that day's hours. */
function addDaysLocal(cal: WorkingCalendar, localMs: number, n: number): number {
  let t = normaliseLocal(cal, localMs);
  for (let i = 0; i < n; i++) {
    const day = startOfLocalDay(t);
    const clock = t - day;
    const next = nextWorkingDay(cal, day + DAY_MS);
    t = Math.min(Math.max(next.day + clock, next.open), next.close);
  }
  return t;
}

/** Adds minutes counted only inside office hours. */
function addMinutesLocal(cal: WorkingCalendar, localMs: number, minutes: number): number {
  let t = normaliseLocal(cal, localMs);
  let left = minutes * MIN_MS;
  for (;;) {
    const day = startOfLocalDay(t);
    const w = windowOf(cal, day);
    // normaliseLocal guarantees a window here; a null would mean the calendar changed under us.
    if (!w) throw new CalendarConfigError('internal: working instant outside a working day');
    const avail = w.close - t;
    if (left <= avail) return t + left;
    left -= avail;
    t = nextWorkingDay(cal, day + DAY_MS).open;
  }
}

/**
 * The due instant of a piece of work started at `start` that takes `duration` of working time.
 * Work received outside office hours starts at the next opening. A zero duration returns `start` unchanged.
 */
export function addWorkingDuration(cal: WorkingCalendar, start: Date, duration: Duration): Date {
  if (duration.calendarDays < 0 || duration.workingDays < 0 || duration.minutes < 0) {
    throw new CalendarConfigError('a duration cannot be negative');
  }
  if (duration.calendarDays === 0 && duration.workingDays === 0 && duration.minutes === 0) return start;
  let t = toLocalMs(cal, start);
  if (duration.calendarDays > 0) t = normaliseLocal(cal, t + duration.calendarDays * DAY_MS);
  if (duration.workingDays > 0) t = addDaysLocal(cal, t, duration.workingDays);
  if (duration.minutes > 0) t = addMinutesLocal(cal, t, duration.minutes);
  return fromLocalMs(cal, normaliseLocal(cal, t));
}

/** Working minutes inside [a, b) on the calendar, ignoring pauses. */
function workingMinutesRaw(cal: WorkingCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  const la = a + cal.offsetMinutes * MIN_MS;
  const lb = b + cal.offsetMinutes * MIN_MS;
  for (let day = startOfLocalDay(la); day < lb; day += DAY_MS) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const from = Math.max(w.open, la);
    const to = Math.min(w.close, lb);
    if (to > from) total += to - from;
  }
  return total / MIN_MS;
}

/**
 * Working time between a and b in minutes (fractional), less the working time of the paused intervals
 * (e.g. while a case waits on the applicant). Overlapping pauses are counted once. Negative spans give 0.
 */
export function workingTimeBetween(cal: WorkingCalendar, a: Date, b: Date, pauses: readonly Interval[] = []): number {
  const start = a.getTime();
  const end = b.getTime();
  if (end <= start) return 0;
  // Clip and merge the pauses so that overlapping ones are subtracted only once.
  const clipped = pauses
    .map((p) => ({ from: Math.max(start, p.from.getTime()), to: Math.min(end, p.to.getTime()) }))
    .filter((p) => p.to > p.from)
    .sort((x, y) => x.from - y.from);
  const merged: { from: number; to: number }[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  let total = workingMinutesRaw(cal, start, end);
  for (const p of merged) total -= workingMinutesRaw(cal, p.from, p.to);
  return total;
}

/** The working-minute length of a duration when started at `start` (days are not a fixed number of minutes). */
export function durationMinutesFrom(cal: WorkingCalendar, start: Date, duration: Duration): number {
  const from = nextWorkingInstant(cal, start);
  return workingTimeBetween(cal, from, addWorkingDuration(cal, from, duration));
}

/** Formats an instant as office-local time "YYYY-MM-DD HH:MM WIB" for people to read. */
export function formatLocal(cal: WorkingCalendar, t: Date): string {
  const l = new Date(toLocalMs(cal, t));
  const abbr =
    cal.offsetMinutes === 420 ? 'WIB' : cal.offsetMinutes === 480 ? 'WITA' : cal.offsetMinutes === 540 ? 'WIT' : 'UTC';
  return `${localDateOf(l.getTime())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())} ${abbr}`;
}

/** Parses office-local "YYYY-MM-DDTHH:MM" (no zone) as an instant on the office's clock. */
export function localInstant(cal: WorkingCalendar, text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new CalendarConfigError(`"${text}" is not a local time YYYY-MM-DDTHH:MM`);
  const local = Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`);
  return fromLocalMs(cal, local);
}

/** The office-local date (YYYY-MM-DD) of an instant: what "today" is in that office. */
export function localDate(cal: WorkingCalendar, t: Date): string {
  return localDateOf(toLocalMs(cal, t));
}
