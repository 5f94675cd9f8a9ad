/**
 * Cases on an office's SOP: opening, completing and returning tasks, and what each step declares it does.
 * Effects come only from a step's declared actions (domain/sop/actions.ts): documents are produced by `produce`
 * actions, lifecycle actions go to the module that owns the case's subject (subjects.ts). A case's subject is set
 * by the service that opens it and re-checked by every action; a client opens only cases without a subject.
 * Every completion is a decision on the signed record, committed in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseTable, DB, TaskTable } from '../../db/schema.js';
import type { CaseEventType } from '../../../domain/case.js';
import type { Deps } from '../../deps.js';
import { waktuText } from '../../../domain/sop/waktu.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors, type FieldIssue } from '../../../domain/errors.js';
import { workingTimeBetween, type Interval, type WorkingCalendar } from '../../../domain/calendar/calendar.js';
import {
  actorsOf,
  assigneeOf,
  complete,
  dueFor,
  findBranch,
  pausesClock,
  returnForRevision,
  start,
  type CaseState,
  type OpenStep,
  type Requirement,
  type SopDefinition,
  type SopOutcome,
  type SopStep,
  type StepAction,
  type Transition,
} from '../../../domain/sop/index.js';
import { KINDS } from '../../../domain/documents.js';
import { CAMPAIGN_WORDS } from '../../../domain/sop/actions.js';
import { decisionOf, reasonRequired, stepActionsFor, uploadableOutputs } from '../../../domain/sop/decision.js';
import { elapsedMinutes, slaState, standardMinutes, type SlaState, type TaskTiming } from '../../../domain/sla.js';
import { newId } from '../../lib/ids.js';
import { officeChain } from '../directory/actor.repository.js';
import { findInstitution, findOffice } from '../directory/directory.repository.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { ownFile } from '../files/files.service.js';
import { produce } from '../documents/document.service.js';
import type { TemplateData } from '../documents/templates.js';
import { letterPeople, templateOffice } from '../directory/letterhead.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import { current, definitionOf, versionRow } from '../sop/sop.service.js';
import type { SopVersionTable } from '../../db/schema.js';
import { actionOfStep } from '../../../domain/work.js';
import type { InboxEntry } from '../work/work.service.js';
import { NO_SUBJECT, subjectHandler, type ProducedDoc, type SubjectHandler } from './subjects.js';
import * as repo from './case.repository.js';
import { recordQueries } from '../applications/case-queries.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

const CASE = { id: 'Kasus', en: 'Case' };
const TASK = { id: 'Tugas', en: 'Task' };

/** A document handed in with an action: a file the actor's organisation uploaded, named by its document type. */
export interface DocInput {
  docType: string;
  fileId: string;
}

/** Document types are compared without case, punctuation at the end or repeated spaces. */
export function sameDocType(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.\s]+$/, '')
      .trim();
  return norm(a) === norm(b);
}

async function pusatOfficeId(db: Q): Promise<string> {
  const row = await db.selectFrom('offices').select('id').where('level', '=', 'pusat').executeTakeFirst();
  if (!row) throw new Error('no pusat office');
  return row.id;
}

type Placement = Pick<TaskTable, 'assignee_org_kind' | 'assignee_org_id' | 'role_code'>;

/** Where the tasks of a step go: its responsible pelaksana, or every pelaksana of a joint step (one per party). */
function placeTasks(
  def: SopDefinition,
  open: OpenStep,
  kase: Pick<CaseTable, 'office_id' | 'institution_id'>,
  pusatId: string,
): Placement[] {
  const step = def.steps.find((s) => s.id === open.stepId);
  const assignees = step?.joint ? actorsOf(def, open.stepId).map((a) => a.assignee) : [assigneeOf(def, open.stepId)];
  const out: Placement[] = [];
  for (const a of assignees) {
    let p: Placement;
    if (a.org === 'institution') {
      if (!kase.institution_id) throw new Error('institution step without institution');
      p = { assignee_org_kind: 'institution', assignee_org_id: kase.institution_id, role_code: a.role };
    } else {
      p = {
        assignee_org_kind: 'office',
        assignee_org_id: a.org === 'pusat' ? pusatId : kase.office_id,
        role_code: a.role,
      };
    }
    if (!out.some((o) => o.assignee_org_id === p.assignee_org_id && o.role_code === p.role_code)) out.push(p);
  }
  return out;
}

function newTasks(
  def: SopDefinition,
  opened: OpenStep[],
  kase: Pick<CaseTable, 'id' | 'office_id' | 'institution_id'>,
  pusatId: string,
  cal: WorkingCalendar,
): TaskTable[] {
  return opened.flatMap((o) => {
    const paused = pausesClock(def, o);
    const due = paused ? null : dueFor(def, o.stepId, new Date(o.openedAt), cal);
    const places = placeTasks(def, o, kase, pusatId);
    return places.map((place) => ({
      id: newId(),
      case_id: kase.id,
      step_id: o.stepId,
      ...place,
      status: 'open' as const,
      via: o.via,
      reason: o.reason ?? null,
      pauses_clock: paused ? (1 as const) : (0 as const),
      opened_at: o.openedAt,
      target_at: due?.target.toISOString() ?? null,
      deadline_at: due?.deadline.toISOString() ?? null,
      completed_by: null,
      completed_at: null,
      decision: null,
      comment: null,
      joint: places.length > 1 ? (1 as const) : (0 as const),
    }));
  });
}

