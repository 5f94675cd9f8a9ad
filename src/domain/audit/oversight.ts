/**
 * Pengawasan's arithmetic, pure: an office-local period as UTC bounds, the UTC time of day at which the office's
 * day starts (so a database groups entries by local day with text comparisons alone, the same on SQLite and
 * PostgreSQL), and the per-day series of the chart, every day of the period present.
 */
import { errors } from '../errors.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The longest period the per-day summary covers. */
export const MAX_SUMMARY_DAYS = 366;
/** The period the summary covers when none is given: the office's last 30 days, today included. */
export const DEFAULT_SUMMARY_DAYS = 30;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dateOfMs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight UTC of a calendar date, or undefined when it is no date (2026-02-30, 2026-13-01…). */
function dateMs(day: string): number | undefined {
  const m = DATE_RE.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dateOfMs(ms) === day ? ms : undefined;
}

const badDate = (field: string) =>
  errors.invalid(
    'invalid_date',
    { id: 'Tanggal tidak sah (format YYYY-MM-DD).', en: 'Not a valid date (format YYYY-MM-DD).' },
    [{ field, message: { id: 'Tanggal tidak sah.', en: 'Not a valid date.' } }],
  );

/** The office-local date of an instant. */
export function localDay(t: Date | string, offsetMinutes: number): string {
  const ms = typeof t === 'string' ? Date.parse(t) : t.getTime();
  return dateOfMs(ms + offsetMinutes * MIN_MS);
}

/** The instant (ISO UTC) at which an office-local date begins. */
export function localDayStart(day: string, offsetMinutes: number): string {
  const ms = dateMs(day);
  if (ms === undefined) throw badDate('day');
  return new Date(ms - offsetMinutes * MIN_MS).toISOString();
}

/** The day after a date. */
export function nextDay(day: string): string {
  const ms = dateMs(day);
  if (ms === undefined) throw badDate('day');
  return dateOfMs(ms + DAY_MS);
}

/** An office-local period [from, to] (dates, both included) as UTC bounds: time ≥ fromUtc and time < toUtc. */
export interface Period {
  from?: string;
  to?: string;
  fromUtc?: string;
  toUtc?: string;
}

/** Resolves an office-local period; a missing end is open. Refuses impossible dates and an end before the start. */
export function periodOf(from: string | undefined, to: string | undefined, offsetMinutes: number): Period {
  if (from !== undefined && dateMs(from) === undefined) throw badDate('from');
  if (to !== undefined && dateMs(to) === undefined) throw badDate('to');
  if (from !== undefined && to !== undefined && to < from)
    throw errors.invalid(
      'period_reversed',
      { id: 'Tanggal akhir sebelum tanggal awal.', en: 'The end date is before the start date.' },
      [{ field: 'to', message: { id: 'Sebelum tanggal awal.', en: 'Before the start date.' } }],
    );
  return {
    ...(from !== undefined ? { from, fromUtc: localDayStart(from, offsetMinutes) } : {}),
    ...(to !== undefined ? { to, toUtc: localDayStart(nextDay(to), offsetMinutes) } : {}),
  };
}

/**
 * The summary's period: the given dates, or the office's last DEFAULT_SUMMARY_DAYS days ending today (or ending
 * at `to`, or starting at `from`); at most MAX_SUMMARY_DAYS days.
 */
export function summaryPeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
  offsetMinutes: number,
): Required<Period> {
  periodOf(from, to, offsetMinutes); // validates
  const span = (DEFAULT_SUMMARY_DAYS - 1) * DAY_MS;
  const end = to ?? (from ? dateOfMs((dateMs(from) ?? 0) + span) : localDay(now, offsetMinutes));
  const start = from ?? dateOfMs((dateMs(end) ?? 0) - span);
  if (((dateMs(end) ?? 0) - (dateMs(start) ?? 0)) / DAY_MS + 1 > MAX_SUMMARY_DAYS)
    throw errors.invalid(
      'period_too_long',
      {
        id: `Ringkasan harian paling panjang ${MAX_SUMMARY_DAYS} hari.`,
        en: `The daily summary covers at most ${MAX_SUMMARY_DAYS} days.`,
      },
      [{ field: 'to', message: { id: 'Periode terlalu panjang.', en: 'The period is too long.' } }],
    );
  return periodOf(start, end, offsetMinutes) as Required<Period>;
}

/**
 * The UTC time of day ("HH:MM") at which the office's day begins: an entry whose UTC time of day is at or after
 * it belongs to the local day after its UTC date (offset > 0), before it to the UTC date itself. "24:00" (UTC)
 * means never.
 */
export function dayBoundaryUtc(offsetMinutes: number): string {
  const m = (((1440 - offsetMinutes) % 1440) + 1440) % 1440;
  return m === 0 ? '24:00' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The local day of a group of entries keyed by their UTC date and whether they fall after the boundary. */
export function localDayOfGroup(utcDate: string, afterBoundary: boolean): string {
  return afterBoundary ? nextDay(utcDate) : utcDate;
}

/** Counts of one day. */
export interface DayCounts {
  day: string;
  dataCalls: number;
  refusals: number;
  decisions: number;
}

/** Every day of [from, to] with its counts (zero when nothing happened). */
export function daySeries(from: string, to: string, counts: readonly DayCounts[]): DayCounts[] {
  const by = new Map<string, DayCounts>();
  for (const c of counts) {
    const had = by.get(c.day);
    by.set(
      c.day,
      had
        ? {
            day: c.day,
            dataCalls: had.dataCalls + c.dataCalls,
            refusals: had.refusals + c.refusals,
            decisions: had.decisions + c.decisions,
          }
        : { ...c },
    );
  }
  const out: DayCounts[] = [];
  for (let d = from; d <= to; d = nextDay(d))
    out.push(by.get(d) ?? { day: d, dataCalls: 0, refusals: 0, decisions: 0 });
  return out;
}
