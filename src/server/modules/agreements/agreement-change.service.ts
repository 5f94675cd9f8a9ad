/**
 * Addenda and renewals of a PKS in force. A change waits as a pending version bound to the one case that runs it
 * on the office's PKS-change SOP; it comes into force only when that case ends well AND the law's minimum holds
 * on the version itself: the Director General approved it and both parties signed its text's hash.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { endAfterMonths, inForce, pksHash, statusOn, type PksContent } from '../../../domain/agreement/pks.js';
import type { AccessMethod } from '../../../domain/grant/grant.js';
import { dutiesOrNone, type DataBalikanDuty } from '../../../domain/balikan/kinds.js';
import { elementChoiceIssues } from '../../../domain/application.js';
import { newId } from '../../lib/ids.js';
import { openBoundCase } from '../cases/case.service.js';
import { registerSubject, type SubjectContext } from '../cases/subjects.js';
import * as documents from '../documents/document.service.js';
import { ensureTemplateSop, sopForPurpose } from '../sop/sop.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import { followPks } from '../access/provisioning/follow-pks.js';
import * as repo from './agreement.repository.js';
import { bothSigned, isOfficeOf, templateData, visibleAgreement } from './agreement.service.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { localDate } from '../../../domain/calendar/calendar.js';

type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

/** The SOP code every office uses for PKS changes; published from sops/templates on first use. */
export const CHANGE_SOP = 'pks-perubahan';

/**
 * Requests an addendum (changed elements or methods) or a renewal (a further period) of a PKS in force: the new
 * content waits as a pending version while a short case runs on the office's PKS-change SOP. One transaction:
 * the version, its case and the record of the request commit together or not at all.
 */
export async function requestChange(
  deps: Ctx,
  actor: Actor,
  id: string,
  input: {
    kind: 'addendum' | 'renewal';
    reason: string;
    elements?: string[];
    methods?: AccessMethod[];
    dataBalikanDuties?: DataBalikanDuty[];
    months?: number;
    legalBasis?: string;
  },
) {
  const first = await visibleAgreement(deps.db, actor, id);
  await ensureTemplateSop(deps, first.office_id, { code: CHANGE_SOP, purpose: 'pks_change' });
  return deps.db.transaction().execute(async (trx) => {
    const a = await visibleAgreement(trx, actor, id);
    const may =
      isOfficeOf(actor, a, 'pks.edit') ||
      (actor.orgKind === 'institution' && actor.orgId === a.institution_id && actor.roles.includes('pimpinan'));
    if (!may) throw errors.forbidden();
    if (!inForce(a.status)) {
      throw errors.conflict('not_in_force', {
        id: 'Hanya PKS yang berlaku dapat diubah atau diperpanjang.',
        en: 'Only a PKS in force can be amended or renewed.',
      });
    }
    const pending = await repo.pendingVersion(trx, id);
    if (pending) {
      throw errors.conflict('change_pending', {
        id: 'Masih ada perubahan PKS yang sedang diproses.',
        en: 'A change to this PKS is already in process.',
      });
    }
    const latest = await repo.latestVersion(trx, id);
    const prev = JSON.parse(latest?.content ?? '{}') as PksContent;
    let content: PksContent;
    if (input.kind === 'addendum') {
      content = {
        ...prev,
        ...(input.elements ? { elements: input.elements } : {}),
        ...(input.methods ? { methods: input.methods } : {}),
        ...(input.dataBalikanDuties ? { dataBalikanDuties: dutiesOrNone(input.dataBalikanDuties) } : {}),
        ...(input.legalBasis !== undefined ? { legalBasis: input.legalBasis } : {}),
      };
      const bad = elementChoiceIssues(content.elements, content.legalBasis);
      if (bad.length) {
        throw errors.invalid(
          'invalid_elements',
          { id: 'Elemen adendum tidak valid.', en: "The addendum's elements are invalid." },
          bad,
        );
      }
      if (pksHash(content) === pksHash(prev)) {
        throw errors.invalid('nothing_changes', {
          id: 'Adendum tidak mengubah apa pun.',
          en: 'The addendum changes nothing.',
        });
      }
    } else {
      const months = input.months ?? prev.duration.months;
      const start = new Date(`${a.end_date ?? prev.duration.endDate}T00:00:00Z`);
      start.setUTCDate(start.getUTCDate() + 1);
      const startDate = start.toISOString().slice(0, 10);
      content = {
        ...prev,
        duration: {
          startDate: prev.duration.startDate,
          endDate: endAfterMonths(startDate, months),
          months: prev.duration.months + months,
        },
      };
    }
    const serving = await sopForPurpose(trx, a.office_id, 'pks_change', deps.now());
    if (!serving || serving === 'retired') {
      throw errors.conflict('no_change_sop', {
        id: 'Kantor ini tidak menetapkan SOP perubahan PKS.',
        en: 'This office has no SOP serving PKS changes.',
      });
    }
    const version = serving.version;
    const versionId = newId();
    await repo.insertAgreementVersion(trx, {
      id: versionId,
      agreement_id: id,
      version: ((await repo.versionsOf(trx, id)).at(-1)?.version ?? 0) + 1,
      kind: input.kind,
      content: JSON.stringify(content),
      content_hash: pksHash(content),
      document_version_id: null,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
      state: 'pending',
      case_id: null,
      approved_by: null,
      approved_at: null,
    });
    const opened = await openBoundCase(deps, trx, actor, {
      officeId: a.office_id,
      version,
      title: `${input.kind === 'addendum' ? 'Adendum' : 'Perpanjangan'} ${a.number}: ${input.reason}`,
      subjectKind: 'pks_change',
      subjectId: versionId,
      institutionId: a.institution_id,
      attachments: [],
    });
    await repo.updateVersion(trx, versionId, { case_id: opened.id });
    await recordDecision(trx, deps.now(), actor, {
      action: `pks.${input.kind}_requested`,
      institutionId: a.institution_id,
      pksId: a.id,
      pksVersionHash: pksHash(content),
      elements: content.elements,
      detail: { number: a.number, versionId, caseId: opened.id, reason: input.reason },
    });
    return { versionId, caseId: opened.id, caseNumber: opened.number };
  });
}

