/**
 * The owner of a control campaign's case (issue 13): the case runs on the office's control SOP and its declared
 * actions move the campaign — campaign.prepare freezes the data dukung again (and lists its annex), campaign.visit
 * is done only once every institution's checklist is filled in, campaign.report produces the numbered report (a
 * new version at a later step holding it, with the follow-ups as they are then). The case can end well only with
 * the report produced, whatever the SOP says.
 */
import type { Transaction } from 'kysely';
import type { CaseTable, DB } from '../../db/schema.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { KINDS } from '../../../domain/documents.js';
import { sameDocType } from '../cases/case.service.js';
import { registerSubject } from '../cases/subjects.js';
import * as documents from '../documents/document.service.js';
import { letterPeople, templateOffice } from '../directory/letterhead.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import {
  allChecklistsComplete,
  DATA_DUKUNG_DOC,
  freezeDataDukung,
  REPORT_DOC,
  reportData,
  SUBJECT_KIND,
} from './campaigns.service.js';
import * as repo from './campaigns.repository.js';

async function campaignOf(trx: Transaction<DB>, kase: CaseTable) {
  const c = kase.subject_id ? await repo.findCampaign(trx, kase.subject_id) : undefined;
  if (!c) throw errors.notFound({ id: 'Kampanye pengendalian', en: 'Control campaign' });
  return c;
}

/** The name the step gives the file it makes (its output naming it), else the default. */
function outputName(outputs: readonly string[], fallback: string, like: RegExp): string {
  return outputs.find((o) => like.test(o)) ?? fallback;
}

registerSubject(SUBJECT_KIND, {
  async verify(trx, kase) {
    const c = await campaignOf(trx, kase);
    // Bound to this very case and office: a forged case names someone else's campaign.
    if (c.case_id !== kase.id || c.office_id !== kase.office_id) throw errors.forbidden();
  },
  async letterData() {
    return { data: {}, agreementId: null };
  },
  async act(ctx, word) {
    const { trx, deps, actor, step } = ctx;
    const c = await campaignOf(trx, ctx.kase);
    const at = deps.now();
    const iso = at.toISOString();
    switch (word) {
      case 'campaign.prepare': {
        if (c.status !== 'open') return [];
        const { file, dukung } = await freezeDataDukung(deps, trx, actor, c);
        await recordDecision(trx, at, actor, {
          action: 'campaign.data_dukung_prepared',
          detail: {
            campaignId: c.id,
            caseId: c.case_id,
            fileId: file.id,
            sha256: file.sha256,
            calls: dukung.reduce((n, d) => n + d.usage.calls, 0),
          },
        });
        return [{ docType: outputName(step.output, DATA_DUKUNG_DOC, /data dukung/i), fileId: file.id }];
      }
      case 'campaign.visit': {
        if (!(await allChecklistsComplete(trx, c.id))) {
          throw new DomainError('conflict', 'checklist_incomplete', {
            id: 'Kunjungan belum dapat dicatat selesai: daftar periksa setiap lembaga harus diisi lengkap.',
            en: "The visit cannot be completed: every institution's checklist must be filled in.",
          });
        }
        await repo.updateCampaign(trx, c.id, { visited_at: iso, updated_at: iso });
        await recordDecision(trx, at, actor, {
          action: 'campaign.visit_recorded',
          detail: { campaignId: c.id, caseId: c.case_id, findings: (await repo.findingsOf(trx, c.id)).length },
        });
        return [];
      }
      case 'campaign.report': {
        const name = outputName(step.output, REPORT_DOC, /laporan hasil/i);
        // A joint step runs the action for each party: the one who comes second finds it made by this step.
        if (c.report_document_id && c.report_step_id === step.id) {
          const latest = await documents.latestVersionOf(trx, c.report_document_id);
          return latest ? [{ docType: name, fileId: latest.file_id }] : [];
        }
        if (!c.visited_at && !(await allChecklistsComplete(trx, c.id))) {
          throw new DomainError('conflict', 'checklist_incomplete', {
            id: 'Laporan belum dapat disusun: daftar periksa setiap lembaga harus diisi lengkap.',
            en: "The report cannot be produced: every institution's checklist must be filled in.",
          });
        }
        const data = {
          office: await templateOffice(trx, c.office_id),
          ...(await letterPeople(trx, { issuerOfficeId: c.office_id, actor })),
          caseNumber: ctx.kase.number,
          caseTitle: ctx.kase.title,
          campaign: await reportData(trx, c, actor.displayName),
        };
        const produced = c.report_document_id
          ? await documents.addVersion(deps, trx, c.report_document_id, data, actor.userId)
          : await documents.produce(deps, trx, {
              kind: 'campaign_report',
              officeId: c.office_id,
              caseId: c.case_id,
              data,
              createdBy: actor.userId,
            });
        await documents.sign(deps, trx, actor, produced.documentId, {
          party: 'office',
          role: ctx.task.role_code,
        });
        await repo.updateCampaign(trx, c.id, {
          status: c.status === 'closed' ? 'closed' : 'reported',
          report_document_id: produced.documentId,
          report_step_id: step.id,
          reported_at: iso,
          updated_at: iso,
        });
        await recordDecision(trx, at, actor, {
          action: 'campaign.report_produced',
          result: `v${produced.version}`,
          detail: {
            campaignId: c.id,
            caseId: c.case_id,
            documentId: produced.documentId,
            number: produced.number,
            sha256: produced.sha256,
            stepId: step.id,
          },
        });
        return [
          {
            docType: sameDocType(name, KINDS.campaign_report.id) ? KINDS.campaign_report.id : name,
            fileId: produced.fileId,
          },
        ];
      }
      default:
        throw errors.conflict('action_not_for_campaign', {
          id: `Aksi ${word} tidak berlaku untuk kampanye pengendalian.`,
          en: `Action ${word} does not apply to a control campaign.`,
        });
    }
  },
  async ended(ctx, outcome) {
    const c = await campaignOf(ctx.trx, ctx.kase);
    // The law's minimum on the campaign itself: it ends well only with its report produced.
    if (outcome === 'selesai' && !c.report_document_id) {
      throw new DomainError('conflict', 'minimum_not_met', {
        id: 'Pengendalian belum dapat selesai: laporan hasil pengendalian belum disusun.',
        en: 'The campaign cannot end: its control report is not produced.',
      });
    }
    const iso = ctx.deps.now().toISOString();
    await repo.updateCampaign(ctx.trx, c.id, { status: 'closed', updated_at: iso });
  },
});