function event(
  kase: string,
  type: CaseEventType,
  at: string,
  actor: string | null,
  extra: { taskId?: string; stepId?: string; data?: Record<string, unknown> } = {},
): repo.CaseEventRow {
  return {
    id: newId(),
    case_id: kase,
    task_id: extra.taskId ?? null,
    type,
    step_id: extra.stepId ?? null,
    actor_user_id: actor,
    at,
    data: JSON.stringify(extra.data ?? {}),
  };
}

/** Who may see a case: its office, the offices above it, pusat, and the institution it concerns. */
async function canSeeCase(db: Q, actor: Actor, kase: CaseTable): Promise<boolean> {
  if (actor.orgKind === 'institution') return kase.institution_id === actor.orgId;
  if (actor.atPusat) return true;
  return (await officeChain(db, kase.office_id)).includes(actor.orgId);
}

export async function visibleCase(db: Q, actor: Actor, id: string): Promise<CaseTable> {
  const kase = await repo.findCase(db, id);
  if (!kase || !(await canSeeCase(db, actor, kase))) throw errors.notFound(CASE);
  return kase;
}

function canAct(actor: Actor, task: Pick<TaskTable, 'assignee_org_id' | 'role_code'>): boolean {
  return task.assignee_org_id === actor.orgId && actor.roles.includes(task.role_code);
}

/** Checks documents handed in: own files, of a type the step names. */
async function checkDocs(db: Q, actor: Actor, docs: DocInput[], allowed: readonly string[], field: string) {
  const issues: FieldIssue[] = [];
  for (const [i, d] of docs.entries()) {
    if (!allowed.some((a) => sameDocType(a, d.docType))) {
      issues.push({
        field: `${field}[${i}].docType`,
        message: {
          id: `"${d.docType}" bukan dokumen langkah ini (${allowed.join('; ') || 'tidak ada'})`,
          en: `"${d.docType}" is not a document of this step (${allowed.join('; ') || 'none'})`,
        },
      });
    }
    await ownFile(db, actor, d.fileId);
  }
  if (issues.length) {
    throw errors.invalid(
      'unknown_doc_type',
      { id: 'Jenis dokumen tidak sesuai.', en: 'Document type does not fit.' },
      issues,
    );
  }
}

function handlerOf(kase: Pick<CaseTable, 'subject_kind'>): SubjectHandler | undefined {
  if (kase.subject_kind === NO_SUBJECT) return undefined;
  const h = subjectHandler(kase.subject_kind);
  // A subject nobody owns cannot be acted on: refuse rather than guess.
  if (!h) throw new Error(`no handler registered for subject kind ${kase.subject_kind}`);
  return h;
}

/** What a case is opened with by the service that owns its subject. */
export interface BoundCaseInput {
  officeId: string;
  version: SopVersionTable;
  title: string;
  subjectKind: string;
  subjectId: string;
  /** The institution the case concerns; null for a case over several (a control campaign). */
  institutionId: string | null;
  /** Files the server attaches (the application letter), not checked against the step's names. */
  attachments: DocInput[];
}

