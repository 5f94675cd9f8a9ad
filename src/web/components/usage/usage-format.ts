/** Pure helpers of the usage screens: periods, dates in words, gaps filled, shares of quota. */
import { BULAN, MONTHS_EN, tanggal } from '../../../domain/tanggal.js';
import type { UsageRow } from '../../api/usage';

/** The UI's two languages (kept local so this module stays free of the i18n runtime). */
type Lang = 'id' | 'en';

/** The periods the selector offers; `custom` takes two dates. */
export type UsagePeriod = 'month' | 'last30' | 'semester' | 'custom';

const SHORT_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'] as const;
const SHORT_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a calendar date written YYYY-MM-DD. */
export function isYmd(value: string | null | undefined): value is string {
  if (!value) return false;
  const m = YMD.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parts(ymd: string): [number, number, number] {
  const m = YMD.exec(ymd);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [1970, 1, 1];
}

/** The date `n` days after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(ymd: string, n: number): string {
  const [y, m, d] = parts(ymd);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted (0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  const diff = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
  return Math.max(0, diff + 1);
}

/**
 * The dates of a period ending today (the office's today, as the server counts it): this month so far, the last 30
 * days, or this semester so far (January–June or July–December).
 */
export function periodRange(period: Exclude<UsagePeriod, 'custom'>, today: string): { from: string; to: string } {
  const [y, m] = parts(today);
  const mm = String(m).padStart(2, '0');
  if (period === 'month') return { from: `${y}-${mm}-01`, to: today };
  if (period === 'semester') return { from: m <= 6 ? `${y}-01-01` : `${y}-07-01`, to: today };
  return { from: addDays(today, -29), to: today };
}

/** "1 Desember 2026" / "1 December 2026" for a YYYY-MM-DD date. */
export function longDate(ymd: string, lang: Lang): string {
  if (!isYmd(ymd)) return ymd;
  if (lang === 'id') return tanggal(ymd);
  const [y, m, d] = parts(ymd);
  return `${d} ${MONTHS_EN[m - 1] ?? ''} ${y}`;
}

/** "1 Des" / "1 Dec": a day on a chart's axis. */
export function shortDate(ymd: string, lang: Lang): string {
  if (!isYmd(ymd)) return ymd;
  const [, m, d] = parts(ymd);
  return `${d} ${(lang === 'id' ? SHORT_ID : SHORT_EN)[m - 1] ?? ''}`;
}

/** "Desember 2026" / "December 2026" for a YYYY-MM month. */
export function monthName(ym: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const name = (lang === 'id' ? BULAN : MONTHS_EN)[Number(m[2]) - 1];
  return name ? `${name} ${m[1]}` : ym;
}

/** "1 – 30 November 2026"-style period text: both ends in words. */
export function periodText(from: string, to: string, lang: Lang): string {
  return from === to ? longDate(from, lang) : `${longDate(from, lang)} – ${longDate(to, lang)}`;
}

/** A count with the language's digit grouping: "12.345" / "12,345". */
export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(n);
}

/** One day of the calls-per-day chart. */
export interface DayPoint {
  day: string;
  calls: number;
  answered: number;
  refused: number;
}

/**
 * Every day of the period in order, days without calls as zero (the ledger has rows only for days with calls);
 * rows outside the period are left out.
 */
export function fillDays(rows: readonly UsageRow[], from: string, to: string): DayPoint[] {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  const n = Math.min(daysInclusive(from, to), 1000); // a period is at most a few hundred days; guard a typo
  const out: DayPoint[] = [];
  for (let i = 0; i < n; i++) {
    const day = addDays(from, i);
    const r = byDay.get(day);
    out.push({ day, calls: r?.calls ?? 0, answered: r?.answered ?? 0, refused: r?.refused ?? 0 });
  }
  return out;
}

/**
 * The part of its quota an institution used over a period: calls over (daily limit × days). Null when the quota is
 * unlimited or unknown, or the period is empty.
 */
export function quotaShare(calls: number, dailyLimit: number | null | undefined, days: number): number | null {
  if (dailyLimit === null || dailyLimit === undefined || dailyLimit <= 0 || days <= 0) return null;
  return calls / (dailyLimit * days);
}

/** The refusals of by=result rows, most frequent first (result codes that answered only are left out). */
export function refusalRows(rows: readonly UsageRow[]): { key: string; label: string; count: number }[] {
  return rows
    .filter((r) => r.refused > 0)
    .map((r) => ({ key: r.key, label: r.label, count: r.refused }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The `n` rows with the most calls, most first (ties by label). */
export function topByCalls<T extends Pick<UsageRow, 'calls' | 'label'>>(rows: readonly T[], n: number): T[] {
  return [...rows].sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label)).slice(0, Math.max(0, n));
}

/** Whether a daily quota belongs on the calls chart's scale: when the busiest day reached a fifth of it. */
export function quotaOnScale(peak: number, limit: number | null | undefined): boolean {
  if (limit === null || limit === undefined || limit <= 0) return false;
  return peak >= limit / 5;
}

/** Whether a series rose, fell or held: the mean of its last third against the mean of its first third (±10 %). */
export function trendOf(values: readonly number[]): 'up' | 'down' | 'flat' {
  if (values.length < 3) return 'flat';
  const third = Math.max(1, Math.floor(values.length / 3));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(values.slice(0, third));
  const last = mean(values.slice(-third));
  if (first === 0 && last === 0) return 'flat';
  if (last > first * 1.1) return 'up';
  if (last < first * 0.9) return 'down';
  return 'flat';
}

/** A 0–1 share as a percentage: "17%", "2,5%" below a tenth, "< 0,1%" for a little above nothing, "—" for none. */
export function formatShare(rate: number | null, lang: Lang): string {
  if (rate === null || Number.isNaN(rate)) return '—';
  const fmt = (r: number, digits: number) =>
    new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      style: 'percent',
      maximumFractionDigits: digits,
    }).format(r);
  if (rate > 0 && rate < 0.001) return `< ${fmt(0.001, 1)}`;
  return fmt(rate, rate < 0.1 ? 1 : 0);
}
