/**
 * Cross-feature contract (issue 13): anomaly findings counted per institution, for the control campaign's data
 * dukung and the operations dashboard. Owned by the anomalies feature (the body may change, the signature not).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { countsByInstitution } from './anomalies.repository.js';

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
  db: Kysely<DB>,
  query: { institutionIds: readonly string[] | null; from?: string; to?: string },
): Promise<Map<string, AnomalyCounts>> {
  const rows = await countsByInstitution(db, query);
  const out = new Map<string, AnomalyCounts>();
  for (const r of rows) {
    if (!r.institution_id) continue;
    out.set(r.institution_id, {
      total: Number(r.total),
      open: Number(r.open ?? 0),
      high: Number(r.high ?? 0),
      confirmed: Number(r.confirmed ?? 0),
      falsePositive: Number(r.false_positive ?? 0),
    });
  }
  return out;
}