async function insertCase(
  deps: Pick<Deps, 'now'>,
  trx: Transaction<DB>,
  actor: Actor | { kind: 'system' },
  input: Omit<BoundCaseInput, 'subjectId' | 'institutionId'> & {
    subjectId: string | null;
    institutionId: string | null;
  },
) {
  const now = deps.now();
  // A case the system opens (an anomaly finding's review) is opened by nobody in particular.
  const openedBy = 'kind' in actor ? 'system' : actor.userId;
  const office = await findOffice(trx, input.officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const def = definitionOf(input.version);
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const seq = await repo.nextCounter(trx, `case:${input.officeId}:${year}`);
  const id = newId();
  const t = start(def, now);
  const kase: CaseTable = {
    id,
    number: `${office.code}/${year}/${String(seq).padStart(4, '0')}`,
    office_id: input.officeId,
    sop_version_id: input.version.id,
    subject_kind: input.subjectKind,
    subject_id: input.subjectId,
    institution_id: input.institutionId,
    title: input.title,
    status: 'open',
    outcome: null,
    state: JSON.stringify(t.state),
    revision: 0,
    opened_by: openedBy,
    opened_at: at,
    ended_at: null,
  };
  await repo.insertCase(trx, kase);
  const tasks = newTasks(def, t.opened, kase, await pusatOfficeId(trx), await calendarFor(trx, input.officeId));
  await repo.insertTasks(trx, tasks);
  await repo.insertDocuments(
    trx,
    input.attachments.map((d) => ({
      id: newId(),
      case_id: id,
      task_id: null,
      step_id: def.start,
      doc_type: d.docType,
      role: 'kelengkapan' as const,
      source: 'upload' as const,
      file_id: d.fileId,
      created_by: openedBy,
      created_at: at,
    })),
  );
  await repo.insertEvents(trx, [
    event(id, 'case_opened', at, 'kind' in actor ? null : actor.userId, {
      data: { sop: def.code, version: input.version.version },
    }),
    ...tasks.map((tk) =>
      event(id, 'task_opened', at, null, { taskId: tk.id, stepId: tk.step_id, data: { role: tk.role_code } }),
    ),
  ]);
  await recordDecision(trx, now, actor, {
    action: 'case.opened',
    institutionId: input.institutionId,
    detail: {
      caseId: id,
      caseNumber: kase.number,
      sop: def.code,
      sopVersion: input.version.version,
      sopVersionId: input.version.id,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
    },
  });
  return { id, number: kase.number, tasks };
}

/** Opens a case on a subject, inside the owning service's transaction (the only way a subject gets a case). */
export async function openBoundCase(
  deps: Pick<Deps, 'now'>,
  trx: Transaction<DB>,
  actor: Actor | { kind: 'system' },
  input: BoundCaseInput,
) {
  return insertCase(deps, trx, actor, input);
}

/** The SOP purposes whose cases only their owning service opens (they act on an application or a PKS). */
const BOUND_PURPOSES = new Set(['application', 'pks_change']);

/**
 * Opens a case a person asks for (a control campaign, an evaluation): on the office's SOP in force, about no
 * subject. An institution opens only on its own office's SOPs that start with an institution step, and only
 * once its office verified it.
 */
export async function openCase(
  deps: Ctx,
  actor: Actor,
  input: { officeId?: string; sopCode: string; title: string; institutionId?: string; attachments?: DocInput[] },
) {
  const officeId = input.officeId ?? actor.officeId;
  return deps.db.transaction().execute(async (trx) => {
    const office = await findOffice(trx, officeId);
    if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
    const version = await current(trx, officeId, input.sopCode, deps.now());
    const def = definitionOf(version);
    let institutionId = input.institutionId ?? null;
    if (actor.orgKind === 'institution') {
      const own = await findInstitution(trx, actor.orgId);
      if (own?.status !== 'verified') {
        throw new DomainError('forbidden', 'institution_not_verified', {
          id: 'Lembaga belum diverifikasi oleh Disdukcapil.',
          en: 'The institution is not verified by its office yet.',
        });
      }
      if (!actor.roles.some((r) => r === 'pimpinan' || r === 'admin')) throw errors.forbidden();
      if (actor.officeId !== officeId || assigneeOf(def, def.start).org !== 'institution') throw errors.forbidden();
      if (institutionId && institutionId !== actor.orgId) throw errors.forbidden();
      institutionId = actor.orgId;
    } else if (actor.orgId !== officeId && !actor.atPusat) {
      throw errors.forbidden();
    }
    if (def.purpose && BOUND_PURPOSES.has(def.purpose)) {
      throw errors.conflict('sop_opened_by_its_service', {
        id: 'Kasus SOP ini dibuka dengan mengajukan permohonan atau perubahan PKS, bukan secara langsung.',
        en: "This SOP's cases are opened by submitting an application or a PKS change, not directly.",
      });
    }
    const needsInstitution = def.pelaksana.some((p) => p.assignee.org === 'institution');
    if (institutionId) {
      const inst = await findInstitution(trx, institutionId);
      if (!inst || !(await officeChain(trx, inst.office_id)).includes(officeId)) {
        throw errors.invalid('institution_not_of_office', {
          id: 'Lembaga tidak terdaftar pada kantor ini.',
          en: 'The institution is not registered with this office.',
        });
      }
    } else if (needsInstitution) {
      throw errors.invalid(
        'institution_required',
        {
          id: 'SOP ini melibatkan lembaga pengguna; pilih lembaganya.',
          en: 'This SOP involves a user institution; choose it.',
        },
        [{ field: 'institutionId', message: { id: 'wajib diisi', en: 'is required' } }],
      );
    }
    const attachments = input.attachments ?? [];
    await checkDocs(
      trx,
      actor,
      attachments,
      def.steps.find((s) => s.id === def.start)?.kelengkapan ?? [],
      'attachments',
    );
    const opened = await insertCase(deps, trx, actor, {
      officeId,
      version,
      title: input.title,
      subjectKind: NO_SUBJECT,
      subjectId: null,
      institutionId,
      attachments,
    });
    return { id: opened.id, number: opened.number };
  });
}

class RetryTransition extends Error {}

function taskNotOpen() {
  return errors.conflict('task_not_open', {
    id: 'Tugas ini sudah diselesaikan atau dikembalikan.',
    en: 'This task has already been completed or returned.',
  });
}

/** Runs a use case on a task in one transaction, retrying when a parallel branch moved the case meanwhile. */
async function withRetry<T>(deps: Ctx, run: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.transaction().execute(run);
    } catch (e) {
      if (e instanceof RetryTransition && attempt < 5) continue;
      // A concurrent completion moved the case between our reads: to the caller it is the same refusal.
      if (e instanceof DomainError && e.code === 'sop.step_not_open') throw taskNotOpen();
      if (e instanceof RetryTransition) {
        throw errors.conflict('case_busy', {
          id: 'Kasus sedang diubah; coba lagi.',
          en: 'The case is being changed; try again.',
        });
      }
      throw e;
    }
  }
}

interface Loaded {
  task: TaskTable;
  kase: CaseTable;
  def: SopDefinition;
  step: SopStep;
  state: CaseState;
  handler: SubjectHandler | undefined;
}

