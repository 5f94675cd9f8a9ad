/**
 * Waktu: the standard time of an SOP step as printed in the Mutu Baku column ("5 Menit", "1 jam",
 * "3 hari", "14 hari kerja", "3-5 hari"), or no standard time for a step under another authority.
 */
import type { Duration } from '../calendar/calendar.js';

/** The unit a time was printed in. */
export type WaktuUnit = 'menit' | 'jam' | 'hari' | 'hari_kerja';

/**
 * How a plain "hari" counts on the calendar. "kerja" (the default): exactly like "hari kerja".
 * "kalender": 24-hour wall-calendar days, the due time then moved to the next working instant.
 */
export type HariMeans = 'kerja' | 'kalender';

/** A step's standard time: the lower bound of a range is the target, the upper bound the deadline. */
export interface StandardWaktu {
  kind: 'standard';
  /** The text as written in the definition. */
  text: string;
  /** The unit of the (last) term, for display. */
  unit: WaktuUnit;
  target: Duration;
  deadline: Duration;
  /** True for "3-5 hari": the target and the deadline differ. */
  range: boolean;
}

/** A step whose time is not the office's to keep (e.g. "di bawah kendali Kemendagri RI"). */
export interface NoStandardWaktu {
  kind: 'none';
  /** Why there is no standard time, as printed or as read. */
  reason: string;
}

/** A step's waktu after parsing. */
export type Waktu = StandardWaktu | NoStandardWaktu;

/** Why a waktu text could not be read; the codes are stable for clients. */
export type WaktuProblem =
  | { code: 'waktu_no_unit'; text: string }
  | { code: 'waktu_ambiguous'; text: string }
  | { code: 'waktu_range_reversed'; text: string }
  | { code: 'waktu_fraction_of_day'; text: string }
  | { code: 'waktu_unreadable'; text: string };

/** The zero duration. */
export const ZERO: Duration = Object.freeze({ calendarDays: 0, workingDays: 0, minutes: 0 });

const UNIT_RE = '(menit|mnt|minutes?|mins?|jam|hours?|hrs?|hari\\s+kerja|working\\s+days?|hari|days?)';
const NUM_RE = '(\\d+(?:[.,]\\d+)?)';

function unitOf(word: string): WaktuUnit {
  const w = word.replace(/\s+/g, ' ');
  if (/^(menit|mnt|min)/.test(w)) return 'menit';
  if (/^(jam|hour|hr)/.test(w)) return 'jam';
  if (/^(hari kerja|working day)/.test(w)) return 'hari_kerja';
  return 'hari';
}

function num(text: string): number {
  return Number(text.replace(',', '.'));
}

/** The duration of `amount` of `unit`; null when a day count is fractional (days are not a fixed number of minutes). */
function durationOf(amount: number, unit: WaktuUnit, hari: HariMeans): Duration | null {
  switch (unit) {
    case 'menit':
      return { ...ZERO, minutes: amount };
    case 'jam':
      return { ...ZERO, minutes: amount * 60 };
    case 'hari':
    case 'hari_kerja':
      if (!Number.isInteger(amount)) return null;
      return unit === 'hari' && hari === 'kalender'
        ? { ...ZERO, calendarDays: amount }
        : { ...ZERO, workingDays: amount };
  }
}

/** Adds two durations component by component. */
export function addDurations(a: Duration, b: Duration): Duration {
  return {
    calendarDays: a.calendarDays + b.calendarDays,
    workingDays: a.workingDays + b.workingDays,
    minutes: a.minutes + b.minutes,
  };
}

/** Whether two durations are equal component by component (60 menit equals 1 jam; 8 jam never equals 1 hari). */
export function sameDuration(a: Duration, b: Duration): boolean {
  return a.calendarDays === b.calendarDays && a.workingDays === b.workingDays && a.minutes === b.minutes;
}

/** Whether a duration is zero. */
export function isZero(d: Duration): boolean {
  return sameDuration(d, ZERO);
}

/** Indonesian text for a duration, e.g. "3 hari kerja 3 jam 5 menit". */
export function formatDuration(d: Duration): string {
  const parts: string[] = [];
  if (d.calendarDays) parts.push(`${d.calendarDays} hari kalender`);
  if (d.workingDays) parts.push(`${d.workingDays} hari kerja`);
  const h = Math.floor(d.minutes / 60);
  const m = Math.round((d.minutes - h * 60) * 100) / 100;
  if (h) parts.push(`${h} jam`);
  if (m) parts.push(`${m} menit`);
  return parts.length ? parts.join(' ') : '0 menit';
}

/**
 * Reads a printed time: one term ("5 Menit"), a sum of terms ("3 hari 3 jam"), or a range with one unit
 * ("3-5 hari", "1 – 4 hari kerja"). Case and spacing do not matter. A bare number, or two numbers
 * without a dash ("1 4 hari"), is refused rather than guessed: the author records the reading instead.
 */
export function parseWaktu(
  text: string,
  hari: HariMeans = 'kerja',
): { ok: true; waktu: StandardWaktu } | { ok: false; problem: WaktuProblem } {
  const t = text.trim().toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, ' ');
  const range = new RegExp(`^${NUM_RE} ?- ?${NUM_RE} ?${UNIT_RE}$`).exec(t);
  if (range) {
    const unit = unitOf(range[3] ?? '');
    const lo = durationOf(num(range[1] ?? ''), unit, hari);
    const hi = durationOf(num(range[2] ?? ''), unit, hari);
    if (!lo || !hi) return { ok: false, problem: { code: 'waktu_fraction_of_day', text } };
    if (num(range[1] ?? '') > num(range[2] ?? ''))
      return { ok: false, problem: { code: 'waktu_range_reversed', text } };
    return {
      ok: true,
      waktu: { kind: 'standard', text: text.trim(), unit, target: lo, deadline: hi, range: !sameDuration(lo, hi) },
    };
  }
  if (new RegExp(`^${NUM_RE}$`).test(t)) return { ok: false, problem: { code: 'waktu_no_unit', text } };
  if (new RegExp(`^${NUM_RE} ${NUM_RE} ?${UNIT_RE}$`).test(t))
    return { ok: false, problem: { code: 'waktu_ambiguous', text } };
  const termRe = new RegExp(`^${NUM_RE} ?${UNIT_RE}(?: |$)`);
  let rest = t;
  let total: Duration = ZERO;
  let unit: WaktuUnit | undefined;
  while (rest.length) {
    const m = termRe.exec(rest);
    if (!m) return { ok: false, problem: { code: 'waktu_unreadable', text } };
    unit = unitOf(m[2] ?? '');
    const d = durationOf(num(m[1] ?? ''), unit, hari);
    if (!d) return { ok: false, problem: { code: 'waktu_fraction_of_day', text } };
    total = addDurations(total, d);
    rest = rest.slice(m[0].length);
  }
  if (!unit) return { ok: false, problem: { code: 'waktu_unreadable', text } };
  return {
    ok: true,
    waktu: { kind: 'standard', text: text.trim(), unit, target: total, deadline: total, range: false },
  };
}

/** The duration a step is given: its target or its deadline; zero when it has no standard time. */
export function waktuDuration(w: Waktu, bound: 'target' | 'deadline'): Duration {
  return w.kind === 'standard' ? w[bound] : ZERO;
}

/** The text to print in the Waktu column. */
export function waktuText(w: Waktu): string {
  return w.kind === 'standard' ? w.text : `tanpa standar waktu (${w.reason})`;
}
