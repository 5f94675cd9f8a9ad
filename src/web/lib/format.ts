import type { Lang } from '../i18n';
import { tanggalIn } from '../../domain/tanggal.js';

/** Minutes in one full office day (08:00–16:00), as the server measures working time. */
export const WORKING_DAY_MINUTES = 480;

/**
 * Working minutes as "2 hari 3 jam 5 menit" / "2 days 3 h 5 min": days of 480 working minutes, then hours and
 * minutes; zero parts are left out.
 */
export function formatWorkingMinutes(minutes: number | null | undefined, lang: Lang): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return '—';
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / WORKING_DAY_MINUTES);
  const hours = Math.floor((total % WORKING_DAY_MINUTES) / 60);
  const mins = total % 60;
  const units =
    lang === 'id'
      ? { d: ' hari', h: ' jam', m: ' menit' }
      : { d: days === 1 ? ' working day' : ' working days', h: ' h', m: ' min' };
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}${units.d}`);
  if (hours > 0) parts.push(`${hours}${units.h}`);
  if (mins > 0 || parts.length === 0) parts.push(`${mins}${units.m}`);
  return parts.join(' ');
}

function locale(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}

/** The zone times are shown in when a caller names none: the signed-in user's office (set by RequireAuth). */
let displayZone = 'Asia/Jakarta';

/** Sets the office time zone dates and times are shown in (RequireAuth calls it with the session's zone). */
export function setDisplayTimeZone(timeZone: string | null | undefined): void {
  displayZone = timeZone && isZone(timeZone) ? timeZone : 'Asia/Jakarta';
}

/** The zone dates and times are currently shown in. */
export function displayTimeZone(): string {
  return displayZone;
}

function isZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Indonesia's three zones by their names; other zones go by their UTC offset. */
const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The UTC offset of a zone at an instant, in minutes. */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The short name of an office's time zone as Indonesians write it after a time: WIB (Asia/Jakarta, Asia/Pontianak),
 * WITA (Asia/Makassar), WIT (Asia/Jayapura); a zone with the same offset under another name takes that name too
 * (UTC+7 WIB, +8 WITA, +9 WIT); anything else "UTC+5.30".
 */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const named = ZONE_NAMES[timeZone];
  if (named) return named;
  if (!isZone(timeZone)) return 'WIB';
  const offset = offsetMinutes(timeZone, at);
  const byOffset: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };
  if (byOffset[offset]) return byOffset[offset];
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `.${String(m).padStart(2, '0')}` : ''}`;
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A calendar date in words: "1 Januari 2017" / "1 January 2017". A plain date (YYYY-MM-DD) is that day; an instant
 * is the day it was in the office's zone.
 */
export function formatDate(iso: string | null | undefined, lang: Lang, timeZone: string = displayZone): string {
  if (!iso) return '—';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) && !parse(iso)) return iso;
  return tanggalIn(iso, lang, timeZone);
}

