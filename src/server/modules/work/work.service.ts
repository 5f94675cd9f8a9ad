/**
 * Work finds people (issue 14): the work that waits on a user but is not a case task — the lifecycle steps of a PKS
 * made outside any case, institutions to verify, semester reports and data balikan the institution owes, anomaly
 * findings decided outside a review case. Kotak Masuk (cases/case.service.ts `inbox`) lists these beside the case
 * tasks; the counts of the menu and the home page are made of that same list (`summaryOf`).
 *
 * Nothing here decides who may act: each kind asks the module that owns the rule (the agreement's lifecycle, the
 * finding's reviewer, the report's submitter), so a derived item appears exactly when its page offers the action.
 */
import type { Deps } from '../../deps.js';
import { can, type Actor } from '../../../domain/authz.js';
import type { SlaState } from '../../../domain/sla.js';
import {
  dueState,
  endOfDay,
  summarize,
  type WorkAction,
  type WorkSource,
  type WorkSummary,
} from '../../../domain/work.js';
import { findInstitution, findOffice, officeDescendants } from '../directory/directory.repository.js';
import { zoneOffsetMinutes } from '../../../domain/grant/zone.js';
import { pendingLifecycleSteps, type AgreementAction } from '../agreements/agreement.service.js';
import { listReports } from '../reports/reports.service.js';
import { duties } from '../balikan/balikan.service.js';
import { getFinding } from '../anomalies/anomalies.service.js';
import * as repo from './work.repository.js';

type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

/** Words in both languages. */
export interface Words {
  id: string;
  en: string;
}

/** One item of derived work, in the fields every Kotak Masuk item carries. */
export interface WorkItem {
  /** Stable for the same work: kind, record and step. */
  id: string;
  source: WorkSource;
  action: WorkAction;
  /** The institution the work is about. */
  institution: string | null;
  /** Its number (the PKS's, the case's), if it has one. */
  reference: string | null;
  /** More about what: the semester, the data balikan's kind and period, the finding's rule. */
  detail: Words | null;
  /** The page where the work is done. */
  link: string;
  /** Since when it waits. */
  openedAt: string;
  deadlineAt: string | null;
  sla: SlaState;
}

/** A Kotak Masuk item: derived work, or a case task with its case and step (null for derived work). */
export interface InboxEntry extends WorkItem {
  taskId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseTitle: string | null;
  sopCode: string | null;
  sopName: string | null;
  stepId: string | null;
  no: string | null;
  kegiatan: string | null;
  role: string | null;
  via: string | null;
  reason: string | null;
  targetAt: string | null;
}

const LIFECYCLE_ACTION: Record<Exclude<AgreementAction, 'terminate'>, WorkAction> = {
  submit: 'pks_submit',
  approve: 'pks_approve',
  sign: 'pks_sign',
  activate: 'pks_activate',
  approve_juknis: 'juknis_approve',
};

/** Roles of an institution that draft and submit its reports and deliver its data balikan. */
const INSTITUTION_FILERS = ['pimpinan', 'admin'];

/** The office ids an office actor's work covers: pusat all, an office its own and those below it. */
async function officeScope(deps: Ctx, actor: Actor): Promise<readonly string[] | 'all'> {
  return actor.atPusat ? 'all' : officeDescendants(deps.db, actor.orgId);
}

/** The UTC offset, in hours, of the zone the institution's office keeps (WIB, WITA, WIT): its due dates end there. */
async function institutionOffsetHours(deps: Ctx, institutionId: string): Promise<number> {
  const inst = await findInstitution(deps.db, institutionId);
  const office = inst ? await findOffice(deps.db, inst.office_id) : undefined;
  return (zoneOffsetMinutes(office?.timezone ?? 'Asia/Jakarta') ?? 7 * 60) / 60;
}

/** The office-local date of now, for periods counted in whole days. */
function todayOf(now: Date, offsetHours: number): string {
  return new Date(now.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

async function agreementWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  const offices = actor.orgKind === 'office' ? await officeScope(deps, actor) : null;
  const scope: repo.WorkScope =
    actor.orgKind === 'institution'
      ? { institutionId: actor.orgId }
      : offices === 'all'
        ? 'all'
        : { officeIds: offices ?? [] };
  const out: WorkItem[] = [];
  for (const a of await repo.agreementsOutsideCases(deps.db, scope)) {
    const steps = await pendingLifecycleSteps(deps, actor, a.id).catch(() => null);
    for (const step of steps ?? []) {
      out.push({
        id: `agreement:${a.id}:${step}`,
        source: 'agreement',
        action: LIFECYCLE_ACTION[step],
        institution: a.institution_name,
        reference: a.number,
        detail: null,
        link: `/agreements/${a.id}`,
        openedAt: a.updated_at,
        deadlineAt: null,
        sla: 'no_standard',
      });
    }
  }
  return out;
}

async function institutionWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  if (!can(actor, 'institution.verify')) return [];
  const rows = await repo.pendingInstitutions(deps.db, await officeScope(deps, actor));
  return rows.map((r) => ({
    id: `institution:${r.id}:verify`,
    source: 'institution' as const,
    action: 'institution_verify' as const,
    institution: r.name,
    reference: null,
    detail: null,
    link: `/institutions/${r.id}`,
    openedAt: r.created_at,
    deadlineAt: null,
    sla: 'no_standard' as const,
  }));
}

