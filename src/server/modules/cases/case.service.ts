import type { Kysely, Transaction } from 'kysely';
import type { CaseEventTable, CaseTable, DB, TaskTable } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { waktuText } from '../../../domain/sop/waktu.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors, type FieldIssue } from '../../../domain/errors.js';
import type { Interval, WorkingCalendar } from '../../../domain/calendar/calendar.js';
import {
  assigneeOf,
  complete,
  dueFor,
  pausesClock,
  returnForRevision,
  start,
  type CaseState,
  type OpenStep,
  type SopDefinition,
  type Transition,
} from '../../../domain/sop/index.js';
import { elapsedMinutes, slaState, standardMinutes, type SlaState, type TaskTiming } from '../../../domain/sla.js';
import { newId } from '../../lib/ids.js';
import { officeChain } from '../directory/actor.repository.js';
import { findInstitution, findOffice } from '../directory/directory.repository.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { ownFile } from '../files/files.service.js';
import { addVersion, produce } from '../documents/document.service.js';
import type { TemplateData } from '../documents/templates.js';
import { applyChange, createFromApplication, pendingTemplateData } from '../agreements/agreement.service.js';
import { findAgreement } from '../agreements/agreement.repository.js';
import { kindForOutput } from '../../../domain/documents.js';
import type { ApplicationContent } from '../../../domain/application.js';
import { current, definitionOf, versionRow } from '../sop/sop.service.js';
import * as repo from './case.repository.js';

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

/** Resolves where a step's task goes for this case: the office, the Directorate General or the institution. */
function placeTask(
  def: SopDefinition,
  open: OpenStep,
  kase: Pick<CaseTable, 'office_id' | 'institution_id'>,
  pusatId: string,
): Pick<TaskTable, 'assignee_org_kind' | 'assignee_org_id' | 'role_code'> {
  const a = assigneeOf(def, open.stepId);
  if (a.org === 'institution') {
    if (!kase.institution_id) throw new Error('institution step without institution');
    return { assignee_org_kind: 'institution', assignee_org_id: kase.institution_id, role_code: a.role };
  }
  return {
    assignee_org_kind: 'office',
    assignee_org_id: a.org === 'pusat' ? pusatId : kase.office_id,
    role_code: a.role,
  };
}

function newTasks(
  def: SopDefinition,
  opened: OpenStep[],
  kase: Pick<CaseTable, 'id' | 'office_id' | 'institution_id'>,
  pusatId: string,
  cal: WorkingCalendar,
): TaskTable[] {
  return opened.map((o) => {
    const paused = pausesClock(def, o);
    const due = paused ? null : dueFor(def, o.stepId, new Date(o.openedAt), cal);
    return {
      id: newId(),
      case_id: kase.id,
      step_id: o.stepId,
      ...placeTask(def, o, kase, pusatId),
      status: 'open',
      via: o.via,
      reason: o.reason ?? null,
      pauses_clock: paused ? 1 : 0,
      opened_at: o.openedAt,
      target_at: due?.target.toISOString() ?? null,
      deadline_at: due?.deadline.toISOString() ?? null,
      completed_by: null,
      completed_at: null,
      decision: null,
      comment: null,
    };
  });
}

