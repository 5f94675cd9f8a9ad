/**
 * The owner of a report-review case's subject (issue 12): the case runs on the office's report-review SOP and
 * its declared actions — report.accept, report.return, report.resubmit — move the report it is bound to. The
 * case can end well only with the report accepted, whatever the SOP says.
 */
import type { Transaction } from 'kysely';
import type { CaseTable, DB } from '../../db/schema.js';
import { errors } from '../../../domain/errors.js';
import { semesterLabel, semesterLabelEn, semesterOf } from '../../../domain/reports/semester.js';
import { registerSubject } from '../cases/subjects.js';
import * as documents from '../documents/document.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import { notify } from './notices.js';
import { minimumNotMet, REPORT_DOC, SUBJECT_KIND } from './reports.service.js';
import * as repo from './reports.repository.js';

async function reportOf(trx: Transaction<DB>, kase: CaseTable) {
  const r = kase.subject_id ? await repo.findReport(trx, kase.subject_id) : undefined;
  if (!r) throw errors.notFound({ id: 'Laporan semester', en: 'Semester report' });
  return r;
}

function labels(semester: string) {
  const s = semesterOf(semester);
  return s ? { id: semesterLabel(s), en: semesterLabelEn(s) } : { id: semester, en: semester };
}

registerSubject(SUBJECT_KIND, {
  async verify(trx, kase) {
    const r = await reportOf(trx, kase);
    // Bound to this very case, office and institution: a forged case names someone else's report.
    if (r.case_id !== kase.id || r.office_id !== kase.office_id || r.institution_id !== kase.institution_id)
      throw errors.forbidden();
  },
  async letterData(trx, kase) {
    const r = await reportOf(trx, kase);
    return { data: {}, agreementId: r.agreement_id };
  },
  async act(ctx, word) {
    const { trx, deps, actor } = ctx;
    const r = await reportOf(trx, ctx.kase);
    const at = deps.now();
    const iso = at.toISOString();
    const label = labels(r.semester);
    const link = `/reports/${r.agreement_id}/${r.semester}`;
    const record = (action: string, result: string, detail: Record<string, string | null> = {}) =>
      recordDecision(trx, at, actor, {
        action,
        result,
        institutionId: r.institution_id,
        pksId: r.agreement_id,
        detail: { reportId: r.id, semester: r.semester, caseId: ctx.kase.id, ...detail },
      });
    const notReviewable = () =>
      errors.conflict('report_not_under_review', {
        id: 'Laporan ini tidak sedang menunggu penelaahan.',
        en: 'This report is not waiting for review.',
      });
    switch (word) {
      case 'report.accept': {
        if (r.status !== 'submitted' && r.status !== 'resubmitted') throw notReviewable();
        if (
          !(await repo.updateReportIf(trx, r.id, r.status, {
            status: 'accepted',
            accepted_by: actor.userId,
            accepted_at: iso,
            notes: null,
            updated_at: iso,
          }))
        )
          throw notReviewable();
        await record('report.accepted', 'accepted');
        await notify(trx, at, {
          to: { kind: 'institution', id: r.institution_id },
          institutionId: r.institution_id,
          kind: 'report_accepted',
          title: { id: 'Laporan semester diterima', en: 'Semester report accepted' },
          body: { id: `Laporan ${label.id} telah diterima.`, en: `Your report for ${label.en} was accepted.` },
          link,
          documentId: r.document_id,
        });
        return [];
      }
      case 'report.return': {
        if (r.status !== 'submitted' && r.status !== 'resubmitted') throw notReviewable();
        const notes = r.notes?.trim() || 'Laporan dikembalikan untuk diperbaiki; lihat catatan pada kasus.';
        if (
          !(await repo.updateReportIf(trx, r.id, r.status, {
            status: 'returned',
            returned_at: iso,
            notes,
            updated_at: iso,
          }))
        )
          throw notReviewable();
        await record('report.returned', 'returned', { notes });
        await notify(trx, at, {
          to: { kind: 'institution', id: r.institution_id },
          institutionId: r.institution_id,
          kind: 'report_returned',
          title: { id: 'Laporan semester dikembalikan', en: 'Semester report returned' },
          body: {
            id: `Laporan ${label.id} dikembalikan untuk diperbaiki. Catatan: ${notes}`,
            en: `Your report for ${label.en} was returned for correction. Notes: ${notes}`,
          },
          link,
        });
        return [];
      }
      case 'report.resubmit': {
        // Done by the resubmission itself (reports.service.ts submit), never by completing the task alone.
        if (r.status !== 'resubmitted') {
          throw errors.conflict('completed_by_resubmission', {
            id: 'Langkah ini selesai dengan menyampaikan kembali laporan yang sudah diperbaiki.',
            en: 'This step is completed by resubmitting the corrected report.',
          });
        }
        const latest = r.document_id ? await documents.latestVersionOf(trx, r.document_id) : undefined;
        return latest ? [{ docType: REPORT_DOC, fileId: latest.file_id }] : [];
      }
      default:
        throw errors.conflict('action_not_for_report', {
          id: `Aksi ${word} tidak berlaku untuk laporan semester.`,
          en: `Action ${word} does not apply to a semester report.`,
        });
    }
  },
  async ended(ctx, outcome) {
    const r = await reportOf(ctx.trx, ctx.kase);
    // The law's minimum on the report itself: a review ends well only with the report accepted.
    if (outcome === 'selesai' && r.status !== 'accepted') throw minimumNotMet();
  },
});
