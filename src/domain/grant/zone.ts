/**
 * Office time zones as fixed UTC offsets. Indonesia has no daylight saving, so WIB/WITA/WIT are constant
 * offsets and the request path can compute a local day or minute with integer arithmetic instead of Intl
 * (which costs microseconds and allocates). The accepted names are the ones the office calendar accepts.
 */

const OFFSETS: Readonly<Record<string, number>> = {
  'Asia/Jakarta': 7 * 60,
  'Asia/Pontianak': 7 * 60,
  'Asia/Makassar': 8 * 60,
  'Asia/Jayapura': 9 * 60,
  WIB: 7 * 60,
  WITA: 8 * 60,
  WIT: 9 * 60,
  UTC: 0,
};

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** The zone names accepted for grants (Indonesia's three by IANA name or abbreviation, and UTC for tests). */
export const GRANT_TIME_ZONES: readonly string[] = Object.keys(OFFSETS);

/** The zone's offset from UTC in minutes, or null for a zone that is not accepted. */
export function zoneOffsetMinutes(zone: string): number | null {
  return OFFSETS[zone] ?? null;
}

/** Local day number (days since 1970-01-01 in that zone); a cheap quota-counter key. */
export function localDayNumber(epochMs: number, offsetMinutes: number): number {
  return Math.floor((epochMs + offsetMinutes * MIN_MS) / DAY_MS);
}

/** Minutes since local midnight, 0–1439. */
export function localMinuteOfDay(epochMs: number, offsetMinutes: number): number {
  const local = epochMs + offsetMinutes * MIN_MS;
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MIN_MS);
}

/** The local date YYYY-MM-DD of an instant. */
export function localDate(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * MIN_MS).toISOString().slice(0, 10);
}

/** The instant of local midnight starting a date YYYY-MM-DD, or NaN for a malformed date. */
export function localMidnight(date: string, offsetMinutes: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 31 February over into March; a rolled date is not the date that was written.
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t - offsetMinutes * MIN_MS;
}

/** The first instant of the local day after the one containing epochMs. */
export function nextLocalMidnight(epochMs: number, offsetMinutes: number): number {
  return (localDayNumber(epochMs, offsetMinutes) + 1) * DAY_MS - offsetMinutes * MIN_MS;
}

/** Parses "HH:MM" (00:00–24:00) to minutes since midnight, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}
