import type { Kysely, Transaction } from 'kysely';
import type { ApplicationTable, DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import {
  EMPTY_APPLICATION,
  protectedElements,
  submissionIssues,
  type ApplicationContent,
} from '../../../domain/application.js';
import { newId } from '../../lib/ids.js';
import { findInstitution } from '../directory/directory.repository.js';
import { ownFile, requirePdf } from '../files/files.service.js';
import { missingDocuments } from '../institutions/institution.service.js';
import { completeIn, getCase, openBoundCase } from '../cases/case.service.js';
import { sopForPurpose } from '../sop/sop.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import './application.subject.js';

type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;
type Q = Kysely<DB> | Transaction<DB>;

const APPLICATION = { id: 'Permohonan', en: 'Application' };

function mustBeApplicant(actor: Actor) {
  if (actor.orgKind !== 'institution' || !(actor.roles.includes('pimpinan') || actor.roles.includes('admin'))) {
    throw errors.forbidden();
  }
}

async function own(db: Q, actor: Actor, id: string): Promise<ApplicationTable> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(APPLICATION);
  const mine = actor.orgKind === 'institution' && row.institution_id === actor.orgId;
  const officeSees = actor.orgKind === 'office' && (actor.atPusat || actor.orgId === row.office_id);
  if (!mine && !officeSees) throw errors.notFound(APPLICATION);
  return row;
}

