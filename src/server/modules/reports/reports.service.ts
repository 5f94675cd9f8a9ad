/**
 * Semester usage reports (issue 12): the institution lists what it owes, drafts a report, and its pimpinan
 * submits it — figures frozen from the usage ledger, a numbered PDF with its QR code signed over its SHA-256,
 * and a case opened on the office's report-review SOP (published from sops/templates on first use). The office
 * accepts it or returns it with notes through that case; a returned report is corrected and resubmitted, and
 * the same case continues. Every step is one transaction with its decision on the signed record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UsageReportTable } from '../../db/schema-reports.js';
import type { Deps } from '../../deps.js';
import { can, type Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import {
  contentIssues,
  editable,
  EMPTY_CONTENT,
  underReview,
  type EntryStatus,
  type ReportContent,
  type ReportStatus,
  type ReviewDecision,
} from '../../../domain/reports/report.js';
import { semesterLabel, semesterLabelEn, semesterOf } from '../../../domain/reports/semester.js';
import { isOverdue, standingOf } from '../../../domain/reports/ladder.js';
import { tanggal } from '../../../domain/tanggal.js';
import { newId } from '../../lib/ids.js';
import { findInstitution } from '../directory/directory.repository.js';
import { completeIn, openBoundCase, openTasksWithAction } from '../cases/case.service.js';
import * as documents from '../documents/document.service.js';
import type { ReportLetterData, TemplateData } from '../documents/templates.js';
import { templateOffice } from '../directory/letterhead.service.js';
import { ensureTemplateSop, sopForPurpose } from '../sop/sop.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import { usageSummary, type UsageSummary } from '../usage/usage.summary.js';
import { notify } from './notices.js';
import { OfficeDates, owedReports, reportLabelEn, type OwedReport } from './report.obligations.js';
import * as repo from './reports.repository.js';
import { runLadder } from '../../scheduler/jobs/obligations.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

const REPORT = { id: 'Laporan semester', en: 'Semester report' };
/** The SOP code every office reviews reports on; published from sops/templates on first use. */
export const REVIEW_SOP = 'laporan-semester';
/** The name of the report on its case (the review step's kelengkapan). */
export const REPORT_DOC = 'Laporan Penggunaan Data Semesteran';

/** What a screen shows of a report (owed, in draft, under review, returned or accepted). */
export type { EntryStatus };

