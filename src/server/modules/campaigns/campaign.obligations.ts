/**
 * The follow-ups (tindak lanjut) of control-campaign findings as obligations (issue 13), so the one ladder of
 * scheduler/jobs/obligations.ts reminds, warns and — more than three months overdue — sanctions as it does for
 * reports. A follow-up waiting for the office's judgement is not listed (the institution has answered); a closed
 * one is listed as fulfilled, so a sanction naming it can be lifted.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import { followUpLabel } from '../../../domain/campaigns/finding.js';
import * as repo from './campaigns.repository.js';

/** The obligation key of a finding's follow-up. */
export function followUpKey(findingId: string): string {
  return `campaign:${findingId}`;
}

/** Every follow-up owed under a PKS, as the ladder's obligations. */
export async function campaignFollowUpObligations(db: Kysely<DB> | Transaction<DB>): Promise<Obligation[]> {
  const out: Obligation[] = [];
  for (const f of await repo.findingsUnderPks(db)) {
    if (f.status === 'responded' || !f.agreement_id) continue;
    out.push({
      kind: 'campaign_follow_up',
      key: followUpKey(f.id),
      institutionId: f.institution_id,
      officeId: f.office_id,
      agreementId: f.agreement_id,
      periodStart: f.period_start,
      periodEnd: f.period_end,
      dueDate: f.due_date,
      fulfilledAt: f.status === 'closed' ? f.closed_at : null,
      label: followUpLabel(f.finding),
    });
  }
  return out;
}
