/**
 * The ladder's overview (issue 12): per office and nationally, which institutions are due, late, warned,
 * sanctioned and reactivated — for the office (its institutions and those below) and pusat (all).
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import { isOverdue, standingOf, type LadderState } from '../../../domain/reports/ladder.js';
import { dataBalikanObligations } from '../balikan/balikan.obligations.js';
import { campaignFollowUpObligations } from '../campaigns/campaign.obligations.js';
import { OfficeDates, owedReports } from './report.obligations.js';
import { officesUnder } from './reports.service.js';
import * as repo from './reports.repository.js';

type State = LadderState;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const zero = () => ({ institutions: 0, due: 0, late: 0, warned: 0, sanctioned: 0, reactivated: 0, accepted: 0 });

/** The overview in the actor's scope. */
export async function overview(deps: Pick<Deps, 'db' | 'now'>, actor: Actor) {
  if (actor.orgKind !== 'office') throw errors.forbidden();
  const now = deps.now();
  const scope = actor.atPusat ? null : new Set(await officesUnder(deps.db, actor.orgId));
  const agreements = await repo.reportingAgreements(deps.db, scope ? { officeIds: [...scope] } : {});
  const dates = new OfficeDates(deps.db, now);
  const reports = await owedReports(deps.db, agreements, dates);
  const balikan = (await dataBalikanObligations(deps.db, now)).filter((o) => !scope || scope.has(o.officeId));
  // Control-campaign follow-ups owed (issue 13) are on the same ladder.
  const followUps = (await campaignFollowUpObligations(deps.db)).filter((o) => !scope || scope.has(o.officeId));
  const obligations: Obligation[] = [...reports.map((r) => r.obligation), ...balikan, ...followUps];
  const institutionIds = [
    ...new Set([
      ...agreements.map((a) => a.institution_id),
      ...balikan.map((b) => b.institutionId),
      ...followUps.map((f) => f.institutionId),
    ]),
  ];
  const institutions = await repo.institutionsByIds(deps.db, institutionIds);
  const sanctions = await repo.sanctionsOf(deps.db, institutionIds);
  const warned = new Set(
    (await repo.stepsTaken(deps.db, institutionIds)).filter((s) => s.step === 'warning').map((s) => s.obligation_key),
  );
  const officeNames = new Map((await repo.officeTree(deps.db)).map((o) => [o.id, o.name]));
  const offices = new Map<string, ReturnType<typeof zero>>();
  const totals = zero();
  const list = [];
  for (const inst of institutions) {
    const own = obligations.filter((o) => o.institutionId === inst.id);
    const today = (await dates.of(inst.office_id)) ?? now.toISOString().slice(0, 10);
    const overdue = own.filter((o) => isOverdue(o, today));
    const due = own.filter((o) => {
      const s = standingOf(o, today);
      return s === 'due_soon' || s === 'due_today' || (s === 'upcoming' && o.periodEnd < today);
    });
    const open = sanctions.find((s) => s.institution_id === inst.id && s.lifted_at === null);
    const lifted = sanctions.filter((s) => s.institution_id === inst.id && s.lifted_at !== null).at(-1);
    const state: State = open
      ? 'sanctioned'
      : overdue.some((o) => warned.has(o.key))
        ? 'warned'
        : overdue.length
          ? 'late'
          : due.length
            ? 'due'
            : lifted
              ? 'reactivated'
              : 'good';
    const counter = offices.get(inst.office_id) ?? zero();
    offices.set(inst.office_id, counter);
    const accepted = reports.filter(
      (r) => r.agreement.institution_id === inst.id && r.report?.status === 'accepted',
    ).length;
    for (const c of [counter, totals]) {
      c.institutions += 1;
      if (due.length) c.due += 1;
      if (overdue.length) c.late += 1;
      if (overdue.some((o) => warned.has(o.key))) c.warned += 1;
      if (open) c.sanctioned += 1;
      if (lifted && !open) c.reactivated += 1;
      c.accepted += accepted;
    }
    list.push({
      id: inst.id,
      name: inst.name,
      office: { id: inst.office_id, name: officeNames.get(inst.office_id) ?? '' },
      state,
      overdue: overdue.map((o) => ({ label: o.label, dueDate: o.dueDate, daysLate: daysBetween(o.dueDate, today) })),
      sanctionedOn: open?.imposed_on ?? null,
      sanctionLetterId: open?.letter_id ?? null,
      reactivatedOn: !open && lifted ? lifted.lifted_on : null,
      reactivationLetterId: !open && lifted ? lifted.lift_letter_id : null,
    });
  }
  const rank: Record<State, number> = { sanctioned: 0, warned: 1, late: 2, due: 3, reactivated: 4, good: 5 };
  list.sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
  return {
    totals,
    offices: [...offices.entries()]
      .map(([id, c]) => ({ id, name: officeNames.get(id) ?? '', ...c }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    institutions: list,
  };
}
