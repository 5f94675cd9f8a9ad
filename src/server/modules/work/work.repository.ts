/** SQL of the derived work in Kotak Masuk (issue 14): the records whose state waits on somebody. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Whose records a query reads: one institution's, some offices' (and their institutions'), or all (pusat). */
export type WorkScope = { institutionId: string } | { officeIds: readonly string[] } | 'all';

/**
 * Agreements still moving through their lifecycle that run outside any case (a case's own tasks are already in
 * Kotak Masuk): not expired or terminated, and either not yet in force or in force without an approved juknis.
 */
export function agreementsOutsideCases(db: Q, scope: WorkScope) {
  let q = db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .leftJoin('applications', 'applications.id', 'agreements.application_id')
    .select([
      'agreements.id',
      'agreements.number',
      'agreements.status',
      'agreements.updated_at',
      'agreements.institution_id',
      'institutions.name as institution_name',
    ])
    .where('applications.case_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('agreements.status', 'in', ['draft', 'in_review', 'approved', 'signed']),
        eb.and([
          eb('agreements.status', 'in', ['scheduled', 'active', 'expiring']),
          eb('agreements.juknis_approved_at', 'is', null),
        ]),
      ]),
    )
    .orderBy('agreements.updated_at');
  if (scope !== 'all') {
    q =
      'institutionId' in scope
        ? q.where('agreements.institution_id', '=', scope.institutionId)
        : q.where('agreements.office_id', 'in', scope.officeIds.length ? [...scope.officeIds] : ['']);
  }
  return q.execute();
}

/** Institutions registered and waiting for their office's verification, oldest first. */
export function pendingInstitutions(db: Q, officeIds: readonly string[] | 'all') {
  let q = db
    .selectFrom('institutions')
    .select(['id', 'name', 'created_at'])
    .where('status', '=', 'pending')
    .orderBy('created_at');
  if (officeIds !== 'all') q = q.where('office_id', 'in', officeIds.length ? [...officeIds] : ['']);
  return q.execute();
}

/** Open anomaly findings decided outside any case (a review case's task is already in Kotak Masuk). */
export function openFindingsOutsideCases(db: Q, officeIds: readonly string[] | 'all') {
  let q = db
    .selectFrom('anomaly_findings')
    .leftJoin('institutions', 'institutions.id', 'anomaly_findings.institution_id')
    .select(['anomaly_findings.id', 'anomaly_findings.created_at', 'institutions.name as institution_name'])
    .where('anomaly_findings.status', '=', 'open')
    .where('anomaly_findings.case_id', 'is', null)
    .orderBy('anomaly_findings.created_at');
  if (officeIds !== 'all') q = q.where('anomaly_findings.office_id', 'in', officeIds.length ? [...officeIds] : ['']);
  return q.execute();
}
