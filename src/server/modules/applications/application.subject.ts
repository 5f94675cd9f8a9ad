/**
 * The application as a case subject: the case opened by submitting it runs the office's application SOP, and
 * its declared lifecycle actions draft, approve, sign, activate the PKS and approve the juknis through the
 * agreement module — which enforces the law's order whatever the SOP says. Registered when the application
 * service loads.
 */
import type { Transaction } from 'kysely';
import type { CaseTable, DB } from '../../db/schema.js';
import { DomainError, errors } from '../../../domain/errors.js';
import type { ApplicationContent } from '../../../domain/application.js';
import { inForce } from '../../../domain/agreement/pks.js';
import { completeTask, openTasksWithAction } from '../cases/case.service.js';
import { registerSubject } from '../cases/subjects.js';
import { createFromApplication, transitionIn, useCaseRunner } from '../agreements/agreement.service.js';
import { findAgreement } from '../agreements/agreement.repository.js';
import { recordDecision } from '../access/audit/decisions.js';

const APPLICATION = { id: 'Permohonan', en: 'Application' };

async function applicationOf(trx: Transaction<DB>, kase: Pick<CaseTable, 'subject_id'>) {
  const row = kase.subject_id
    ? await trx.selectFrom('applications').selectAll().where('id', '=', kase.subject_id).executeTakeFirst()
    : undefined;
  if (!row) throw errors.notFound(APPLICATION);
  return row;
}

function needsAgreement() {
  return errors.conflict('no_pks_yet', {
    id: 'Naskah PKS belum disusun pada kasus ini.',
    en: 'The PKS has not been drafted in this case yet.',
  });
}

useCaseRunner({
  tasksWithAction: openTasksWithAction,
  complete: (deps, actor, taskId, input) => completeTask(deps, actor, taskId, input),
});

registerSubject('application', {
  async verify(trx, kase) {
    const app = await applicationOf(trx, kase);
    // Bound to this very case, this office and this institution; a forged case names someone else's application.
    if (app.case_id !== kase.id || app.office_id !== kase.office_id || app.institution_id !== kase.institution_id) {
      throw errors.forbidden();
    }
  },
  async letterData(trx, kase) {
    const app = await applicationOf(trx, kase);
    return { data: { application: JSON.parse(app.content) as ApplicationContent }, agreementId: app.agreement_id };
  },
  async act(ctx, word) {
    const { trx, deps, actor } = ctx;
    const app = await applicationOf(trx, ctx.kase);
    const agreementId = app.agreement_id;
    switch (word) {
      case 'pks.draft': {
        if (agreementId && (await findAgreement(trx, agreementId))) return [];
        const created = await createFromApplication(deps, trx, app, ctx.kase.id, actor.userId);
        await recordDecision(trx, deps.now(), actor, {
          action: 'pks.draft',
          institutionId: app.institution_id,
          pksId: created.agreementId,
          detail: { applicationId: app.id, caseId: ctx.kase.id },
        });
        return [{ docType: ctx.step.output[0] ?? 'Naskah Perjanjian Kerja Sama', fileId: created.document.fileId }];
      }
      case 'pks.submit':
      case 'pks.approve':
      case 'pks.sign':
      case 'pks.activate':
      case 'juknis.approve': {
        if (!agreementId) throw needsAgreement();
        const action =
          word === 'pks.submit'
            ? 'submit'
            : word === 'pks.approve'
              ? 'approve'
              : word === 'pks.sign'
                ? 'sign'
                : word === 'pks.activate'
                  ? 'activate'
                  : 'approve_juknis';
        await transitionIn(deps, trx, actor, agreementId, action, ctx.params, { byTask: true });
        return [];
      }
      case 'access.request':
      case 'trial.result':
        await recordDecision(trx, deps.now(), actor, {
          action: word,
          institutionId: app.institution_id,
          pksId: agreementId,
          detail: { applicationId: app.id, caseId: ctx.kase.id, decision: ctx.decision ?? null },
        });
        return [];
      case 'application.submit':
        return [];
      default:
        // The report review's words (report.*) cannot be declared on an application's SOP (sop/validate.ts).
        throw errors.conflict('action_not_for_application', {
          id: `Aksi ${word} tidak berlaku untuk permohonan.`,
          en: `Action ${word} does not apply to an application.`,
        });
    }
  },
  async ended(ctx, outcome) {
    const { trx, deps, actor } = ctx;
    const app = await applicationOf(trx, ctx.kase);
    if (outcome === 'selesai') {
      // Whatever the SOP drew, an application ends approved only with a PKS in force (or activated and waiting
      // for its start date) and its juknis approved.
      const a = app.agreement_id ? await findAgreement(trx, app.agreement_id) : undefined;
      if (!a || !(inForce(a.status) || a.status === 'scheduled') || !a.juknis_approved_at) {
        throw new DomainError('conflict', 'minimum_not_met', {
          id: 'Permohonan belum dapat selesai: PKS belum berlaku atau petunjuk teknis belum disetujui.',
          en: 'The application cannot end yet: its PKS is not in force or its juknis is not approved.',
        });
      }
    }
    const status = outcome === 'selesai' ? 'approved' : outcome === 'ditolak' ? 'rejected' : 'withdrawn';
    await trx
      .updateTable('applications')
      .set({ status, updated_at: deps.now().toISOString() })
      .where('id', '=', app.id)
      .execute();
    await recordDecision(trx, deps.now(), actor, {
      action: `application.${status}`,
      result: outcome,
      institutionId: app.institution_id,
      pksId: app.agreement_id,
      detail: { applicationId: app.id, caseId: ctx.kase.id },
    });
  },
});