async function changeOf(trx: Transaction<DB>, kase: { id: string; subject_id: string | null }) {
  const version = kase.subject_id ? await repo.findVersion(trx, kase.subject_id) : undefined;
  const agreement = version ? await repo.findAgreement(trx, version.agreement_id) : undefined;
  if (!version || !agreement) throw errors.notFound({ id: 'Perubahan PKS', en: 'PKS change' });
  return { version, agreement };
}

function minimumNotMet(what: { id: string; en: string }) {
  return new DomainError('conflict', 'minimum_not_met', {
    id: `Perubahan PKS belum dapat berlaku: ${what.id}.`,
    en: `The PKS change cannot come into force: ${what.en}.`,
  });
}

registerSubject('pks_change', {
  async verify(trx, kase) {
    const { version, agreement } = await changeOf(trx, kase);
    // Bound to this very case, this office and this institution; a forged case names someone else's change.
    if (
      version.case_id !== kase.id ||
      agreement.office_id !== kase.office_id ||
      agreement.institution_id !== kase.institution_id
    ) {
      throw errors.forbidden();
    }
  },
  async letterData(trx, kase) {
    const { version, agreement } = await changeOf(trx, kase);
    const data = await templateData(trx, agreement, JSON.parse(version.content) as PksContent);
    return { data: { ...(data.pks ? { pks: data.pks } : {}) }, agreementId: agreement.id };
  },
  async act(ctx: SubjectContext, word) {
    const { trx, deps, actor } = ctx;
    const { version, agreement } = await changeOf(trx, ctx.kase);
    if (version.state !== 'pending') {
      throw errors.conflict('change_closed', {
        id: 'Perubahan PKS ini sudah diputuskan.',
        en: 'This PKS change has already been decided.',
      });
    }
    const at = deps.now();
    const record = (action: string, detail: Record<string, string | null> = {}) =>
      recordDecision(trx, at, actor, {
        action,
        institutionId: agreement.institution_id,
        pksId: agreement.id,
        pksVersionHash: version.content_hash,
        elements: (JSON.parse(version.content) as PksContent).elements,
        detail: { number: agreement.number, versionId: version.id, caseId: ctx.kase.id, ...detail },
      });
    switch (word) {
      case 'pks.draft': {
        if (!agreement.document_id) throw errors.notFound({ id: 'Naskah PKS', en: 'PKS document' });
        const data = await templateData(trx, agreement, JSON.parse(version.content) as PksContent);
        const name = ctx.step.output[0] ?? 'Naskah Adendum PKS';
        const v = await documents.addVersion(
          deps,
          trx,
          agreement.document_id,
          { ...data, outputName: name },
          actor.userId,
        );
        await repo.updateVersion(trx, version.id, { document_version_id: v.versionId });
        await record('pks.change_drafted', { documentSha256: v.sha256 });
        return [{ docType: name, fileId: v.fileId }];
      }
      case 'pks.approve': {
        if (!(actor.atPusat && actor.roles.includes('dirjen'))) throw errors.forbidden();
        await repo.updateVersion(trx, version.id, { approved_by: actor.userId, approved_at: at.toISOString() });
        await record('pks.change_approved');
        return [];
      }
      case 'pks.sign': {
        if (!version.approved_at)
          throw minimumNotMet({ id: 'belum disetujui Dirjen', en: 'not approved by the Director General' });
        const docVersion = version.document_version_id
          ? await documents.versionById(trx, version.document_version_id)
          : undefined;
        if (!docVersion || !agreement.document_id)
          throw minimumNotMet({ id: 'naskahnya belum disusun', en: 'its text is not drafted' });
        const latest = await documents.latestVersionOf(trx, agreement.document_id);
        if (latest?.id !== docVersion.id)
          throw minimumNotMet({ id: 'naskahnya bukan versi terakhir', en: 'its text is not the latest version' });
        const party = actor.orgKind === 'institution' ? 'institution' : 'office';
        const own =
          party === 'institution' ? actor.orgId === agreement.institution_id : actor.orgId === agreement.office_id;
        if (!own) throw errors.forbidden();
        const signed = await documents.sign(deps, trx, actor, agreement.document_id, {
          party,
          role: actor.roles.join(','),
          ...(ctx.params.scanFileId ? { scanFileId: ctx.params.scanFileId } : {}),
        });
        await record('pks.change_signed', { party, overSha256: signed.overSha256 });
        return [];
      }
      default:
        throw errors.conflict('action_not_for_change', {
          id: `Aksi ${word} tidak berlaku untuk perubahan PKS.`,
          en: `Action ${word} does not apply to a PKS change.`,
        });
    }
  },
  async ended(ctx, outcome) {
    const { trx, deps, actor } = ctx;
    const { version, agreement } = await changeOf(trx, ctx.kase);
    if (version.state !== 'pending') return;
    if (outcome !== 'selesai') {
      await repo.updateVersion(trx, version.id, { state: 'rejected' });
      await recordDecision(trx, deps.now(), actor, {
        action: 'pks.change_rejected',
        result: outcome,
        institutionId: agreement.institution_id,
        pksId: agreement.id,
        pksVersionHash: version.content_hash,
        detail: { number: agreement.number, versionId: version.id, caseId: ctx.kase.id },
      });
      return;
    }
    // The law's minimum, checked on the version itself whatever the SOP did.
    if (!version.approved_at)
      throw minimumNotMet({ id: 'belum disetujui Dirjen', en: 'not approved by the Director General' });
    const docVersion = version.document_version_id
      ? await documents.versionById(trx, version.document_version_id)
      : undefined;
    if (!docVersion || !agreement.document_id || !(await bothSigned(trx, agreement.document_id, docVersion.sha256))) {
      throw minimumNotMet({ id: 'belum ditandatangani kedua pihak', en: 'not signed by both parties' });
    }
    await repo.updateVersion(trx, version.id, { state: 'in_force' });
    if (version.kind === 'renewal') {
      const content = JSON.parse(version.content) as PksContent;
      const end = content.duration.endDate;
      await repo.updateAgreement(trx, version.agreement_id, {
        end_date: end,
        status: statusOn('active', end, localDate(await calendarFor(trx, agreement.office_id), deps.now())),
        notices: '[]',
        updated_at: deps.now().toISOString(),
      });
    }
    // The agreement's grants follow the version now in force, in this transaction (narrowed, moved, revoked).
    await followPks(trx, deps.now(), agreement.id, version.kind === 'renewal' ? 'renewed' : 'version_in_force');
    await recordDecision(trx, deps.now(), actor, {
      action: 'pks.change_in_force',
      institutionId: agreement.institution_id,
      pksId: agreement.id,
      pksVersionHash: version.content_hash,
      elements: (JSON.parse(version.content) as PksContent).elements,
      detail: { number: agreement.number, versionId: version.id, caseId: ctx.kase.id, kind: version.kind },
    });
  },
});
