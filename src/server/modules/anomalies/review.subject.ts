/**
 * The owner of an anomaly-review case's subject (issue 13): the case runs on the office's anomaly-review SOP and
 * its declared action — anomaly.decide — is done by the reviewer's decision recorded on the finding
 * (anomalies.service.ts decide), which completes the step in its own transaction. The case can end well only
 * with the finding decided, whatever the SOP says.
 */
import type { Transaction } from 'kysely';
import type { CaseTable, DB } from '../../db/schema.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { registerSubject } from '../cases/subjects.js';
import * as repo from './anomalies.repository.js';

/** The subject kind of a finding's review case. */
export const FINDING_SUBJECT = 'anomaly_finding';

async function findingOf(trx: Transaction<DB>, kase: CaseTable) {
  const f = kase.subject_id ? await repo.findFinding(trx, kase.subject_id) : undefined;
  if (!f) throw errors.notFound({ id: 'Temuan anomali', en: 'Anomaly finding' });
  return f;
}

function undecided() {
  return new DomainError('conflict', 'minimum_not_met', {
    id: 'Peninjauan belum dapat selesai: temuan belum diputuskan.',
    en: 'The review cannot end: the finding is not decided.',
  });
}

registerSubject(FINDING_SUBJECT, {
  async verify(trx, kase) {
    const f = await findingOf(trx, kase);
    // Bound to this very case, office and institution: a forged case names someone else's finding.
    if (f.case_id !== kase.id || f.office_id !== kase.office_id || f.institution_id !== kase.institution_id)
      throw errors.forbidden();
  },
  async letterData() {
    return { data: {}, agreementId: null };
  },
  async act(ctx, word) {
    const f = await findingOf(ctx.trx, ctx.kase);
    if (word !== 'anomaly.decide')
      throw errors.conflict('action_not_for_finding', {
        id: `Aksi ${word} tidak berlaku untuk temuan anomali.`,
        en: `Action ${word} does not apply to an anomaly finding.`,
      });
    // Done by the decision itself (anomalies.service.ts decide), never by completing the task alone.
    if (f.status === 'open')
      throw errors.conflict('completed_by_decision', {
        id: 'Langkah ini selesai dengan mencatat keputusan pada halaman temuan anomali.',
        en: "This step is completed by recording the decision on the finding's page.",
      });
    return [];
  },
  async ended(ctx, outcome) {
    const f = await findingOf(ctx.trx, ctx.kase);
    if (outcome === 'selesai' && f.status === 'open') throw undecided();
  },
});