async function loadForAction(
  trx: Transaction<DB>,
  actor: Actor,
  taskId: string,
  bySubmission: boolean,
): Promise<Loaded> {
  const task = await repo.findTask(trx, taskId);
  if (!task) throw errors.notFound(TASK);
  const kase = await repo.findCase(trx, task.case_id);
  if (!kase) throw errors.notFound(CASE);
  if (!bySubmission && !canAct(actor, task)) {
    if (!(await canSeeCase(trx, actor, kase))) throw errors.notFound(TASK);
    throw errors.forbidden();
  }
  if (task.status !== 'open') throw taskNotOpen();
  const def = definitionOf(await versionRow(trx, kase.sop_version_id));
  const step = def.steps.find((s) => s.id === task.step_id);
  if (!step) throw new Error(`step ${task.step_id} missing from definition`);
  const handler = handlerOf(kase);
  // Every action re-checks that the subject is this case's own.
  if (handler) await handler.verify(trx, kase);
  return { task, kase, def, step, state: JSON.parse(kase.state) as CaseState, handler };
}

/** Writes an engine transition: the case's state, closed and new tasks, events, and the end's consequences. */
async function applyTransition(
  deps: Ctx,
  trx: Transaction<DB>,
  actor: Actor,
  l: Loaded,
  t: Transition,
  at: Date,
  events: repo.CaseEventRow[],
) {
  const iso = at.toISOString();
  const moved = await repo.updateCaseState(trx, l.kase.id, l.kase.revision, {
    state: JSON.stringify(t.state),
    ...(t.ended ? { status: 'ended' as const, outcome: t.ended.outcome, ended_at: iso } : {}),
  });
  if (!moved) throw new RetryTransition();
  await repo.closeOpenSteps(trx, l.kase.id, t.closed, iso);
  const cal = await calendarFor(trx, l.kase.office_id);
  const tasks = newTasks(l.def, t.opened, l.kase, await pusatOfficeId(trx), cal);
  await repo.insertTasks(trx, tasks);
  await repo.insertEvents(trx, [
    ...events,
    ...tasks.map((tk) =>
      event(l.kase.id, 'task_opened', iso, null, {
        taskId: tk.id,
        stepId: tk.step_id,
        data: { role: tk.role_code, via: tk.via },
      }),
    ),
    ...(t.ended
      ? [event(l.kase.id, 'case_ended', iso, null, { data: { outcome: t.ended.outcome, end: t.ended.label } })]
      : []),
  ]);
  if (t.ended) {
    await l.handler?.ended({ deps, trx, kase: l.kase, actor }, t.ended.outcome);
    await recordDecision(trx, at, actor, {
      action: 'case.ended',
      result: t.ended.outcome,
      institutionId: l.kase.institution_id,
      detail: {
        caseId: l.kase.id,
        caseNumber: l.kase.number,
        end: t.ended.id,
        subjectKind: l.kase.subject_kind,
        subjectId: l.kase.subject_id,
      },
    });
  }
  return {
    caseId: l.kase.id,
    opened: tasks.map((tk) => ({ taskId: tk.id, stepId: tk.step_id })),
    ended: t.ended?.outcome ?? null,
  };
}

/** Which requirements apply to this case's applicant. */
async function applicable(trx: Transaction<DB>, kase: CaseTable, reqs: readonly Requirement[]): Promise<Requirement[]> {
  if (!reqs.some((r) => r.when)) return [...reqs];
  const inst = kase.institution_id ? await findInstitution(trx, kase.institution_id) : undefined;
  return reqs.filter((r) => {
    if (!r.when) return true;
    if (!inst) return false;
    if (r.when === 'badan_hukum') return inst.type === 'badan_hukum';
    if (r.when === 'profit') return inst.profit_oriented === 1;
    return inst.type !== 'badan_hukum';
  });
}

/** Letter data for documents produced on a case. */
async function letterData(
  trx: Transaction<DB>,
  l: Loaded,
  issuerOfficeId: string,
  actor: Actor,
  extra: { decision?: string; comment?: string },
): Promise<{ data: TemplateData; agreementId: string | null }> {
  const inst = l.kase.institution_id ? await findInstitution(trx, l.kase.institution_id) : undefined;
  const subject = l.handler ? await l.handler.letterData(trx, l.kase) : { data: {}, agreementId: null };
  const people = await letterPeople(trx, {
    issuerOfficeId,
    actor,
    def: l.def,
    step: l.step,
    agreementId: subject.agreementId,
  });
  return {
    agreementId: subject.agreementId,
    data: {
      office: await templateOffice(trx, issuerOfficeId),
      ...people,
      ...(inst ? { institution: { name: inst.name, type: inst.type, address: inst.address } } : {}),
      caseNumber: l.kase.number,
      caseTitle: l.kase.title,
      step: `${l.step.no}. ${l.step.kegiatan}`,
      ...(extra.decision ? { decision: extra.decision } : {}),
      ...(extra.comment ? { comment: extra.comment } : {}),
      actor: actor.displayName,
      ...subject.data,
    },
  };
}

/**
 * Runs the declared actions of a completion: `produce` makes a numbered letter (named by its title, else the
 * output at the same position, else its kind); lifecycle words go to the subject's owner. Nothing else has an
 * effect: output names are text for the sheet.
 */
