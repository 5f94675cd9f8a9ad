/**
 * Cross-feature contract (issue 13): a finding raised from outside the detector — a resident who does not
 * recognise an access to their data — becomes a finding for the institution's office, reviewed like the
 * detector's (a review task in the office's Kotak Masuk). Owned by the anomalies feature (the body may change,
 * the signature not).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A finding reported from outside the detector. */
export interface ReportedFinding {
  /** Who raised it: a resident through the public page. */
  source: 'resident_report';
  /** The institution whose access is questioned; its office reviews the finding. */
  institutionId: string;
  /** The audit entry (its id) the report is about. */
  auditEntryId: string;
  /** The resident report's own id (resident view feature), for the reviewer to open. */
  reportId: string;
  /** The resident's words, already validated by the caller (plain text, bounded). Never the NIK. */
  summary: string;
  now: Date;
}

/**
 * Opens the finding in the caller's transaction (its row, and the review task of the institution's office).
 * Returns the finding's id.
 */
export async function openReportedFinding(_trx: Kysely<DB>, _finding: ReportedFinding): Promise<string> {
  return '';
}

/**
 * Opens the review of a finding the detector just raised (a case on the office's anomaly-review SOP, a task in its
 * Kotak Masuk, a notice to the institution) — in the detector's transaction that inserted the finding and
 * suspended its subject. Owned by the review feature.
 */
export async function openFindingReview(_trx: Kysely<DB>, _findingId: string, _now: Date): Promise<void> {}
