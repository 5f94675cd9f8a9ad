/**
 * Cross-feature contract (issue 13): anomaly findings counted per institution, for the control campaign's data
 * dukung and the operations dashboard. Owned by the anomalies feature (the body may change, the signature not).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** One institution's anomaly findings in the window asked for. */
export interface AnomalyCounts {
  /** Findings raised in the window. */
  total: number;
  /** Of those, still open (not yet decided by a reviewer). */
  open: number;
  /** Of those, high severity (those that suspend). */
  high: number;
  /** Of those, confirmed true by a reviewer. */
  confirmed: number;
  /** Of those, marked false positives by a reviewer. */
  falsePositive: number;
}

/**
 * Anomaly findings per institution id, raised between `from` and `to` (ISO instants, inclusive; either omitted:
 * unbounded). `institutionIds` null means every institution (pusat). Institutions without findings are absent.
 */
export async function anomalySummary(
  _db: Kysely<DB>,
  _query: { institutionIds: readonly string[] | null; from?: string; to?: string },
): Promise<Map<string, AnomalyCounts>> {
  return new Map();
}