async function runActions(
  deps: Ctx,
  trx: Transaction<DB>,
  actor: Actor,
  l: Loaded,
  actions: readonly StepAction[],
  outputs: readonly string[],
  input: { decision?: string; comment?: string; params: { scanFileId?: string; startDate?: string } },
): Promise<ProducedDoc[]> {
  const out: ProducedDoc[] = [];
  let nth = 0;
  for (const a of actions) {
    if (a.type === 'produce') {
      // A letter from the Directorate General's step is issued by pusat, not by the case's office.
      const issuer = l.task.assignee_org_kind === 'office' ? l.task.assignee_org_id : l.kase.office_id;
      const name = a.title ?? outputs[nth] ?? KINDS[a.kind].id;
      nth++;
      const { data, agreementId } = await letterData(trx, l, issuer, actor, input);
      const doc = await produce(deps, trx, {
        kind: a.kind,
        officeId: issuer,
        institutionId: l.kase.institution_id,
        caseId: l.kase.id,
        agreementId,
        data: { ...data, outputName: name },
        createdBy: actor.userId,
      });
      out.push({ docType: name, fileId: doc.fileId });
      continue;
    }
    if (!l.handler) {
      // A control round opened by hand, not as a campaign (/api/campaigns), has no campaign for these words to act on.
      if (CAMPAIGN_WORDS.includes(a.type)) continue;
      throw errors.conflict('action_needs_subject', {
        id: `Langkah ini (${a.type}) membutuhkan permohonan atau PKS, tetapi kasus ini tidak memilikinya.`,
        en: `This step (${a.type}) needs an application or a PKS, and this case has none.`,
      });
    }
    out.push(
      ...(await l.handler.act(
        {
          deps,
          trx,
          kase: l.kase,
          actor,
          task: l.task,
          step: l.step,
          ...(input.decision !== undefined ? { decision: input.decision } : {}),
          params: input.params,
        },
        a.type,
      )),
    );
  }
  return out;
}

/** What completing a task takes. */
export interface CompleteInput {
  decision?: string;
  comment?: string;
  attachments?: DocInput[];
  outputs?: DocInput[];
  /** Names of the step's checks and confirmations the actor confirms. */
  confirmations?: string[];
  /** For a signing step: the signed scan; for activation: the start date. */
  scanFileId?: string;
  startDate?: string;
}

/**
 * Completes a task in the caller's transaction. `bySubmission`: the application's submission completes the
 * applicant's first step (its action is `application.submit`), whoever of the institution submitted it.
 */
export async function completeIn(
  deps: Ctx,
  trx: Transaction<DB>,
  actor: Actor,
  taskId: string,
  input: CompleteInput,
  options: { bySubmission?: boolean } = {},
) {
  const l = await loadForAction(trx, actor, taskId, options.bySubmission === true);
  const { task, kase, def, step } = l;
  // Submission completes the step; once returned for revision, the applicant answers it here.
  if (!options.bySubmission && task.via !== 'revision' && step.actions.some((a) => a.type === 'application.submit')) {
    throw errors.conflict('completed_by_submission', {
      id: 'Langkah ini selesai dengan mengajukan permohonan.',
      en: 'This step is completed by submitting the application.',
    });
  }
  const at = deps.now();
  const iso = at.toISOString();
  const attachments = input.attachments ?? [];
  const outputs = input.outputs ?? [];
  const branch = input.decision !== undefined ? findBranch(step, input.decision) : undefined;
  // A refusal needs its reason (the refusal letter carries it): docs/sop-format.md, domain/sop/decision.ts.
  if (branch && reasonRequired(def, step, branch.label) && !input.comment?.trim()) {
    throw errors.invalid(
      'reason_required',
      { id: 'Alasan penolakan wajib diisi.', en: 'A reason for the refusal is required.' },
      [{ field: 'comment', message: { id: 'isi alasan penolakan', en: 'give the reason for the refusal' } }],
    );
  }
  await checkDocs(trx, actor, attachments, step.kelengkapan, 'attachments');
  await checkDocs(trx, actor, outputs, [...step.output, ...(branch?.output ?? [])], 'outputs');
  const present = (await repo.documentsOf(trx, kase.id))
    .map((d) => d.doc_type)
    .concat(attachments.map((a) => a.docType));
  const confirmed = input.confirmations ?? [];
  const needed = await applicable(trx, kase, step.requirements);
  // A file the step itself outputs (Kebumen step 5: the PKS text) is satisfied by producing it.
  const missing = needed.filter((r) =>
    r.type === 'berkas'
      ? !present.some((p) => sameDocType(p, r.name)) && !step.output.some((o) => sameDocType(o, r.name))
      : !confirmed.some((c) => sameDocType(c, r.name)),
  );
  if (missing.length) {
    throw new DomainError(
      'invalid',
      'missing_kelengkapan',
      { id: 'Kelengkapan langkah ini belum ada.', en: "This step's required documents are missing." },
      missing.map((r) => ({
        field: r.type === 'berkas' ? 'attachments' : 'confirmations',
        message:
          r.type === 'berkas'
            ? { id: `belum ada: ${r.name}`, en: `missing: ${r.name}` }
            : { id: `belum dikonfirmasi: ${r.name}`, en: `not confirmed: ${r.name}` },
      })),
      { missing: missing.map((r) => r.name) },
    );
  }
  const params = {
    ...(input.scanFileId ? { scanFileId: input.scanFileId } : {}),
    ...(input.startDate ? { startDate: input.startDate } : {}),
  };
  const docRow = (d: DocInput, role: 'kelengkapan' | 'output', source: 'upload' | 'produced') => ({
    id: newId(),
    case_id: kase.id,
    task_id: task.id,
    step_id: task.step_id,
    doc_type: d.docType,
    role,
    source,
    file_id: d.fileId,
    created_by: actor.userId,
    created_at: iso,
  });
  const finish = {
    status: 'done' as const,
    completed_by: actor.userId,
    completed_at: iso,
    decision: input.decision ?? null,
    comment: input.comment ?? null,
  };
  // A joint step: each party's task runs that party's part (its signature); the step moves on with the last one.
  const siblings = step.joint
    ? (await repo.openTasksOfStep(trx, kase.id, step.id)).filter((t) => t.id !== task.id)
    : [];
  const last = siblings.length === 0;
  // The letter follows the decision: a step's approval letter is a refusal letter when the refusal is chosen.
  const produceOnLast = stepActionsFor(def, step, branch?.label).filter((a) => a.type === 'produce');
  const partyActions = step.actions.filter((a) => a.type !== 'produce');
  const t = last
    ? complete(def, l.state, task.step_id, {
        at,
        ...(input.decision !== undefined ? { decision: input.decision } : {}),
      })
    : undefined;
  const produced = await runActions(
    deps,
    trx,
    actor,
    l,
    [...partyActions, ...(last ? [...produceOnLast, ...(branch?.actions ?? [])] : [])],
    branch?.output.length ? branch.output : step.output,
    {
      ...(input.decision !== undefined ? { decision: branch?.label ?? input.decision } : {}),
      ...(input.comment ? { comment: input.comment } : {}),
      params,
    },
  );
  await repo.insertDocuments(trx, [
    ...attachments.map((d) => docRow(d, 'kelengkapan', 'upload')),
    ...outputs.map((d) => docRow(d, 'output', 'upload')),
    ...produced.map((d) => docRow(d, 'output', 'produced')),
  ]);
  if (!(await repo.finishTask(trx, task.id, finish))) throw taskNotOpen();
  await recordDecision(trx, at, actor, {
    action: 'case.task_completed',
    result: branch?.label ?? 'done',
    institutionId: kase.institution_id,
    detail: {
      caseId: kase.id,
      caseNumber: kase.number,
      taskId: task.id,
      stepId: step.id,
      role: task.role_code,
      actions: [...step.actions, ...(branch?.actions ?? [])]
        .map((a) => (a.type === 'produce' ? `produce:${a.kind}` : a.type))
        .join(','),
      subjectKind: kase.subject_kind,
      subjectId: kase.subject_id,
      comment: input.comment ?? null,
    },
  });
  const completedEvent = event(kase.id, 'task_completed', iso, actor.userId, {
    taskId: task.id,
    stepId: task.step_id,
    data: {
      decision: branch?.label ?? input.decision ?? null,
      comment: input.comment ?? null,
      documents: [...attachments, ...outputs, ...produced].map((d) => d.docType),
      ...(last ? {} : { waitingFor: siblings.map((s) => s.role_code) }),
    },
  });
  if (!t) {
    // One party of a joint step: the case does not move, but its revision does, so that two parties completing at
    // once cannot both believe another is still to come (the later one retries and finds itself last).
    if (!(await repo.updateCaseState(trx, kase.id, kase.revision, { state: kase.state }))) throw new RetryTransition();
    await repo.insertEvents(trx, [completedEvent]);
    return { caseId: kase.id, opened: [], ended: null };
  }
  return applyTransition(deps, trx, actor, l, t, at, [completedEvent]);
}

