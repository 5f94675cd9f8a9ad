/**
 * The PKS lifecycle job: on each office's local date, a scheduled PKS comes into force on its start date, a
 * running one becomes expiring 90 days before its end and expired the day after, and the 90/30-day notices are
 * recorded. Each agreement's change is one transaction: the status (only if nobody moved it meanwhile), the
 * grants following the PKS (followPks), and the system's decisions on the record.
 */
import type { Job } from '../scheduler.js';
import { lifecycleOn } from '../../../domain/agreement/lifecycle.js';
import type { PksContent } from '../../../domain/agreement/pks.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import { calendarFor } from '../../modules/calendar/calendar.service.js';
import * as agreements from '../../modules/agreements/agreement.repository.js';
import { followPks } from '../../modules/access/provisioning/follow-pks.js';
import { recordDecision } from '../../modules/access/audit/decisions.js';

const SYSTEM = { kind: 'system' } as const;

/** The PKS lifecycle over time. */
export const pksLifecycle: Job = {
  name: 'pks-lifecycle',
  async run({ deps, now, log }) {
    const rows = await agreements.lifecycleCandidates(deps.db);
    const todayOf = new Map<string, string | null>();
    let changed = 0;
    for (const a of rows) {
      if (!todayOf.has(a.office_id)) {
        try {
          todayOf.set(a.office_id, localDate(await calendarFor(deps.db, a.office_id), now));
        } catch (e) {
          log(`office ${a.office_id}: no usable calendar; its agreements wait`, e);
          todayOf.set(a.office_id, null);
        }
      }
      const today = todayOf.get(a.office_id);
      if (!today) continue;
      const sent = JSON.parse(a.notices) as string[];
      const step = lifecycleOn(
        { status: a.status, startDate: a.start_date, endDate: a.end_date, notices: sent },
        today,
      );
      if (!step) continue;
      const done = await deps.db.transaction().execute(async (trx) => {
        const moved = await agreements.updateAgreementIf(trx, a.id, a, {
          status: step.status,
          notices: JSON.stringify([...sent, ...step.notices]),
          updated_at: now.toISOString(),
        });
        if (!moved) return false;
        if (step.event) await followPks(trx, now, a.id, step.event);
        const version = await agreements.latestVersion(trx, a.id);
        const base = {
          institutionId: a.institution_id,
          pksId: a.id,
          pksVersionHash: version?.content_hash ?? null,
          elements: (JSON.parse(version?.content ?? '{"elements":[]}') as PksContent).elements,
        };
        const detail = {
          number: a.number,
          from: a.status,
          localDate: today,
          startDate: a.start_date,
          endDate: a.end_date,
        };
        const action =
          step.event === 'in_force' ? 'pks.in_force' : step.event === 'expired' ? 'pks.expired' : 'pks.expiring';
        if (step.status !== a.status)
          await recordDecision(trx, now, SYSTEM, { action, result: step.status, ...base, detail });
        for (const days of step.notices) {
          await recordDecision(trx, now, SYSTEM, {
            action: 'pks.expiry_notice',
            result: days,
            ...base,
            detail: { ...detail, days: Number(days) },
          });
        }
        return true;
      });
      if (done) changed += 1;
    }
    return changed;
  },
};