/** Offices at or below an office (the office sees its own institutions and those of its kabupaten/kota). */
export async function officesUnder(db: Q, officeId: string): Promise<string[]> {
  const all = await repo.officeTree(db);
  const out = new Set([officeId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of all) {
      if (o.parent_id && out.has(o.parent_id) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return [...out];
}

/** The agreements whose reports the actor may see (its own; its offices'; all for pusat). */
async function scopedAgreements(db: Q, actor: Actor, filter: { institutionId?: string; agreementId?: string } = {}) {
  if (actor.orgKind === 'institution') {
    if (filter.institutionId && filter.institutionId !== actor.orgId) return [];
    return repo.reportingAgreements(db, { ...filter, institutionId: actor.orgId });
  }
  if (actor.atPusat) return repo.reportingAgreements(db, filter);
  return repo.reportingAgreements(db, { ...filter, officeIds: await officesUnder(db, actor.orgId) });
}

function statusOf(o: OwedReport): EntryStatus {
  if (o.report) return o.report.status;
  return o.today > o.semester.end ? 'owed' : 'current';
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** One report as the list shows it. */
function entryOf(o: OwedReport, steps: ReadonlyMap<string, { step: string; document_id: string | null }[]>) {
  const taken = steps.get(o.obligation.key) ?? [];
  const warning = taken.find((s) => s.step === 'warning');
  const late = isOverdue(o.obligation, o.today);
  return {
    id: o.report?.id ?? null,
    agreementId: o.agreement.id,
    agreementNumber: o.agreement.number,
    institution: { id: o.agreement.institution_id, name: o.agreement.institution_name },
    office: { id: o.agreement.office_id, name: o.agreement.office_name },
    semester: o.semester.key,
    label: { id: semesterLabel(o.semester), en: semesterLabelEn(o.semester) },
    periodStart: o.periodStart,
    periodEnd: o.periodEnd,
    dueDate: o.dueDate,
    status: statusOf(o),
    late,
    daysLate: late ? daysBetween(o.dueDate, o.today) : 0,
    sanctionable: standingOf(o.obligation, o.today) === 'sanctionable',
    reminded: taken.some((s) => s.step === 'reminder_before' || s.step === 'reminder_due'),
    warned: warning !== undefined,
    warningDocumentId: warning?.document_id ?? null,
    notes: o.report?.status === 'returned' ? o.report.notes : null,
    caseId: o.report?.case_id ?? null,
    documentId: o.report?.document_id ?? null,
    submittedAt: o.report?.submitted_at ?? null,
    acceptedAt: o.report?.accepted_at ?? null,
  };
}

/** A report list entry. */
export type ReportEntry = ReturnType<typeof entryOf>;

async function stepsByKey(db: Q, institutionIds: readonly string[]) {
  const map = new Map<string, { step: string; document_id: string | null }[]>();
  for (const s of await repo.stepsTaken(db, [...new Set(institutionIds)])) {
    const list = map.get(s.obligation_key) ?? [];
    list.push(s);
    map.set(s.obligation_key, list);
  }
  return map;
}

/** The reports in the actor's scope, newest semester first; `status` filters (late: overdue and not accepted). */
export async function listReports(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  query: { institutionId?: string; officeId?: string; status?: EntryStatus | 'late' },
): Promise<ReportEntry[]> {
  let agreements = await scopedAgreements(deps.db, actor, {
    ...(query.institutionId ? { institutionId: query.institutionId } : {}),
  });
  if (query.officeId) agreements = agreements.filter((a) => a.office_id === query.officeId);
  const owed = await owedReports(deps.db, agreements, new OfficeDates(deps.db, deps.now()));
  const steps = await stepsByKey(
    deps.db,
    agreements.map((a) => a.institution_id),
  );
  return owed
    .map((o) => entryOf(o, steps))
    .filter((e) => !query.status || (query.status === 'late' ? e.late : e.status === query.status))
    .sort((a, b) =>
      a.semester === b.semester
        ? a.institution.name.localeCompare(b.institution.name)
        : b.semester.localeCompare(a.semester),
    );
}

/** The owed report of an agreement for a semester, as the actor may see it; 404 otherwise. */
async function owedOne(db: Q, actor: Actor, now: Date, agreementId: string, semester: string): Promise<OwedReport> {
  if (!semesterOf(semester)) throw errors.notFound(REPORT);
  const agreements = await scopedAgreements(db, actor, { agreementId });
  const found = (await owedReports(db, agreements, new OfficeDates(db, now))).find((o) => o.semester.key === semester);
  if (!found) throw errors.notFound(REPORT);
  return found;
}

function contentOf(r: UsageReportTable | undefined): ReportContent {
  return r ? { ...EMPTY_CONTENT, ...(JSON.parse(r.content) as Partial<ReportContent>) } : EMPTY_CONTENT;
}

/** One report: its entry, the institution's text, and the figures (frozen once submitted, else the ledger's now). */
export async function getReport(deps: Ctx, actor: Actor, agreementId: string, semester: string) {
  const o = await owedOne(deps.db, actor, deps.now(), agreementId, semester);
  const steps = await stepsByKey(deps.db, [o.agreement.institution_id]);
  const frozen = o.report?.figures ? (JSON.parse(o.report.figures) as UsageSummary) : null;
  const figures = frozen ?? (await usageSummary(deps.db, { agreementId, from: o.periodStart, to: o.periodEnd }));
  const own = actor.orgKind === 'institution' && actor.orgId === o.agreement.institution_id;
  const status = o.report?.status;
  return {
    ...entryOf(o, steps),
    content: contentOf(o.report),
    figures,
    figuresFrozen: frozen !== null,
    returnedNotes: o.report?.notes ?? null,
    canEdit: own && editable(status) && (actor.roles.includes('pimpinan') || actor.roles.includes('admin')),
    canSubmit: own && editable(status) && actor.roles.includes('pimpinan') && o.today > o.semester.end,
    canReview:
      actor.orgKind === 'office' &&
      actor.orgId === o.agreement.office_id &&
      can(actor, 'report.review') &&
      underReview(status),
  };
}

/** The institution's own agreement for a write: its pimpinan (submit) or pimpinan/admin (draft). */
function requireOwn(actor: Actor, o: OwedReport, roles: readonly string[]) {
  if (actor.orgKind !== 'institution' || actor.orgId !== o.agreement.institution_id) throw errors.forbidden();
  if (!roles.some((r) => actor.roles.includes(r))) throw errors.forbidden();
}

function notEditable() {
  return errors.conflict('report_not_editable', {
    id: 'Laporan ini sedang ditelaah atau sudah diterima; tidak dapat diubah.',
    en: 'This report is under review or accepted; it cannot be changed.',
  });
}

/** Saves the institution's draft of a report (pimpinan or admin); the figures stay the ledger's until submission. */
export async function saveDraft(
  deps: Ctx,
  actor: Actor,
  agreementId: string,
  semester: string,
  content: ReportContent,
) {
  await deps.db.transaction().execute(async (trx) => {
    const o = await owedOne(trx, actor, deps.now(), agreementId, semester);
    requireOwn(actor, o, ['pimpinan', 'admin']);
    if (!editable(o.report?.status)) throw notEditable();
    const at = deps.now().toISOString();
    if (!o.report) {
      await repo.insertReport(trx, blankRow(o, content, at));
    } else if (
      !(await repo.updateReportIf(trx, o.report.id, o.report.status, {
        content: JSON.stringify(content),
        updated_at: at,
      }))
    ) {
      throw notEditable();
    }
  });
  return getReport(deps, actor, agreementId, semester);
}

function blankRow(o: OwedReport, content: ReportContent, at: string): UsageReportTable {
  return {
    id: newId(),
    agreement_id: o.agreement.id,
    institution_id: o.agreement.institution_id,
    office_id: o.agreement.office_id,
    semester: o.semester.key,
    period_start: o.periodStart,
    period_end: o.periodEnd,
    status: 'draft',
    content: JSON.stringify(content),
    figures: null,
    notes: null,
    case_id: null,
    document_id: null,
    submitted_by: null,
    submitted_at: null,
    returned_at: null,
    accepted_by: null,
    accepted_at: null,
    created_at: at,
    updated_at: at,
  };
}

async function letterData(db: Q, o: OwedReport, report: ReportLetterData): Promise<TemplateData> {
  const inst = await findInstitution(db, o.agreement.institution_id);
  return {
    office: await templateOffice(db, o.agreement.office_id),
    ...(inst ? { institution: { name: inst.name, type: inst.type, address: inst.address } } : {}),
    report,
  };
}

/**
 * The pimpinan submits (or, once returned, resubmits) a report: the ledger's figures frozen, the PDF produced
 * (a new version of the same numbered document on resubmission) and signed over its SHA-256, and the review case
 * opened — or, on resubmission, its correction step completed so the review runs again.
 */
export async function submit(deps: Ctx, actor: Actor, agreementId: string, semester: string, content: ReportContent) {
  const first = await owedOne(deps.db, actor, deps.now(), agreementId, semester);
  requireOwn(actor, first, ['pimpinan']);
  if (!editable(first.report?.status)) throw notEditable();
  if (first.today <= first.semester.end) {
    throw errors.conflict('semester_not_over', {
      id: `Laporan ${semesterLabel(first.semester)} dapat disampaikan setelah semester berakhir (${tanggal(first.semester.end)}).`,
      en: `The report for ${semesterLabelEn(first.semester)} can be submitted once the semester is over.`,
    });
  }
  const issues = contentIssues(content);
  if (issues.length)
    throw errors.invalid(
      'report_incomplete',
      { id: 'Laporan belum lengkap.', en: 'The report is incomplete.' },
      issues,
    );
  // Read before the transaction: on SQLite a read outside it would wait for it.
  const figures = await usageSummary(deps.db, { agreementId, from: first.periodStart, to: first.periodEnd });
  await ensureTemplateSop(deps, first.agreement.office_id, { code: REVIEW_SOP, purpose: 'report_review' });
  await deps.db.transaction().execute(async (trx) => {
    const o = await owedOne(trx, actor, deps.now(), agreementId, semester);
    const from = o.report?.status;
    if (!editable(from)) throw notEditable();
    const at = deps.now();
    const iso = at.toISOString();
    const resubmission = from === 'returned';
    let row = o.report;
    if (!row) {
      row = blankRow(o, content, iso);
      await repo.insertReport(trx, row);
    }
    const next: ReportStatus = resubmission ? 'resubmitted' : 'submitted';
    const moved = await repo.updateReportIf(trx, row.id, row.status, {
      status: next,
      content: JSON.stringify(content),
      figures: JSON.stringify(figures),
      submitted_by: actor.userId,
      submitted_at: iso,
      updated_at: iso,
    });
    if (!moved) throw notEditable();
    const revision = resubmission
      ? ((await documents.latestVersionOf(trx, row.document_id ?? ''))?.version ?? 0) + 1
      : 1;
    const data = await letterData(trx, o, {
      agreementNumber: o.agreement.number,
      semester: semesterLabel(o.semester),
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      figures,
      content,
      signer: actor.displayName,
      revision,
    });
    const produced =
      row.document_id && resubmission
        ? await documents.addVersion(deps, trx, row.document_id, data, actor.userId)
        : await documents.produce(deps, trx, {
            kind: 'usage_report',
            officeId: o.agreement.office_id,
            institutionId: o.agreement.institution_id,
            agreementId: o.agreement.id,
            data,
            createdBy: actor.userId,
          });
    const signed = await documents.sign(deps, trx, actor, produced.documentId, {
      party: 'institution',
      role: 'pimpinan',
    });
    let caseId = row.case_id;
    if (!resubmission || !caseId) {
      const serving = await sopForPurpose(trx, o.agreement.office_id, 'report_review', at);
      if (!serving || serving === 'retired') {
        throw errors.conflict('no_review_sop', {
          id: 'Kantor ini tidak menetapkan SOP penelaahan laporan semester.',
          en: 'This office has no SOP serving report review.',
        });
      }
      const opened = await openBoundCase(deps, trx, actor, {
        officeId: o.agreement.office_id,
        version: serving.version,
        title: `Laporan ${semesterLabel(o.semester)} — ${o.agreement.institution_name} (${o.agreement.number})`,
        subjectKind: SUBJECT_KIND,
        subjectId: row.id,
        institutionId: o.agreement.institution_id,
        attachments: [{ docType: REPORT_DOC, fileId: produced.fileId }],
      });
      caseId = opened.id;
      await trx
        .updateTable('usage_reports')
        .set({ case_id: caseId, document_id: produced.documentId })
        .where('id', '=', row.id)
        .execute();
    } else {
      // The correction step of the case is done by the resubmission itself (report.resubmit).
      const tasks = await openTasksWithAction(trx, actor, caseId, 'report.resubmit');
      const task = tasks[0];
      if (!task) {
        throw errors.conflict('no_correction_task', {
          id: 'Tidak ada langkah perbaikan terbuka untuk laporan ini.',
          en: 'There is no open correction step for this report.',
        });
      }
      await completeIn(deps, trx, actor, task.taskId, { comment: 'Laporan diperbaiki dan disampaikan kembali.' });
    }
    await recordDecision(trx, at, actor, {
      action: resubmission ? 'report.resubmitted' : 'report.submitted',
      result: next,
      institutionId: o.agreement.institution_id,
      pksId: o.agreement.id,
      detail: {
        reportId: row.id,
        semester: o.semester.key,
        caseId,
        documentId: produced.documentId,
        number: produced.number,
        overSha256: signed.overSha256,
        calls: figures.calls,
      },
    });
    await notify(trx, at, {
      to: { kind: 'office', id: o.agreement.office_id },
      institutionId: o.agreement.institution_id,
      kind: resubmission ? 'report_resubmitted' : 'report_submitted',
      title: resubmission
        ? { id: 'Laporan semester diperbaiki', en: 'Semester report corrected' }
        : { id: 'Laporan semester masuk', en: 'Semester report received' },
      body: {
        id: `${o.agreement.institution_name} menyampaikan ${resubmission ? 'perbaikan ' : ''}laporan ${semesterLabel(o.semester)} untuk ditelaah.`,
        en: `${o.agreement.institution_name} ${resubmission ? 'resubmitted' : 'submitted'} its ${reportLabelEn(o.semester)} for review.`,
      },
      link: `/reports/${o.agreement.id}/${o.semester.key}`,
      documentId: produced.documentId,
    });
  });
  return getReport(deps, actor, agreementId, semester);
}

/**
 * The office's review: accept, or return with notes. It completes the review step of the report's case (the
 * SOP's branch carrying report.accept or report.return), so the case, its tasks and the report move together.
 */
export async function review(
  deps: Ctx,
  actor: Actor,
  agreementId: string,
  semester: string,
  input: { decision: ReviewDecision; notes?: string },
) {
  if (actor.orgKind !== 'office' || !can(actor, 'report.review')) throw errors.forbidden();
  const notes = input.notes?.trim() ?? '';
  if (input.decision === 'return' && notes.length < 3) {
    throw errors.invalid(
      'notes_required',
      { id: 'Catatan perbaikan wajib diisi.', en: 'Notes for correction are required.' },
      [{ field: 'notes', message: { id: 'tulis apa yang harus diperbaiki', en: 'say what must be corrected' } }],
    );
  }
  const institutionId = await deps.db.transaction().execute(async (trx) => {
    const o = await owedOne(trx, actor, deps.now(), agreementId, semester);
    const r = o.report;
    if (actor.orgId !== o.agreement.office_id) throw errors.forbidden();
    if (!r || !underReview(r.status) || !r.case_id) {
      throw errors.conflict('report_not_under_review', {
        id: 'Laporan ini tidak sedang menunggu penelaahan.',
        en: 'This report is not waiting for review.',
      });
    }
    const word = input.decision === 'accept' ? 'report.accept' : 'report.return';
    const task = (await openTasksWithAction(trx, actor, r.case_id, word))[0];
    if (!task) throw errors.forbidden();
    // The notes travel with the report: the report.return action reads them from the row in this transaction.
    if (input.decision === 'return')
      await trx.updateTable('usage_reports').set({ notes }).where('id', '=', r.id).execute();
    await completeIn(deps, trx, actor, task.taskId, {
      ...(task.decision !== undefined ? { decision: task.decision } : {}),
      ...(notes ? { comment: notes } : {}),
    });
    return o.agreement.institution_id;
  });
  // Accepted: the ladder runs for this institution now, so a suspension it imposed is lifted (recorded, with its
  // letter) before the office sees the answer, not at the next tick.
  if (input.decision === 'accept') await runLadder(deps, deps.now(), () => undefined, { institutionId });
  return getReport(deps, actor, agreementId, semester);
}

/** The PDF of a report's newest version, for whoever may see the report. */
export async function reportPdf(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  agreementId: string,
  semester: string,
) {
  const o = await owedOne(deps.db, actor, deps.now(), agreementId, semester);
  const docId = o.report?.document_id;
  if (!docId) throw errors.notFound({ id: 'Berkas laporan', en: 'Report file' });
  const latest = await documents.latestVersionOf(deps.db, docId);
  if (!latest) throw errors.notFound({ id: 'Berkas laporan', en: 'Report file' });
  const { file, bytes } = await documents.versionFile(deps, actor, docId, latest.version);
  return { filename: file?.filename ?? 'laporan.pdf', bytes };
}

/** The subject kind of a report's review case. */
export const SUBJECT_KIND = 'usage_report';

/** Thrown when the case would end accepted without the report accepted (the law's minimum on the report itself). */
export function minimumNotMet() {
  return new DomainError('conflict', 'minimum_not_met', {
    id: 'Penelaahan belum dapat selesai: laporan belum diterima.',
    en: 'The review cannot end: the report is not accepted.',
  });
}