/** Completes a task: its own use case, one transaction. */
export async function completeTask(deps: Ctx, actor: Actor, taskId: string, input: CompleteInput) {
  return withRetry(deps, (trx) => completeIn(deps, trx, actor, taskId, input));
}

/** Sends a task back for revision to an earlier step, with the reason. */
export async function returnTask(
  deps: Ctx,
  actor: Actor,
  taskId: string,
  input: { toStepId?: string; reason: string; queriedDocumentIds?: string[] },
) {
  return withRetry(deps, async (trx) => {
    const l = await loadForAction(trx, actor, taskId, false);
    const at = deps.now();
    const iso = at.toISOString();
    // The files the office queries ("perlu perbaikan"): the institution sees them and replaces them (Ganti berkas).
    const queried = await recordQueries(trx, actor, {
      caseId: l.kase.id,
      taskId: l.task.id,
      documentIds: input.queriedDocumentIds ?? [],
      note: input.reason,
      at: iso,
    });
    const t = returnForRevision(l.def, l.state, l.task.step_id, {
      at,
      reason: input.reason,
      ...(input.toStepId ? { to: input.toStepId } : {}),
    });
    if (
      !(await repo.finishTask(trx, l.task.id, {
        status: 'returned',
        completed_by: actor.userId,
        completed_at: iso,
        reason: input.reason,
      }))
    )
      throw taskNotOpen();
    await recordDecision(trx, at, actor, {
      action: 'case.task_returned',
      institutionId: l.kase.institution_id,
      detail: {
        caseId: l.kase.id,
        caseNumber: l.kase.number,
        stepId: l.step.id,
        to: t.opened[0]?.stepId ?? null,
        reason: input.reason,
        queried: queried.join('; ') || null,
      },
    });
    return applyTransition(deps, trx, actor, l, t, at, [
      event(l.kase.id, 'task_returned', iso, actor.userId, {
        taskId: l.task.id,
        stepId: l.task.step_id,
        data: {
          to: t.opened[0]?.stepId ?? input.toStepId ?? null,
          reason: input.reason,
          ...(queried.length ? { queried } : {}),
        },
      }),
    ]);
  });
}