/** The time of day of an instant with the office's zone: "14.05 WIB" (Indonesian) / "14:05 WIB" (English). */
export function formatTime(iso: string | null | undefined, lang: Lang, timeZone: string = displayZone): string {
  if (!iso) return '—';
  const date = parse(iso);
  if (!date) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const hh = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const mm = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hh}${lang === 'id' ? '.' : ':'}${mm} ${zoneAbbreviation(timeZone, date)}`;
}

/** A moment in the office's zone: "1 Januari 2017 14.05 WIB" / "1 January 2017 14:05 WIB". */
export function formatDateTime(iso: string | null | undefined, lang: Lang, timeZone: string = displayZone): string {
  if (!iso) return '—';
  if (!parse(iso)) return iso;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso, lang, timeZone);
  return `${formatDate(iso, lang, timeZone)} ${formatTime(iso, lang, timeZone)}`;
}

/** A calendar date (YYYY-MM-DD) as formatDate, an instant as formatDateTime. */
export function formatWhen(iso: string | null | undefined, lang: Lang, timeZone: string = displayZone): string {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso, lang, timeZone) : formatDateTime(iso, lang, timeZone);
}

/** A period of two dates: "1 Januari 2017 – 31 Januari 2017". */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined, lang: Lang): string {
  return `${formatDate(from, lang)} – ${formatDate(to, lang)}`;
}

/** Units of a duration, singular and plural, in both languages. */
const DURATION_UNITS: Record<Lang, Record<DurationUnit, [string, string]>> = {
  id: {
    working_days: ['hari kerja', 'hari kerja'],
    days: ['hari', 'hari'],
    hours: ['jam', 'jam'],
    minutes: ['menit', 'menit'],
    months: ['bulan', 'bulan'],
    years: ['tahun', 'tahun'],
  },
  en: {
    working_days: ['working day', 'working days'],
    days: ['day', 'days'],
    hours: ['hour', 'hours'],
    minutes: ['minute', 'minutes'],
    months: ['month', 'months'],
    years: ['year', 'years'],
  },
};

/** The units formatDuration knows. */
export type DurationUnit = 'working_days' | 'days' | 'hours' | 'minutes' | 'months' | 'years';

/** A count of a unit in words: (3, 'working_days') → "3 hari kerja" / "3 working days". */
export function formatDuration(count: number, unit: DurationUnit, lang: Lang): string {
  const [one, many] = DURATION_UNITS[lang][unit];
  const n = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(count);
  return `${n} ${count === 1 ? one : many}`;
}

/** Indonesian duration words the server and the SOP sheets write, and their unit ("hari" alone: see below). */
const ID_DURATION_WORDS: [RegExp, DurationUnit | 'hari'][] = [
  [/^hari\s+kerja$/i, 'working_days'],
  [/^hk$/i, 'working_days'],
  [/^hari\s+kalender$/i, 'days'],
  [/^hari$/i, 'hari'],
  [/^jam$/i, 'hours'],
  [/^menit$/i, 'minutes'],
  [/^bulan$/i, 'months'],
  [/^tahun$/i, 'years'],
];

const DURATION_PART =
  /(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(\d+(?:[.,]\d+)?))?\s+(hari\s+kerja|hari\s+kalender|hari|hk|jam|menit|bulan|tahun)\b/giy;

/**
 * A duration the server sends as Indonesian text ("3 hari kerja", "2 jam", "3-5 hari", "1 hari 3 jam") in English;
 * Indonesian, and text that is not such a duration, come back unchanged. A plain "hari" in an SOP counts working days
 * unless the SOP says calendar days (`hari: kalender`), as the SLA clock counts it.
 */
export function translateDuration(
  text: string | null | undefined,
  lang: Lang,
  hariMeans: 'kerja' | 'kalender' = 'kerja',
): string {
  if (!text) return text ?? '';
  if (lang === 'id') return text; // The SOP's own words.
  const source = text.trim();
  const parts: string[] = [];
  DURATION_PART.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(source);
    if (!m) return text;
    const word = ID_DURATION_WORDS.find(([re]) => re.test(m[3] ?? ''))?.[1];
    if (!word) return text;
    const unit: DurationUnit = word === 'hari' ? (hariMeans === 'kerja' ? 'working_days' : 'days') : word;
    const from = Number((m[1] ?? '0').replace(',', '.'));
    if (m[2]) {
      const to = Number(m[2].replace(',', '.'));
      const [, many] = DURATION_UNITS[lang][unit];
      const n = (x: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(x);
      parts.push(`${n(from)}–${n(to)} ${many}`);
    } else {
      parts.push(formatDuration(from, unit, lang));
    }
    at = DURATION_PART.lastIndex;
    while (at < source.length && /[\s,]/.test(source[at] ?? '')) at += 1;
  }
  return parts.length ? parts.join(' ') : text;
}

/** A byte count as "125 B", "2,3 KB", "1,2 MB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const fmt = (n: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}

/** A 0–1 rate as a percentage. */
export function formatRate(rate: number | null | undefined, lang: Lang): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