async function reportWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  if (actor.orgKind !== 'institution' || !actor.roles.some((r) => INSTITUTION_FILERS.includes(r))) return [];
  const offset = await institutionOffsetHours(deps, actor.orgId);
  const today = todayOf(deps.now(), offset);
  const entries = await listReports(deps, actor, { institutionId: actor.orgId });
  return entries
    .filter((e) => e.status === 'owed' || e.status === 'returned' || (e.status === 'draft' && e.periodEnd < today))
    .map((e) => {
      const deadlineAt = endOfDay(e.dueDate, offset);
      return {
        id: `report:${e.agreementId}:${e.semester}`,
        source: 'report' as const,
        action: e.status === 'returned' ? ('report_fix' as const) : ('report_submit' as const),
        institution: e.institution.name,
        reference: e.agreementNumber,
        detail: e.label,
        link: `/reports/${e.agreementId}/${e.semester}`,
        openedAt: e.submittedAt ?? `${e.periodEnd}T17:00:00.000Z`,
        deadlineAt,
        sla: dueState(deadlineAt, deps.now()),
      };
    });
}

async function balikanWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  if (actor.orgKind !== 'institution' || !actor.roles.some((r) => INSTITUTION_FILERS.includes(r))) return [];
  const offset = await institutionOffsetHours(deps, actor.orgId);
  const today = todayOf(deps.now(), offset);
  const out: WorkItem[] = [];
  for (const a of await duties(deps, actor)) {
    for (const duty of a.duties) {
      for (const p of duty.periods) {
        if (!(p.state === 'missing' || (p.state === 'due' && p.end < today))) continue;
        const deadlineAt = endOfDay(p.dueDate, offset);
        out.push({
          id: `balikan:${a.agreementId}:${duty.kind}:${p.period}`,
          source: 'balikan',
          action: 'balikan_deliver',
          institution: a.institution.name,
          reference: a.agreementNumber,
          detail: { id: `${duty.kindName.id} — ${p.label.id}`, en: `${duty.kindName.en} — ${p.label.en}` },
          link: '/data-balikan',
          openedAt: `${p.end}T17:00:00.000Z`,
          deadlineAt,
          sla: dueState(deadlineAt, deps.now()),
        });
      }
    }
  }
  return out;
}

async function findingWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  if (actor.orgKind !== 'office') return [];
  const out: WorkItem[] = [];
  for (const r of await repo.openFindingsOutsideCases(deps.db, await officeScope(deps, actor))) {
    const f = await getFinding(deps, actor, r.id).catch(() => null);
    if (!f?.canDecide) continue;
    out.push({
      id: `finding:${r.id}:decide`,
      source: 'finding',
      action: 'finding_decide',
      institution: r.institution_name,
      reference: null,
      detail: f.ruleTitle,
      link: `/anomalies/findings/${r.id}`,
      openedAt: r.created_at,
      deadlineAt: null,
      sla: 'no_standard',
    });
  }
  return out;
}

/** The derived work waiting on the actor; an institution's user only ever reads their own institution's records. */
export async function derivedWork(deps: Ctx, actor: Actor): Promise<WorkItem[]> {
  const parts = [
    await agreementWork(deps, actor),
    await institutionWork(deps, actor),
    await reportWork(deps, actor),
    await balikanWork(deps, actor),
    await findingWork(deps, actor),
  ];
  return parts.flat();
}

/** The counts of the actor's Kotak Masuk items: a count that cannot concern the actor is null (left off the screen). */
export function summaryOf(actor: Actor, items: readonly { action: WorkAction; sla: SlaState }[]): WorkSummary {
  const institution = actor.orgKind === 'institution';
  return summarize(items, {
    pksToSign: institution ? actor.roles.includes('pimpinan') : can(actor, 'pks.sign_office'),
    institutionsToVerify: can(actor, 'institution.verify'),
    reportsToReview: can(actor, 'report.review'),
    findingsToDecide: false,
    reportsToSubmit: institution && actor.roles.some((r) => INSTITUTION_FILERS.includes(r)),
  });
}