function event(
  kase: string,
  type: string,
  at: string,
  actor: string | null,
  extra: { taskId?: string; stepId?: string; data?: Record<string, unknown> } = {},
): CaseEventTable {
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

async function visibleCase(db: Q, actor: Actor, id: string): Promise<CaseTable> {
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

/** Opens a case on the SOP version in force, with its first task. */
export async function openCase(
  deps: Ctx,
  actor: Actor,
  input: {
    officeId?: string;
    sopCode: string;
    title: string;
    subjectKind: string;
    subjectId?: string;
    institutionId?: string;
    attachments?: DocInput[];
  },
  options: { trusted?: boolean } = {},
) {
  const now = deps.now();
  const officeId = input.officeId ?? actor.officeId;
  const office = await findOffice(deps.db, officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const version = await current(deps.db, officeId, input.sopCode, now);
  const def = definitionOf(version);
  let institutionId = input.institutionId ?? null;
  // A trusted caller (another service that checked its own rule, e.g. a PKS change) opens on the actor's behalf.
  if (options.trusted) {
    // nothing more to check here
  } else if (actor.orgKind === 'institution') {
    if (actor.officeId !== officeId || assigneeOf(def, def.start).org !== 'institution') throw errors.forbidden();
    if (institutionId && institutionId !== actor.orgId) throw errors.forbidden();
    institutionId = actor.orgId;
  } else {
    if (actor.orgId !== officeId && !actor.atPusat) throw errors.forbidden();
  }
  const needsInstitution = def.pelaksana.some((p) => p.assignee.org === 'institution');
  if (institutionId) {
    const inst = await findInstitution(deps.db, institutionId);
    if (!inst || !(await officeChain(deps.db, inst.office_id)).includes(officeId)) {
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
    deps.db,
    actor,
    attachments,
    def.steps.find((s) => s.id === def.start)?.kelengkapan ?? [],
    'attachments',
  );
  const cal = await calendarFor(deps.db, officeId);
  const pusatId = await pusatOfficeId(deps.db);
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const year = now.getUTCFullYear();
    const seq = await repo.nextCounter(trx, `case:${officeId}:${year}`);
    const id = newId();
    const t = start(def, now);
    const kase: CaseTable = {
      id,
      number: `${office.code}/${year}/${String(seq).padStart(4, '0')}`,
      office_id: officeId,
      sop_version_id: version.id,
      subject_kind: input.subjectKind,
      subject_id: input.subjectId ?? null,
      institution_id: institutionId,
      title: input.title,
      status: 'open',
      outcome: null,
      state: JSON.stringify(t.state),
      revision: 0,
      opened_by: actor.userId,
      opened_at: at,
      ended_at: null,
    };
    await repo.insertCase(trx, kase);
    const tasks = newTasks(def, t.opened, kase, pusatId, cal);
    await repo.insertTasks(trx, tasks);
    await repo.insertDocuments(
      trx,
      attachments.map((d) => ({
        id: newId(),
        case_id: id,
        task_id: null,
        step_id: def.start,
        doc_type: d.docType,
        role: 'kelengkapan' as const,
        source: 'upload' as const,
        file_id: d.fileId,
        created_by: actor.userId,
        created_at: at,
      })),
    );
    await repo.insertEvents(trx, [
      event(id, 'case_opened', at, actor.userId, { data: { sop: def.code, version: version.version } }),
      ...tasks.map((tk) =>
        event(id, 'task_opened', at, null, { taskId: tk.id, stepId: tk.step_id, data: { role: tk.role_code } }),
      ),
    ]);
    return { id, number: kase.number };
  });
}

/** Applies an engine transition to the stored case, retrying when a parallel branch moved the case meanwhile. */
async function transition(
  deps: Ctx,
  taskId: string,
  actor: Actor,
  run: (ctx: {
    trx: Transaction<DB>;
    kase: CaseTable;
    task: TaskTable;
    def: SopDefinition;
    state: CaseState;
    at: Date;
  }) => Promise<{
    t: Transition;
    finish: Parameters<typeof repo.finishTask>[2];
    events: (kase: string, at: string) => CaseEventTable[];
  }>,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const task = await repo.findTask(trx, taskId);
        if (!task) throw errors.notFound(TASK);
        const kase = await repo.findCase(trx, task.case_id);
        if (!kase) throw errors.notFound(CASE);
        if (!canAct(actor, task)) {
          if (!(await canSeeCase(trx, actor, kase))) throw errors.notFound(TASK);
          throw errors.forbidden();
        }
        if (task.status !== 'open') throw taskNotOpen();
        const def = definitionOf(await versionRow(trx, kase.sop_version_id));
        const at = deps.now();
        const state = JSON.parse(kase.state) as CaseState;
        const { t, finish, events } = await run({ trx, kase, task, def, state, at });
        if (!(await repo.finishTask(trx, task.id, finish))) throw taskNotOpen();
        const iso = at.toISOString();
        const moved = await repo.updateCaseState(trx, kase.id, kase.revision, {
          state: JSON.stringify(t.state),
          ...(t.ended ? { status: 'ended' as const, outcome: t.ended.outcome, ended_at: iso } : {}),
        });
        if (!moved) throw new RetryTransition();
        await repo.closeOpenSteps(
          trx,
          kase.id,
          t.closed.filter((s) => s !== task.step_id),
          iso,
        );
        const cal = await calendarFor(trx, kase.office_id);
        const tasks = newTasks(def, t.opened, kase, await pusatOfficeId(trx), cal);
        await repo.insertTasks(trx, tasks);
        await repo.insertEvents(trx, [
          ...events(kase.id, iso),
          ...tasks.map((tk) =>
            event(kase.id, 'task_opened', iso, null, {
              taskId: tk.id,
              stepId: tk.step_id,
              data: { role: tk.role_code, via: tk.via },
            }),
          ),
          ...(t.ended
            ? [event(kase.id, 'case_ended', iso, null, { data: { outcome: t.ended.outcome, end: t.ended.label } })]
            : []),
        ]);
        if (t.ended) await onCaseEnded(deps, trx, kase, t.ended.outcome);
        return {
          caseId: kase.id,
          opened: tasks.map((tk) => ({ taskId: tk.id, stepId: tk.step_id })),
          ended: t.ended?.outcome ?? null,
        };
      });
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

class RetryTransition extends Error {}

/** What ending a case means for its subject: an application approved or refused, a PKS change in force or not. */
async function onCaseEnded(deps: Ctx, trx: Transaction<DB>, kase: CaseTable, outcome: string) {
  if (kase.subject_kind === 'application' && kase.subject_id) {
    const status = outcome === 'selesai' ? 'approved' : outcome === 'ditolak' ? 'rejected' : 'withdrawn';
    await trx
      .updateTable('applications')
      .set({ status, updated_at: deps.now().toISOString() })
      .where('id', '=', kase.subject_id)
      .execute();
  }
  if (kase.subject_kind === 'pks_change' && kase.subject_id) await applyChange(deps, trx, kase.subject_id, outcome);
}

function taskNotOpen() {
  return errors.conflict('task_not_open', {
    id: 'Tugas ini sudah diselesaikan atau dikembalikan.',
    en: 'This task has already been completed or returned.',
  });
}

/**
 * Produces the documents a step outputs from templates: letters numbered from the office register with a QR code
 * to /verify. A step that outputs the PKS creates the agreement from the case's application (once) and its PKS
 * document; later PKS outputs add versions to it.
 */
async function produceOutputs(
  deps: Ctx,
  trx: Transaction<DB>,
  input: {
    kase: CaseTable;
    step: { no: string; kegiatan: string };
    outputs: readonly string[];
    issuerOfficeId: string;
    actor: Actor;
    decision: string | undefined;
    comment: string | undefined;
  },
): Promise<{ docType: string; fileId: string }[]> {
  const { kase } = input;
  const office = await findOffice(trx, input.issuerOfficeId);
  const inst = kase.institution_id ? await findInstitution(trx, kase.institution_id) : undefined;
  const application =
    kase.subject_kind === 'application' && kase.subject_id
      ? await trx.selectFrom('applications').selectAll().where('id', '=', kase.subject_id).executeTakeFirst()
      : undefined;
  const data: TemplateData = {
    office: {
      name: office?.name ?? '',
      code: office?.code ?? '',
      level: office?.level ?? '',
      headTitle: office?.head_title ?? '',
    },
    ...(inst ? { institution: { name: inst.name, type: inst.type, address: inst.address } } : {}),
    caseNumber: kase.number,
    caseTitle: kase.title,
    step: `${input.step.no}. ${input.step.kegiatan}`,
    ...(input.decision ? { decision: input.decision } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    actor: input.actor.displayName,
    ...(application ? { application: JSON.parse(application.content) as ApplicationContent } : {}),
  };
  const change =
    kase.subject_kind === 'pks_change' && kase.subject_id ? await pendingTemplateData(trx, kase.subject_id) : undefined;
  if (change) data.pks = change.data.pks;
  const out: { docType: string; fileId: string }[] = [];
  for (const name of input.outputs) {
    const kind = kindForOutput(name, input.decision);
    // The text of an addendum or renewal is a new version of the PKS document.
    if ((kind === 'pks' || kind === 'draft_pks') && change?.agreement.document_id) {
      const v = await addVersion(
        deps,
        trx,
        change.agreement.document_id,
        { ...change.data, outputName: name },
        input.actor.userId,
      );
      await trx
        .updateTable('agreement_versions')
        .set({ document_version_id: v.versionId })
        .where('id', '=', change.version.id)
        .execute();
      out.push({ docType: name, fileId: v.fileId });
      continue;
    }
    if ((kind === 'pks' || kind === 'draft_pks') && application) {
      const existing = application.agreement_id ? await findAgreement(trx, application.agreement_id) : undefined;
      if (!existing) {
        const created = await createFromApplication(deps, trx, application, kase.id, input.actor.userId);
        out.push({ docType: name, fileId: created.document.fileId });
        continue;
      }
    }
    const doc = await produce(deps, trx, {
      kind,
      officeId: input.issuerOfficeId,
      institutionId: kase.institution_id,
      caseId: kase.id,
      agreementId: application?.agreement_id ?? null,
      data: { ...data, outputName: name },
      createdBy: input.actor.userId,
    });
    out.push({ docType: name, fileId: doc.fileId });
  }
  return out;
}

/**
 * Completes a task: the step's kelengkapan must be on the case (attached now, earlier, or produced by an
 * earlier step); outputs are the uploaded files, and the system produces a record for each output not uploaded.
 */
export async function completeTask(
  deps: Ctx,
  actor: Actor,
  taskId: string,
  input: { decision?: string; comment?: string; attachments?: DocInput[]; outputs?: DocInput[] },
) {
  return transition(deps, taskId, actor, async ({ trx, kase, task, def, state, at }) => {
    const step = def.steps.find((s) => s.id === task.step_id);
    if (!step) throw new Error(`step ${task.step_id} missing from definition`);
    const attachments = input.attachments ?? [];
    const outputs = input.outputs ?? [];
    await checkDocs(trx, actor, attachments, step.kelengkapan, 'attachments');
    await checkDocs(trx, actor, outputs, step.output, 'outputs');
    const present = (await repo.documentsOf(trx, kase.id))
      .map((d) => d.doc_type)
      .concat(attachments.map((a) => a.docType));
    // A kelengkapan the step itself outputs (Kebumen step 5: the PKS text) is satisfied by producing it.
    const missing = step.kelengkapan.filter(
      (k) => !present.some((p) => sameDocType(p, k)) && !step.output.some((o) => sameDocType(o, k)),
    );
    if (missing.length) {
      throw new DomainError(
        'invalid',
        'missing_kelengkapan',
        { id: 'Kelengkapan langkah ini belum ada.', en: "This step's required documents are missing." },
        missing.map((k) => ({ field: 'attachments', message: { id: `belum ada: ${k}`, en: `missing: ${k}` } })),
        { missing },
      );
    }
    const t = complete(def, state, task.step_id, {
      at,
      ...(input.decision !== undefined ? { decision: input.decision } : {}),
    });
    const iso = at.toISOString();
    const docRow = (
      d: { docType: string; fileId: string },
      role: 'kelengkapan' | 'output',
      source: 'upload' | 'produced',
    ) => ({
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
    const produced = await produceOutputs(deps, trx, {
      kase,
      step: { no: step.no, kegiatan: step.kegiatan },
      outputs: step.output.filter((o) => !outputs.some((u) => sameDocType(u.docType, o))),
      // A letter from the Directorate General's step is issued by pusat, not by the case's office.
      issuerOfficeId: task.assignee_org_kind === 'office' ? task.assignee_org_id : kase.office_id,
      actor,
      decision: input.decision,
      comment: input.comment,
    });
    await repo.insertDocuments(trx, [
      ...attachments.map((d) => docRow(d, 'kelengkapan', 'upload')),
      ...outputs.map((d) => docRow(d, 'output', 'upload')),
      ...produced.map((d) => docRow(d, 'output', 'produced')),
    ]);
    return {
      t,
      finish: {
        status: 'done' as const,
        completed_by: actor.userId,
        completed_at: iso,
        decision: input.decision ?? null,
        comment: input.comment ?? null,
      },
      events: (id, when) => [
        event(id, 'task_completed', when, actor.userId, {
          taskId: task.id,
          stepId: task.step_id,
          data: {
            decision: input.decision ?? null,
            comment: input.comment ?? null,
            documents: [...attachments, ...outputs, ...produced].map((d) => d.docType),
          },
        }),
      ],
    };
  });
}

/** Sends a task back for revision to an earlier step, with the reason. */
export async function returnTask(
  deps: Ctx,
  actor: Actor,
  taskId: string,
  input: { toStepId?: string; reason: string },
) {
  return transition(deps, taskId, actor, async ({ task, def, state, at }) => {
    const t = returnForRevision(def, state, task.step_id, {
      at,
      reason: input.reason,
      ...(input.toStepId ? { to: input.toStepId } : {}),
    });
    const iso = at.toISOString();
    return {
      t,
      finish: { status: 'returned' as const, completed_by: actor.userId, completed_at: iso, reason: input.reason },
      events: (id, when) => [
        event(id, 'task_returned', when, actor.userId, {
          taskId: task.id,
          stepId: task.step_id,
          data: { to: t.opened[0]?.stepId ?? input.toStepId ?? null, reason: input.reason },
        }),
      ],
    };
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
      kelengkapan: (step?.kelengkapan ?? []).map((k) => ({
        docType: k,
        present: presentTypes.some((p) => sameDocType(p, k)),
      })),
      output: step?.output ?? [],
    };
  });
  const end = kase.ended_at ? new Date(kase.ended_at) : now;
  const standardTotal = taskViews.reduce((sum, t) => sum + (t.status === 'closed' ? 0 : (t.standardMinutes ?? 0)), 0);
  return {
    id: kase.id,
    number: kase.number,
    title: kase.title,
    status: kase.status,
    outcome: kase.outcome,
    subjectKind: kase.subject_kind,
    subjectId: kase.subject_id,
    institution: institution ? { id: institution.id, name: institution.name } : null,
    officeId: kase.office_id,
    openedAt: kase.opened_at,
    endedAt: kase.ended_at,
    sop: { versionId: version.id, code: version.code, version: version.version, name: version.name },
    paused: tasks.some((t) => t.status === 'open' && t.pauses_clock === 1),
    totals: {
      elapsedMinutes: Math.round(
        (await import('../../../domain/calendar/calendar.js')).workingTimeBetween(
          cal,
          new Date(kase.opened_at),
          end,
          pauses,
        ),
      ),
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
      type: e.type,
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

/** The actor's inbox: open tasks for their roles in their organisation, with due time and SLA state. */
export async function inbox(
  deps: Ctx,
  actor: Actor,
  query: { sla?: SlaState; sop?: string; sort?: 'due' | 'opened'; order?: 'asc' | 'desc' },
) {
  const rows = await repo.openTasksFor(deps.db, actor.orgId, actor.roles);
  const now = deps.now();
  const calendars = new Map<string, WorkingCalendar>();
  const items = [];
  for (const r of rows) {
    let cal = calendars.get(r.case_office_id);
    if (!cal) {
      cal = await calendarFor(deps.db, r.case_office_id);
      calendars.set(r.case_office_id, cal);
    }
    const version = await versionRow(deps.db, r.sop_version_id);
    const step = definitionOf(version).steps.find((s) => s.id === r.step_id);
    items.push({
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
    outcome: c.outcome,
    sopCode: c.sop_code,
    sopVersion: c.sop_version,
    institutionName: c.institution_name,
    openedAt: c.opened_at,
    endedAt: c.ended_at,
  }));
}