/** The open tasks of a case whose step (or one of its branches) declares `word`, that `actor` may take. */
export async function openTasksWithAction(db: Q, actor: Actor, caseId: string, word: string) {
  const kase = await repo.findCase(db, caseId);
  if (!kase || kase.status !== 'open') return [];
  const def = definitionOf(await versionRow(db, kase.sop_version_id));
  const tasks = await repo.tasksOf(db, caseId);
  return tasks
    .filter((t) => t.status === 'open' && canAct(actor, t))
    .flatMap((t): { taskId: string; decision: string | undefined }[] => {
      const step = def.steps.find((s) => s.id === t.step_id);
      if (!step) return [];
      if (step.actions.some((a) => a.type === word)) return [{ taskId: t.id, decision: undefined }];
      const b =
        step.flow.type === 'decision'
          ? step.flow.branches.find((x) => x.actions.some((a) => a.type === word))
          : undefined;
      return b ? [{ taskId: t.id, decision: b.label }] : [];
    });
}

function timing(task: TaskTable): TaskTiming {
  return {
    openedAt: new Date(task.opened_at),
    targetAt: task.target_at ? new Date(task.target_at) : null,
    deadlineAt: task.deadline_at ? new Date(task.deadline_at) : null,
    completedAt: task.completed_at ? new Date(task.completed_at) : null,
    paused: task.pauses_clock === 1,
  };
}

/** Intervals during which the case waited on the applicant. */
function pausesOf(tasks: TaskTable[], now: Date): Interval[] {
  return tasks
    .filter((t) => t.pauses_clock === 1)
    .map((t) => ({ from: new Date(t.opened_at), to: t.completed_at ? new Date(t.completed_at) : now }));
}

/** A case with its tasks (SLA per step), timeline, documents and totals, as its viewers see it. */
export async function getCase(deps: Ctx, actor: Actor, id: string) {
  const kase = await visibleCase(deps.db, actor, id);
  const version = await versionRow(deps.db, kase.sop_version_id);
  const def = definitionOf(version);
  const now = deps.now();
  const cal = await calendarFor(deps.db, kase.office_id);
  const tasks = await repo.tasksOf(deps.db, kase.id);
  const pauses = pausesOf(tasks, now);
  const docs = await repo.documentsOf(deps.db, kase.id);
  const events = await repo.eventsOf(deps.db, kase.id);
  const institution = kase.institution_id ? await findInstitution(deps.db, kase.institution_id) : undefined;
  const stepOf = (sid: string) => def.steps.find((s) => s.id === sid);
  const presentTypes = docs.map((d) => d.doc_type);
  const taskViews = tasks.map((task) => {
    const step = stepOf(task.step_id);
    const tm = timing(task);
    const own = task.pauses_clock === 1 ? [] : pauses;
    return {
      id: task.id,
      stepId: task.step_id,
      no: step?.no ?? task.step_id,
      kegiatan: step?.kegiatan ?? '',
      role: task.role_code,
      assigneeOrgKind: task.assignee_org_kind,
      assigneeOrgId: task.assignee_org_id,
      status: task.status,
      via: task.via,
      reason: task.reason,
      openedAt: task.opened_at,
      targetAt: task.target_at,
      deadlineAt: task.deadline_at,
      completedAt: task.completed_at,
      decision: task.decision,
      comment: task.comment,
      waktu: step ? (step.waktuTertulis ?? waktuText(step.waktu)) : '',
      sla: slaState(cal, tm, now) as SlaState,
      elapsedMinutes: elapsedMinutes(cal, tm, now, own),
      standardMinutes: standardMinutes(cal, tm),
      canAct: task.status === 'open' && canAct(actor, task),
      branches: step?.flow.type === 'decision' ? step.flow.branches.map((b) => b.label) : [],
      question: step?.flow.type === 'decision' ? step.flow.question : null,
      choices: step ? (decisionOf(def, step)?.choices ?? []) : [],
      uploadOutputs: step ? uploadableOutputs(step, presentTypes) : [],
      kelengkapan: (step?.requirements ?? [])
        .filter((r) => r.type === 'berkas')
        .map((r) => ({ docType: r.name, present: presentTypes.some((p) => sameDocType(p, r.name)) })),
      confirmations: (step?.requirements ?? [])
        .filter((r) => r.type !== 'berkas')
        .map((r) => ({ name: r.name, type: r.type })),
      output: step?.output ?? [],
      actions: (step?.actions ?? []).map((a) => (a.type === 'produce' ? `produce:${a.kind}` : a.type)),
      joint: task.joint === 1,
      standard: step?.standard === true,
      // Those informed of the step (tembusan): named on the task, they do not act.
      informed: (step?.informed ?? []).map((c) => def.pelaksana.find((p) => p.code === c)?.name ?? c),
    };
  });
  const end = kase.ended_at ? new Date(kase.ended_at) : now;
  const standardTotal = taskViews.reduce((sum, t) => sum + (t.status === 'closed' ? 0 : (t.standardMinutes ?? 0)), 0);
  return {
    id: kase.id,
    number: kase.number,
    title: kase.title,
    status: kase.status,
    outcome: kase.outcome as SopOutcome | null, // only an end's outcome is written
    subjectKind: kase.subject_kind,
    subjectId: kase.subject_id,
    institution: institution ? { id: institution.id, name: institution.name } : null,
    officeId: kase.office_id,
    openedAt: kase.opened_at,
    endedAt: kase.ended_at,
    sop: { versionId: version.id, code: version.code, version: version.version, name: version.name },
    paused: tasks.some((t) => t.status === 'open' && t.pauses_clock === 1),
    totals: {
      elapsedMinutes: Math.round(workingTimeBetween(cal, new Date(kase.opened_at), end, pauses)),
      standardMinutes: standardTotal,
    },
    tasks: taskViews,
    documents: docs.map((d) => ({
      id: d.id,
      docType: d.doc_type,
      role: d.role,
      source: d.source,
      stepId: d.step_id,
      filename: d.filename,
      sha256: d.sha256,
      size: d.size,
      createdAt: d.created_at,
    })),
    timeline: events.map((e) => ({
      at: e.at,
      type: e.type as CaseEventType, // insertEvents writes no other
      stepId: e.step_id,
      actor: e.actor_name ?? null,
      data: JSON.parse(e.data) as Record<string, unknown>,
    })),
  };
}

