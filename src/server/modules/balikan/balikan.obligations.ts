/** The data balikan deliveries owed (issue 12), as obligations for the ladder (scheduler/jobs/obligations.ts). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import { obligationLabel, trackDuty, type DeliveryFact } from '../../../domain/balikan/tracking.js';
import { agreementsInForce, deliveryFacts } from './balikan.repository.js';
import { officeToday } from './balikan.time.js';

/** Every data balikan delivery owed up to `now` (fulfilled or not), for every PKS with a data balikan duty. */
export async function dataBalikanObligations(db: Kysely<DB>, now: Date): Promise<Obligation[]> {
  const agreements = (await agreementsInForce(db)).filter((a) => a.duties.length > 0);
  if (!agreements.length) return [];
  const byAgreement = new Map<string, DeliveryFact[]>();
  for (const f of await deliveryFacts(db)) {
    const list = byAgreement.get(f.agreement_id) ?? [];
    list.push({
      id: f.id,
      kind: f.kind,
      period: f.period,
      submittedAt: f.submitted_at,
      goodRows: f.good_rows,
      supersededBy: f.superseded_by,
    });
    byAgreement.set(f.agreement_id, list);
  }
  const out: Obligation[] = [];
  for (const a of agreements) {
    const today = officeToday(a.timezone, now);
    for (const duty of a.duties) {
      for (const p of trackDuty(duty, a, today, byAgreement.get(a.id) ?? [])) {
        out.push({
          kind: 'data_balikan',
          key: `balikan:${a.id}:${duty.kind}:${p.period.key}`,
          institutionId: a.institutionId,
          officeId: a.officeId,
          agreementId: a.id,
          periodStart: p.period.start,
          periodEnd: p.period.end,
          dueDate: p.dueDate,
          fulfilledAt: p.fulfilledAt,
          label: obligationLabel(duty, p.period),
        });
      }
    }
  }
  return out;
}
