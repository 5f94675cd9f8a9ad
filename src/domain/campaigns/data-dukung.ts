/**
 * The data dukung of a control campaign (issue 13): what Gerbang knows about one institution over the campaign's
 * period, prepared by the campaigns service and frozen with the campaign, so the visit and the report rest on the
 * figures as they were. Pure shapes and the small rules over them.
 */
import type { PksStatus } from '../agreement/pks.js';
import type { AccessMethod, Environment, GrantStatus, RegistrationStatus } from '../grant/grant.js';
import type { Obligation } from '../obligations/obligation.js';

/** One obligation that was (or still is) late in the period. */
export interface LateItem {
  label: string;
  dueDate: string;
  /** Office-local date it was met, or null while still owed. */
  fulfilledOn: string | null;
  daysLate: number;
}

/** What Gerbang knows of one institution for a campaign. */
export interface DataDukung {
  institutionId: string;
  name: string;
  officeName: string;
  period: { from: string; to: string };
  /** The office-local date the figures were taken. */
  preparedOn: string;
  agreements: { id: string; number: string; status: PksStatus; startDate: string | null; endDate: string | null }[];
  usage: {
    calls: number;
    answered: number;
    refused: number;
    byChannel: Record<string, number>;
    refusalsByReason: Record<string, number>;
    residentsServed: number;
  };
  anomalies: { total: number; open: number; high: number; confirmed: number; falsePositive: number };
  lateReports: LateItem[];
  lateBalikan: LateItem[];
  /** Warning letters of the obligations ladder sent in the period. */
  warnings: number;
  /** PKS ending within EXPIRY_WINDOW_DAYS of the preparation date (or already ended in the period). */
  pksExpiring: { number: string; endDate: string; daysLeft: number }[];
  operators: { name: string; status: RegistrationStatus }[];
  credentials: { label: string; kind: AccessMethod; environment: Environment; status: GrantStatus }[];
  devices: { serial: string; status: RegistrationStatus }[];
  ipRanges: string[];
}

/** Days ahead a PKS's end counts as expiring. */
export const EXPIRY_WINDOW_DAYS = 90;

/** Whole days from a to b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The obligations late in a period: due within it (or before it and still owed), and met after their due date
 * or not yet met by `today`. `fulfilledOn` is the office-local date it was met.
 */
export function lateIn(
  obligations: readonly (Pick<Obligation, 'label' | 'dueDate'> & { fulfilledOn: string | null })[],
  period: { from: string; to: string },
  today: string,
): LateItem[] {
  const out: LateItem[] = [];
  for (const o of obligations) {
    if (o.dueDate > period.to || o.dueDate >= today) continue;
    const stillOwed = o.fulfilledOn === null;
    const metLateInPeriod = !stillOwed && o.dueDate >= period.from && (o.fulfilledOn ?? '') > o.dueDate;
    if (!stillOwed && !metLateInPeriod) continue;
    out.push({
      label: o.label,
      dueDate: o.dueDate,
      fulfilledOn: o.fulfilledOn,
      daysLate: daysBetween(o.dueDate, o.fulfilledOn ?? today),
    });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
