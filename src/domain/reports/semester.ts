/**
 * Semesters and what a PKS owes (issue 12). Semester I runs January–June, semester II July–December. A PKS owes a
 * usage report for every semester its period in force overlaps, up to the current one; the report is due a number
 * of days (an office setting) after the semester ends. Dates are office-local calendar dates (YYYY-MM-DD): the
 * caller turns "now" into the office's local date first (domain/calendar `localDate`). Pure.
 */
import { BULAN } from '../tanggal.js';

/** One semester: its key ("2026-1", "2026-2") and its first and last day. */
export interface Semester {
  key: string;
  year: number;
  half: 1 | 2;
  start: string;
  end: string;
}

/** Days after a semester's end its report is due, unless the office says otherwise. */
export const DEFAULT_DEADLINE_DAYS = 30;
/** The bounds of the office setting. */
export const DEADLINE_DAYS_MIN = 1;
export const DEADLINE_DAYS_MAX = 180;

const KEY = /^(\d{4})-([12])$/;

/** The semester with this key, or undefined for a malformed one. */
export function semesterOf(key: string): Semester | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const half = m[2] === '1' ? 1 : 2;
  return half === 1
    ? { key, year, half, start: `${year}-01-01`, end: `${year}-06-30` }
    : { key, year, half, start: `${year}-07-01`, end: `${year}-12-31` };
}

/** The semester a local date falls in. */
export function semesterAt(date: string): Semester {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const s = semesterOf(`${year}-${month <= 6 ? 1 : 2}`);
  if (!s) throw new Error(`not a date: ${date}`);
  return s;
}

/** The semester after this one. */
export function nextSemester(s: Semester): Semester {
  const n = semesterOf(s.half === 1 ? `${s.year}-2` : `${s.year + 1}-1`);
  if (!n) throw new Error('unreachable');
  return n;
}

/** A local date shifted by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A local date shifted by whole months (clamped to the month's last day: 31 May + 3 months = 31 August). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The date a semester's report is due: its last day plus the office's days. */
export function dueDateOf(s: Semester, deadlineDays: number): string {
  return addDays(s.end, deadlineDays);
}

/**
 * The semesters a PKS owes a report for on `today`: each semester from the one its start falls in up to the
 * current one, that its period in force [start, end] overlaps. The current semester is listed (it is due later);
 * a PKS not yet started owes nothing.
 */
export function semestersOwed(period: { start: string; end: string | null }, today: string): Semester[] {
  if (period.start > today) return [];
  const out: Semester[] = [];
  const last = semesterAt(today);
  for (let s = semesterAt(period.start); s.key <= last.key; s = nextSemester(s)) {
    if (period.end && period.end < s.start) break;
    out.push(s);
  }
  return out;
}

/** "Semester I 2026 (Januari–Juni)" for letters and screens. */
export function semesterLabel(s: Semester): string {
  return `Semester ${s.half === 1 ? 'I' : 'II'} ${s.year} (${s.half === 1 ? `${BULAN[0]}–${BULAN[5]}` : `${BULAN[6]}–${BULAN[11]}`})`;
}

/** The same in English. */
export function semesterLabelEn(s: Semester): string {
  return `Semester ${s.half === 1 ? 'I' : 'II'} ${s.year} (${s.half === 1 ? 'January–June' : 'July–December'})`;
}
