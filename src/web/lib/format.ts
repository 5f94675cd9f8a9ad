import type { Lang } from '../i18n';

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
    lang === 'id' ? { d: ' hari', h: ' jam', m: ' menit' } : { d: days === 1 ? ' day' : ' days', h: ' h', m: ' min' };
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}${units.d}`);
  if (hours > 0) parts.push(`${hours}${units.h}`);
  if (mins > 0 || parts.length === 0) parts.push(`${mins}${units.m}`);
  return parts.join(' ');
}

function locale(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}

/** A moment in the browser's local time, e.g. "24 Nov 2026, 18.34". */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date in local time, e.g. "19 Sep 2022". */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(date);
}

/** A calendar date (YYYY-MM-DD) as formatDate, an instant as formatDateTime. */
export function formatWhen(iso: string | null | undefined, lang: Lang): string {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso, lang) : formatDateTime(iso, lang);
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
