/**
 * The periods of a data balikan duty and when each delivery is due. A period is written `2026-11` (monthly),
 * `2026-Q4` (quarterly) or `2026-2` (semester: 1 = January–June, 2 = July–December). Dates are office-local
 * calendar dates (YYYY-MM-DD).
 */
import { BULAN } from '../tanggal.js';
import type { BalikanFrequency } from './kinds.js';

/**
 * Calendar days after a period's last day by which its delivery is due: late from the day after. Ten days leaves
 * an institution the first working week and a half of the next month to gather and send the period's data.
 */
export const BALIKAN_DUE_DAYS = 10;

/** One period of a duty. */
export interface BalikanPeriod {
  frequency: BalikanFrequency;
  /** `2026-11`, `2026-Q4` or `2026-2`. */
  key: string;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

/** How the period of each frequency is written, for messages and the API's description. */
export const PERIOD_FORMATS: Readonly<Record<BalikanFrequency, string>> = {
  monthly: 'YYYY-MM (2026-11)',
  quarterly: 'YYYY-Qn (2026-Q4)',
  semester: 'YYYY-n, 1 = Januari–Juni, 2 = Juli–Desember (2026-2)',
};

const MONTHS: Readonly<Record<BalikanFrequency, number>> = { monthly: 1, quarterly: 3, semester: 6 };

function ymd(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function keyOf(frequency: BalikanFrequency, year: number, index: number): string {
  if (frequency === 'monthly') return `${year}-${String(index).padStart(2, '0')}`;
  if (frequency === 'quarterly') return `${year}-Q${index}`;
  return `${year}-${index}`;
}

function periodOf(frequency: BalikanFrequency, year: number, index: number): BalikanPeriod {
  const span = MONTHS[frequency];
  const firstMonth = (index - 1) * span + 1;
  return {
    frequency,
    key: keyOf(frequency, year, index),
    start: ymd(year, firstMonth, 1),
    // Day 0 of the month after the period: its last day.
    end: ymd(year, firstMonth + span, 0),
  };
}

/** The period a text names for a frequency, or null when it is not written that way. */
export function parsePeriod(frequency: BalikanFrequency, text: string): BalikanPeriod | null {
  const pattern = {
    monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
    quarterly: /^(\d{4})-Q([1-4])$/,
    semester: /^(\d{4})-([12])$/,
  }[frequency];
  const m = pattern.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return periodOf(frequency, year, Number(m[2]));
}

/** The period holding a date. */
export function periodContaining(frequency: BalikanFrequency, date: string): BalikanPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return periodOf(frequency, year, Math.floor((month - 1) / MONTHS[frequency]) + 1);
}

/** The period after this one. */
export function nextPeriod(p: BalikanPeriod): BalikanPeriod {
  const d = new Date(`${p.end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return periodContaining(p.frequency, d.toISOString().slice(0, 10));
}

/** The day a period's delivery is due (late from the day after). */
export function dueDateOf(p: BalikanPeriod): string {
  const d = new Date(`${p.end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + BALIKAN_DUE_DAYS);
  return d.toISOString().slice(0, 10);
}

/**
 * The periods a duty owes on `today`: every period that overlaps the PKS's run (from `start` to `end`, or open)
 * and has ended before `today`, oldest first.
 */
export function owedPeriods(
  frequency: BalikanFrequency,
  start: string,
  end: string | null,
  today: string,
): BalikanPeriod[] {
  const out: BalikanPeriod[] = [];
  // A PKS runs at most 60 months: the bound only guards against a corrupt date.
  for (let p = periodContaining(frequency, start); p.end < today && out.length < 400; p = nextPeriod(p)) {
    if (end && p.start > end) break;
    out.push(p);
  }
  return out;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "November 2026", "Triwulan IV 2026", "Semester II 2026". */
export function periodLabel(p: BalikanPeriod): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (p.frequency === 'monthly') return `${BULAN[month - 1] ?? ''} ${year}`;
  if (p.frequency === 'quarterly') return `Triwulan ${ROMAN[(month - 1) / 3] ?? ''} ${year}`;
  return `Semester ${month === 1 ? 'I' : 'II'} ${year}`;
}

/** The same period in English, for the API's bilingual texts. */
export function periodLabelEn(p: BalikanPeriod): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (p.frequency === 'monthly')
    return `${new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
  if (p.frequency === 'quarterly') return `Q${(month - 1) / 3 + 1} ${year}`;
  return `${month === 1 ? 'First' : 'Second'} semester ${year}`;
}