/** A case document's file, for those who may see the case. */
export async function documentFile(deps: Ctx, actor: Actor, caseId: string, docId: string) {
  await visibleCase(deps.db, actor, caseId);
  const doc = await deps.db
    .selectFrom('case_documents')
    .innerJoin('files', 'files.id', 'case_documents.file_id')
    .selectAll('files')
    .where('case_documents.id', '=', docId)
    .where('case_documents.case_id', '=', caseId)
    .executeTakeFirst();
  if (!doc) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
  return doc;
}

/**
 * The actor's inbox: open tasks for their roles in their organisation, with due time and SLA state, and the work
 * derived from other records' state (work/work.service.ts: a PKS's lifecycle outside a case, institutions to
 * verify, reports and data balikan owed, findings to decide). Each item says what to do (`action`), about what,
 * and where (`link`).
 */
export async function inbox(
  deps: Ctx,
  actor: Actor,
  query: { sla?: SlaState; sop?: string; sort?: 'due' | 'opened'; order?: 'asc' | 'desc' },
) {
  const rows = await repo.openTasksFor(deps.db, actor.orgId, actor.roles);
  const now = deps.now();
  const calendars = new Map<string, WorkingCalendar>();
  const items: InboxEntry[] = [];
  for (const r of rows) {
    let cal = calendars.get(r.case_office_id);
    if (!cal) {
      cal = await calendarFor(deps.db, r.case_office_id);
      calendars.set(r.case_office_id, cal);
    }
    const version = await versionRow(deps.db, r.sop_version_id);
    const step = definitionOf(version).steps.find((s) => s.id === r.step_id);
    items.push({
      id: r.id,
      source: 'case',
      action: actionOfStep(step, r.via),
      institution: r.institution_name,
      reference: r.case_number,
      detail: null,
      link: `/cases/${r.case_id}`,
      taskId: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseTitle: r.case_title,
      sopCode: r.sop_code,
      sopName: r.sop_name,
      stepId: r.step_id,
      no: step?.no ?? r.step_id,
      kegiatan: step?.kegiatan ?? '',
      role: r.role_code,
      via: r.via,
      reason: r.reason,
      openedAt: r.opened_at,
      targetAt: r.target_at,
      deadlineAt: r.deadline_at,
      sla: slaState(cal, timing(r), now),
    });
  }
  // Derived work has no SOP: a filter by SOP leaves it out. Loaded on demand: the work module reads other
  // features' services, which themselves complete case tasks through this module.
  const { derivedWork } = await import('../work/work.service.js');
  for (const w of await derivedWork(deps, actor)) {
    items.push({
      ...w,
      taskId: null,
      caseId: null,
      caseNumber: null,
      caseTitle: null,
      sopCode: null,
      sopName: null,
      stepId: null,
      no: null,
      kegiatan: null,
      role: null,
      via: null,
      reason: null,
      targetAt: null,
    });
  }
  const filtered = items.filter((i) => (!query.sla || i.sla === query.sla) && (!query.sop || i.sopCode === query.sop));
  const key = query.sort === 'opened' ? 'openedAt' : 'deadlineAt';
  const dir = query.order === 'desc' ? -1 : 1;
  // Tasks without a deadline sort last whatever the order: they cannot be late.
  filtered.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -dir : dir;
  });
  return filtered;
}

/** Cases the actor may see, newest first. */
export async function listCases(deps: Ctx, actor: Actor, query: { status?: 'open' | 'ended' }) {
  let officeIds: string[] | null = null;
  if (actor.orgKind === 'office' && !actor.atPusat) {
    const all = await deps.db.selectFrom('offices').select(['id', 'parent_id']).execute();
    officeIds = [actor.orgId];
    for (let i = 0; i < officeIds.length; i++)
      for (const o of all) if (o.parent_id === officeIds[i]) officeIds.push(o.id);
  }
  const rows = await repo.listCases(deps.db, {
    ...(actor.orgKind === 'institution' ? { institutionId: actor.orgId } : { officeIds }),
    ...(query.status ? { status: query.status } : {}),
  });
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    title: c.title,
    status: c.status,
    outcome: c.outcome as SopOutcome | null,
    sopCode: c.sop_code,
    sopName: c.sop_name,
    sopVersion: c.sop_version,
    institutionName: c.institution_name,
    openedAt: c.opened_at,
    endedAt: c.ended_at,
  }));
}
