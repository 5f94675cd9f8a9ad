/** Pure helpers of the operations dashboard: durations, clock times and rates in the reader's language. */
import type { Lang } from '../../i18n';
import { displayTimeZone } from '../../lib/format';

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** A duration in milliseconds as "0,8 md", "12 md", "1,5 dtk" ("ms", "s" in English); "—" for none. */
export function formatMs(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  const n = (v: number, digits: number) =>
    new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(v);
  if (ms >= 1000) return `${n(ms / 1000, 1)} ${lang === 'id' ? 'dtk' : 's'}`;
  return `${n(ms, ms < 10 ? 1 : 0)} ${lang === 'id' ? 'md' : 'ms'}`;
}

/** A rate per second with up to two decimals: "0,25". */
export function formatRatePerSecond(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(n);
}

/** A clock time on the office's clock (the zone lib/format.ts shows times in), "21.35.10" / "21:35:10". */
export function clockTime(iso: string, lang: Lang, timeZone: string = displayTimeZone()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(d);
}

/** A job's name in words when the dashboard knows it, else its name with dashes as spaces. */
export function jobName(job: string, known: Readonly<Record<string, string>>): string {
  return known[job] ?? job.replace(/[-_]/g, ' ');
}
