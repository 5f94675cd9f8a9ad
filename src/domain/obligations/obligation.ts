/**
 * What an institution owes after it gets access (issue 12): a semester usage report, or a data balikan delivery.
 * Each owning module lists its obligations in this one shape; the obligations job (scheduler/jobs/obligations.ts)
 * runs the one reminder → warning → sanction → reactivation ladder over all of them.
 */

/** The kinds of obligation. */
export type ObligationKind = 'semester_report' | 'data_balikan' | 'campaign_follow_up';

/** One thing owed, by one institution under one PKS, for one period. */
export interface Obligation {
  kind: ObligationKind;
  /** Stable key, unique across kinds: e.g. `report:<agreementId>:2026-1`, `balikan:<agreementId>:<duty>:2026-11`. */
  key: string;
  institutionId: string;
  officeId: string;
  agreementId: string;
  /** The period it covers, office-local dates (YYYY-MM-DD, inclusive). */
  periodStart: string;
  periodEnd: string;
  /** Office-local due date (YYYY-MM-DD): late from the day after. */
  dueDate: string;
  /** When it was fulfilled (report accepted, delivery received), ISO instant, or null while owed. */
  fulfilledAt: string | null;
  /** What is owed, in plain Indonesian, for letters and the inbox ("Laporan semester I 2026"). */
  label: string;
}