function merge(base: ApplicationContent, patch: Partial<ApplicationContent>): ApplicationContent {
  return {
    ...base,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as ApplicationContent;
}

/** Saves a new draft for the actor's institution. */
export async function createDraft(deps: Ctx, actor: Actor, patch: Partial<ApplicationContent>) {
  mustBeApplicant(actor);
  const inst = await findInstitution(deps.db, actor.orgId);
  if (!inst) throw errors.notFound({ id: 'Lembaga', en: 'Institution' });
  const now = deps.now().toISOString();
  const id = newId();
  await deps.db
    .insertInto('applications')
    .values({
      id,
      institution_id: inst.id,
      office_id: inst.office_id,
      status: 'draft',
      content: JSON.stringify(merge({ ...EMPTY_APPLICATION, userName: inst.name }, patch)),
      letter_file_id: null,
      case_id: null,
      agreement_id: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      submitted_at: null,
    })
    .execute();
  return get(deps, actor, id);
}

/** Changes a draft; a submitted application is no longer editable. */
export async function updateDraft(
  deps: Ctx,
  actor: Actor,
  id: string,
  patch: Partial<ApplicationContent> & { letterFileId?: string },
) {
  mustBeApplicant(actor);
  const row = await own(deps.db, actor, id);
  if (row.status !== 'draft') {
    throw errors.conflict('application_submitted', {
      id: 'Permohonan sudah diajukan dan tidak dapat diubah.',
      en: 'The application is submitted and can no longer be changed.',
    });
  }
  const { letterFileId, ...content } = patch;
  if (letterFileId) requirePdf(await ownFile(deps.db, actor, letterFileId));
  await deps.db
    .updateTable('applications')
    .set({
      content: JSON.stringify(merge(JSON.parse(row.content) as ApplicationContent, content)),
      ...(letterFileId ? { letter_file_id: letterFileId } : {}),
      updated_at: deps.now().toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return get(deps, actor, id);
}

/** The office's SOP for applications: the one serving the `application` purpose (sop.service sopForPurpose). */
async function applicationSop(db: Q, now: Date, officeId: string) {
  const found = await sopForPurpose(db, officeId, 'application', now);
  if (found && found !== 'retired') return found;
  throw errors.conflict('no_application_sop', {
    id: 'Kantor ini belum menetapkan SOP permohonan hak akses.',
    en: 'This office has no SOP serving applications.',
  });
}

/**
 * Submits an application, one use case in one transaction: checks the six contents, the letter and (badan hukum)
 * the legal documents, listing everything missing; opens the case on the office's application SOP with the letter
 * attached to the step's kelengkapan that is the application letter; and, when the first step declares
 * `application.submit`, completes that step — the submission is what it describes.
 */
export async function submit(deps: Ctx, actor: Actor, id: string) {
  mustBeApplicant(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await own(trx, actor, id);
    if (row.status !== 'draft') {
      throw errors.conflict('application_submitted', {
        id: 'Permohonan sudah diajukan.',
        en: 'The application is already submitted.',
      });
    }
    const inst = await findInstitution(trx, row.institution_id);
    if (inst?.status !== 'verified') {
      throw new DomainError('forbidden', 'institution_not_verified', {
        id: 'Lembaga belum diverifikasi oleh Disdukcapil; permohonan belum dapat diajukan.',
        en: 'The institution is not verified by its office yet; it cannot apply.',
      });
    }
    const content = JSON.parse(row.content) as ApplicationContent;
    const issues = submissionIssues(content, {
      hasLetter: row.letter_file_id !== null,
      missingInstitutionDocs: await missingDocuments(trx, row.institution_id),
    });
    if (issues.length) {
      throw new DomainError(
        'invalid',
        'application_incomplete',
        { id: 'Permohonan belum lengkap.', en: 'The application is incomplete.' },
        issues,
        { missing: issues.map((i) => i.field) },
      );
    }
    const { version, def } = await applicationSop(trx, deps.now(), row.office_id);
    const first = def.steps.find((s) => s.id === def.start);
    const letterType =
      first?.requirements.find((r) => r.from === 'surat_permohonan')?.name ??
      first?.requirements.find((r) => r.type === 'berkas' && /permohonan/i.test(r.name))?.name ??
      'Surat Permohonan';
    const opened = await openBoundCase(deps, trx, actor, {
      officeId: row.office_id,
      version,
      title: `Permohonan hak akses — ${inst.name}`,
      subjectKind: 'application',
      subjectId: row.id,
      institutionId: row.institution_id,
      attachments: row.letter_file_id ? [{ docType: letterType, fileId: row.letter_file_id }] : [],
    });
    const now = deps.now().toISOString();
    await trx
      .updateTable('applications')
      .set({ status: 'submitted', case_id: opened.id, submitted_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordDecision(trx, deps.now(), actor, {
      action: 'application.submitted',
      institutionId: row.institution_id,
      elements: content.elements,
      detail: { applicationId: row.id, caseId: opened.id, caseNumber: opened.number, sop: def.code },
    });
    if (first?.actions.some((a) => a.type === 'application.submit')) {
      const task = opened.tasks.find((t) => t.step_id === def.start);
      if (task) {
        await completeIn(
          deps,
          trx,
          actor,
          task.id,
          { comment: 'Permohonan diajukan melalui Gerbang.' },
          { bySubmission: true },
        );
      }
    }
  });
  return get(deps, actor, id);
}

/** Applications the actor may see: its own institution's, or those its office received. */
export async function list(deps: Ctx, actor: Actor) {
  let q = deps.db
    .selectFrom('applications')
    .innerJoin('institutions', 'institutions.id', 'applications.institution_id')
    .selectAll('applications')
    .select('institutions.name as institution_name')
    .orderBy('applications.updated_at', 'desc');
  if (actor.orgKind === 'institution') q = q.where('applications.institution_id', '=', actor.orgId);
  else if (!actor.atPusat)
    q = q.where('applications.office_id', '=', actor.orgId).where('applications.status', '!=', 'draft');
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    institutionName: r.institution_name,
    status: r.status,
    purpose: (JSON.parse(r.content) as ApplicationContent).purpose,
    caseId: r.case_id,
    agreementId: r.agreement_id,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
  }));
}

/** One application with its content, what is still missing, and where its case stands. */
export async function get(deps: Ctx, actor: Actor, id: string) {
  const row = await own(deps.db, actor, id);
  const content = JSON.parse(row.content) as ApplicationContent;
  const missing = submissionIssues(content, {
    hasLetter: row.letter_file_id !== null,
    missingInstitutionDocs: await missingDocuments(deps.db, row.institution_id),
  });
  const kase = row.case_id ? await getCase(deps, actor, row.case_id).catch(() => null) : null;
  return {
    id: row.id,
    status: row.status,
    institutionId: row.institution_id,
    officeId: row.office_id,
    content,
    letterFileId: row.letter_file_id,
    protectedElements: protectedElements(content.elements),
    missing: row.status === 'draft' ? missing : [],
    caseId: row.case_id,
    agreementId: row.agreement_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    case: kase
      ? {
          number: kase.number,
          status: kase.status,
          outcome: kase.outcome,
          paused: kase.paused,
          openTasks: kase.tasks
            .filter((t) => t.status === 'open')
            .map((t) => ({
              id: t.id,
              stepId: t.stepId,
              kegiatan: t.kegiatan,
              role: t.role,
              via: t.via,
              reason: t.reason,
              sla: t.sla,
              deadlineAt: t.deadlineAt,
              canAct: t.canAct,
            })),
        }
      : null,
  };
}
