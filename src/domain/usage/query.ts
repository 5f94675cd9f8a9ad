/**
 * The usage API's pure parts: the period asked for (office-local dates, both included), the series of days or
 * months a chart needs, plain-Indonesian labels, and the CSV export (cells neutralised against formula injection).
 */
import { errors, type Message } from '../errors.js';
import { localDay } from '../audit/oversight.js';
import { BULAN, tanggal } from '../tanggal.js';
import { isResponseCode, RESPON } from '../dukcapil/codes.js';
import type { DataChannel } from '../audit/actions.js';

/** The groupings of GET /api/access/usage. */
export const USAGE_BY = ['day', 'month', 'element', 'channel', 'result', 'operator', 'institution'] as const;
export type UsageBy = (typeof USAGE_BY)[number];

/** The period when none is given: the last 30 days, today included. */
export const DEFAULT_USAGE_DAYS = 30;
/** The longest period one request may ask for. */
export const MAX_USAGE_DAYS = 400;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateMs(d: string): number | undefined {
  if (!DATE.test(d)) return undefined;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== d ? undefined : ms;
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function badDate(field: 'from' | 'to') {
  return errors.invalid('invalid_date', { id: 'Tanggal tidak valid.', en: 'Not a valid date.' }, [
    { field, message: { id: 'Gunakan tanggal yang ada (TTTT-BB-HH).', en: 'Use a real date (YYYY-MM-DD).' } },
  ]);
}

/** The period [from, to] asked for, defaulted and checked; `today` is the viewer's office-local date. */
export function usagePeriod(
  from: string | undefined,
  to: string | undefined,
  today: string,
): { from: string; to: string } {
  const f = from === undefined ? undefined : dateMs(from);
  const t = to === undefined ? undefined : dateMs(to);
  if (from !== undefined && f === undefined) throw badDate('from');
  if (to !== undefined && t === undefined) throw badDate('to');
  const span = (DEFAULT_USAGE_DAYS - 1) * DAY_MS;
  const end = t ?? (f !== undefined ? f + span : (dateMs(today) as number));
  const start = f ?? end - span;
  if (end < start)
    throw errors.invalid(
      'period_reversed',
      { id: 'Tanggal akhir sebelum tanggal awal.', en: 'The end date is before the start date.' },
      [{ field: 'to', message: { id: 'Sebelum tanggal awal.', en: 'Before the start date.' } }],
    );
  if ((end - start) / DAY_MS + 1 > MAX_USAGE_DAYS)
    throw errors.invalid(
      'period_too_long',
      {
        id: `Periode paling panjang ${MAX_USAGE_DAYS} hari.`,
        en: `The period may be at most ${MAX_USAGE_DAYS} days.`,
      },
      [{ field: 'to', message: { id: 'Periode terlalu panjang.', en: 'The period is too long.' } }],
    );
  return { from: dateOf(start), to: dateOf(end) };
}

/** Today's office-local date at `now`. */
export function todayAt(now: Date, offsetMinutes: number): string {
  return localDay(now, offsetMinutes);
}

/** Every day of [from, to]. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = dateMs(from) as number, end = dateMs(to) as number; ms <= end; ms += DAY_MS) out.push(dateOf(ms));
  return out;
}

/** Every month (YYYY-MM) touched by [from, to]. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** "Desember 2026" for "2026-12". */
export function bulan(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${BULAN[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}

/** "1 Desember 2026" for a date. */
export function hari(day: string): string {
  return tanggal(day);
}

/** The channels' plain names. */
export const CHANNEL_NAMES: Readonly<Record<DataChannel, Message>> = {
  web_service: { id: 'Web service (kompatibel Dukcapil)', en: 'Web service (Dukcapil-compatible)' },
  v1: { id: 'API v1', en: 'API v1' },
  card_reader: { id: 'Pembaca KTP-el', en: 'e-KTP card reader' },
  web_portal: { id: 'Portal web', en: 'Web portal' },
};

/** Refusal reasons recorded without a Dukcapil code, in plain words. */
const REASONS: Readonly<Record<string, string>> = {
  no_portal_access: 'Tidak punya akses portal',
  device_unknown: 'Perangkat tidak dikenal',
  signature_invalid: 'Tanda tangan perangkat tidak sah',
  stale: 'Waktu pembacaan di luar batas',
  replay: 'Pembacaan diulang',
  fingerprint_mismatch: 'Sidik jari tidak cocok dengan kartu',
  nik_invalid: 'NIK tidak sah',
  invalid: 'Permintaan tidak lengkap',
  unreadable_body: 'Permintaan tidak terbaca',
};

/** The plain label of a result code: the RESPON text, or the refusal reason in words. */
export function resultLabel(code: string): string {
  if (isResponseCode(code)) return RESPON[code].id;
  return REASONS[code] ?? `Ditolak (${code.replace(/_/g, ' ')})`;
}

/** A CSV cell: quoted when needed, and a leading = + - @ (or tab/CR) neutralised so no spreadsheet runs it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV document: a header line and one line per row, CRLF-separated. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
