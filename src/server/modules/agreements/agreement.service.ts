import type { Kysely, Transaction } from 'kysely';
import type { AgreementTable, ApplicationTable, DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { can, type Actor, type Capability } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { elementChoiceIssues, type ApplicationContent } from '../../../domain/application.js';
import {
  canMove,
  diffContent,
  endAfterMonths,
  feePerNik,
  pksHash,
  type PksContent,
  type PksStatus,
} from '../../../domain/agreement/pks.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import { dutiesOrNone } from '../../../domain/balikan/kinds.js';
import { activationOn } from '../../../domain/agreement/lifecycle.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { newId } from '../../lib/ids.js';
import { officeChain } from '../directory/actor.repository.js';
import { findInstitution, findOffice } from '../directory/directory.repository.js';
import * as documents from '../documents/document.service.js';
import type { TemplateData } from '../documents/templates.js';
import { templateOffice } from '../directory/letterhead.service.js';
import type { PksDocumentData } from '../documents/pks-template.js';
import { tanggalWaktu } from '../../../domain/tanggal.js';
import * as repo from './agreement.repository.js';
import { recordDecision } from '../access/audit/decisions.js';
import { followPks } from '../access/provisioning/follow-pks.js';
import { accessChanged } from '../access/runtime/access-changes.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

const AGREEMENT = { id: 'Perjanjian', en: 'Agreement' };

function today(deps: Pick<Deps, 'now'>): string {
  // Office dates are WIB-ish; a PKS period is counted in whole days.
  return new Date(deps.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A signatory of the text, with only the details that are set (blank ones are left out of the content). */
function signatory(
  party: 'office' | 'institution',
  title: string,
  who: repo.SignerDetails | undefined,
): PksContent['signatories'][number] {
  return {
    party,
    name: who?.name ?? '',
    title,
    ...(who?.nip ? { nip: who.nip } : {}),
    ...(who?.position ? { position: who.position } : {}),
    ...(who?.rank ? { rank: who.rank } : {}),
  };
}

/**
 * The PKS content drafted from an application: the six contents plus the clauses the rules require, naming the
 * signatories known when it is drafted (the office's head, the institution's pimpinan).
 */
export function draftContent(
  app: ApplicationContent,
  office: { name: string; code: string },
  institution: { name: string; type: string; profitOriented: boolean },
  startDate: string,
  named: { office?: repo.SignerDetails | undefined; institution?: repo.SignerDetails | undefined } = {},
): PksContent {
  const fee = feePerNik(institution.profitOriented, app.methods);
  return {
    parties: {
      office: { name: office.name, code: office.code, head: `Kepala ${office.name}` },
      institution: {
        name: institution.name,
        type: institution.type,
        profitOriented: institution.profitOriented,
        head: `Pimpinan ${institution.name}`,
      },
    },
    purpose: app.purpose,
    rightsAndDuties: {
      office: [
        'memberikan hak akses data kependudukan sesuai elemen dan metode dalam perjanjian ini',
        'melakukan pembinaan, pengawasan, serta pengendalian dan pengamanan pemanfaatan data',
      ],
      institution: [
        'memanfaatkan data hanya untuk tujuan dalam perjanjian ini dan menjaga kerahasiaannya',
        'menyediakan jaringan tertutup dan menjaga kerahasiaan User ID dan kata sandi',
        'memberikan data balikan dan laporan penggunaan',
      ],
    },
    elements: [...app.elements],
    methods: [...app.methods],
    dataBalikan: app.dataBalikan,
    ...(app.dataBalikanDuties?.length ? { dataBalikanDuties: dutiesOrNone(app.dataBalikanDuties) } : {}),
    reporting:
      'PIHAK KEDUA menyampaikan laporan pemanfaatan data kependudukan setiap semester, paling lambat satu bulan setelah semester berakhir; keterlambatan lebih dari tiga bulan dapat menghentikan hak akses.',
    financing: {
      profitOriented: institution.profitOriented,
      feePerNikRupiah: fee,
      text: institution.profitOriented
        ? `PIHAK KEDUA membayar Penerimaan Negara Bukan Pajak di muka sebesar Rp${fee.toLocaleString('id-ID')} per NIK yang diakses (PP 10/2023); biaya lain ditanggung masing-masing pihak.`
        : 'Pemanfaatan data tidak dikenakan biaya; biaya yang timbul ditanggung masing-masing pihak.',
    },
    prohibition:
      'PIHAK KEDUA dilarang memberikan data kependudukan kepada pihak ketiga dan dilarang memanfaatkan data di luar ruang lingkup perjanjian ini.',
    duration: { startDate, endDate: endAfterMonths(startDate, app.durationMonths), months: app.durationMonths },
    signatories: [
      signatory('office', `Kepala ${office.name}`, named.office),
      signatory('institution', `Pimpinan ${institution.name}`, named.institution),
    ],
    legalBasis: app.legalBasis,
  };
}

/**
 * Template data for a PKS document: the content, the institution's own number, and what `extra` adds (the signing
 * for the signed copy, the PKS a juknis cites).
 */
async function templateData(
  db: Q,
  agreement: AgreementTable,
  content: PksContent,
  extra: Omit<PksDocumentData, 'institutionNumber'> = {},
): Promise<TemplateData> {
  const inst = await findInstitution(db, agreement.institution_id);
  return {
    office: await templateOffice(db, agreement.office_id),
    ...(inst ? { institution: { name: inst.name, type: inst.type, address: inst.address } } : {}),
    pks: content,
    pksDocument: { institutionNumber: agreement.institution_number, ...extra },
  };
}

/** Creates the PKS of an application as a draft: agreement, version 1 with its hash, and the PKS document. */
export async function createFromApplication(
  deps: Ctx,
  db: Q,
  app: ApplicationTable,
  caseId: string | null,
  createdBy: string | null,
) {
  const office = await findOffice(db, app.office_id);
  const inst = await findInstitution(db, app.institution_id);
  if (!office || !inst) throw errors.notFound(AGREEMENT);
  const content = draftContent(
    JSON.parse(app.content) as ApplicationContent,
    office,
    { name: inst.name, type: inst.type, profitOriented: inst.profit_oriented === 1 },
    // The office's own date, the one activation and the scheduler count the period on.
    localDate(await calendarFor(db, office.id), deps.now()),
    await repo.plannedSignatories(db, office.id, inst.id),
  );
  const now = deps.now().toISOString();
  // One number: the PKS document's, from the office's register in its letter format (documents.nextNumber).
  const number = await documents.nextNumber(db, office.id, 'pks', deps.now());
  const agreement: AgreementTable = {
    id: newId(),
    number,
    institution_id: inst.id,
    office_id: office.id,
    application_id: app.id,
    document_id: null,
    status: 'draft',
    status_reason: null,
    start_date: null,
    end_date: null,
    juknis_approved_at: null,
    notices: '[]',
    institution_number: '',
    signed_on: null,
    signed_copy_id: null,
    created_at: now,
    updated_at: now,
  };
  await repo.insertAgreement(db, agreement);
  const doc = await documents.produce(deps, db, {
    kind: 'pks',
    officeId: office.id,
    institutionId: inst.id,
    caseId,
    agreementId: agreement.id,
    data: await templateData(db, agreement, content),
    createdBy,
    number,
  });
  await repo.updateAgreement(db, agreement.id, { document_id: doc.documentId });
  await repo.insertAgreementVersion(db, {
    id: newId(),
    agreement_id: agreement.id,
    version: 1,
    kind: 'original',
    content: JSON.stringify(content),
    content_hash: pksHash(content),
    document_version_id: doc.versionId,
    created_by: createdBy,
    created_at: now,
    state: 'in_force',
  });
  await db.updateTable('applications').set({ agreement_id: agreement.id }).where('id', '=', app.id).execute();
  return { agreementId: agreement.id, document: doc };
}

async function visibleAgreement(db: Q, actor: Actor, id: string): Promise<AgreementTable> {
  const a = await repo.findAgreement(db, id);
  if (!a) throw errors.notFound(AGREEMENT);
  const ok =
    actor.orgKind === 'institution'
      ? a.institution_id === actor.orgId
      : actor.atPusat || (await officeChain(db, a.office_id)).includes(actor.orgId);
  if (!ok) throw errors.notFound(AGREEMENT);
  return a;
}

/** Staff of the agreement's own office; with a capability, only those of its roles the office gave it to. */
function isOfficeOf(actor: Actor, a: AgreementTable, capability?: Capability): boolean {
  return (
    actor.orgKind === 'office' && actor.orgId === a.office_id && (capability === undefined || can(actor, capability))
  );
}

function move(a: AgreementTable, to: PksStatus) {
  if (!canMove(a.status, to)) {
    throw new DomainError('conflict', 'invalid_transition', {
      id: `PKS berstatus "${a.status}" tidak dapat menjadi "${to}".`,
      en: `A PKS in status "${a.status}" cannot become "${to}".`,
    });
  }
}

/**
 * An agreement with its versions (content, hash, changes), document, signatures and notices. Reads only: the
 * lifecycle over time (in force, expiring, expired, notices) is the scheduler's (src/server/scheduler).
 */
export async function get(deps: Ctx, actor: Actor, id: string) {
  const a = await visibleAgreement(deps.db, actor, id);
  const versions = await repo.versionsOf(deps.db, id);
  const inst = await findInstitution(deps.db, a.institution_id);
  const doc = a.document_id ? await documents.getDocument(deps, actor, a.document_id).catch(() => null) : null;
  const caseId = await caseOfAgreement(deps.db, id);
  const me = isParty(actor, a) ? (await repo.signerDetails(deps.db, [actor.userId])).get(actor.userId) : undefined;
  return {
    id: a.id,
    number: a.number,
    institutionNumber: a.institution_number,
    signedOn: a.signed_on,
    mySigner: me ? { name: me.name, nip: me.nip, position: me.position } : null,
    mayEnterInstitutionNumber: mayEnterInstitutionNumber(actor, a),
    status: a.status,
    statusReason: a.status_reason,
    institution: { id: a.institution_id, name: inst?.name ?? '' },
    officeId: a.office_id,
    caseId,
    myActions: await actionsFor(deps, actor, a, caseId, doc?.signatures ?? []),
    applicationId: a.application_id,
    startDate: a.start_date,
    endDate: a.end_date,
    juknisApproved: a.juknis_approved_at !== null,
    notices: JSON.parse(a.notices) as string[],
    documentId: a.document_id,
    versions: versions.map((v, i) => ({
      version: v.version,
      kind: v.kind,
      state: v.state,
      contentHash: v.content_hash,
      createdAt: v.created_at,
      content: JSON.parse(v.content) as PksContent,
      changes: i === 0 ? [] : diffContent(JSON.parse(versions[i - 1]?.content ?? '{}'), JSON.parse(v.content)),
    })),
    signatures: doc?.signatures ?? [],
    protectedElements: (JSON.parse(versions.at(-1)?.content ?? '{"elements":[]}') as PksContent).elements.filter(
      (e) => elementByCode(e)?.protected,
    ),
  };
}

/** Agreements the actor may see. */
export async function list(deps: Ctx, actor: Actor) {
  let q = deps.db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .select([
      'agreements.id',
      'agreements.number',
      'agreements.status',
      'agreements.start_date',
      'agreements.end_date',
      'agreements.office_id',
      'institutions.name as institution_name',
    ])
    .orderBy('agreements.created_at', 'desc');
  if (actor.orgKind === 'institution') q = q.where('agreements.institution_id', '=', actor.orgId);
  const rows = await q.execute();
  const out = [];
  for (const r of rows) {
    if (
      actor.orgKind === 'office' &&
      !actor.atPusat &&
      !(await officeChain(deps.db, r.office_id)).includes(actor.orgId)
    )
      continue;
    out.push({
      id: r.id,
      number: r.number,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      institutionName: r.institution_name,
    });
  }
  return out;
}

/** A revised draft: new content version, new document version; an agreement in review goes back to draft. */
export async function revise(
  deps: Ctx,
  actor: Actor,
  id: string,
  patch: Partial<
    Pick<PksContent, 'purpose' | 'elements' | 'methods' | 'dataBalikan' | 'dataBalikanDuties' | 'legalBasis'>
  > & {
    startDate?: string;
    months?: number;
  },
) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await visibleAgreement(trx, actor, id);
    if (!isOfficeOf(actor, a, 'pks.edit')) throw errors.forbidden();
    if (a.status !== 'draft' && a.status !== 'in_review') {
      throw errors.conflict('pks_locked', {
        id: 'PKS yang sudah disetujui tidak dapat diubah; buat adendum.',
        en: 'An approved PKS cannot be edited; make an addendum.',
      });
    }
    const last = await repo.latestVersion(trx, id);
    const prev = JSON.parse(last?.content ?? '{}') as PksContent;
    const startDate = patch.startDate ?? prev.duration.startDate;
    const months = patch.months ?? prev.duration.months;
    const content: PksContent = {
      ...prev,
      ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
      ...(patch.elements !== undefined ? { elements: patch.elements } : {}),
      ...(patch.methods !== undefined ? { methods: patch.methods } : {}),
      ...(patch.dataBalikan !== undefined ? { dataBalikan: patch.dataBalikan } : {}),
      ...(patch.dataBalikanDuties !== undefined ? { dataBalikanDuties: dutiesOrNone(patch.dataBalikanDuties) } : {}),
      ...(patch.legalBasis !== undefined ? { legalBasis: patch.legalBasis } : {}),
      duration: { startDate, months, endDate: endAfterMonths(startDate, months) },
    };
    const bad = elementChoiceIssues(content.elements, content.legalBasis);
    if (bad.length) {
      throw errors.invalid(
        'invalid_elements',
        { id: 'Elemen PKS tidak valid.', en: "The PKS's elements are invalid." },
        bad,
      );
    }
    const doc = a.document_id
      ? await documents.addVersion(deps, trx, a.document_id, await templateData(trx, a, content), actor.userId)
      : null;
    const version = (last?.version ?? 0) + 1;
    await repo.insertAgreementVersion(trx, {
      id: newId(),
      agreement_id: id,
      version,
      kind: 'revision',
      content: JSON.stringify(content),
      content_hash: pksHash(content),
      document_version_id: doc?.versionId ?? null,
      created_by: actor.userId,
      created_at: deps.now().toISOString(),
      state: 'in_force',
    });
    await repo.updateAgreement(trx, id, { status: 'draft', updated_at: deps.now().toISOString() });
    await recordDecision(trx, deps.now(), actor, {
      action: 'pks.revised',
      institutionId: a.institution_id,
      pksId: a.id,
      pksVersionHash: pksHash(content),
      elements: content.elements,
      detail: { number: a.number, version, previousHash: last?.content_hash ?? null },
    });
    return { version, contentHash: pksHash(content) };
  });
}

/** A user of one of the two parties: the agreement's own office or its institution. */
function isParty(actor: Actor, a: AgreementTable): boolean {
  return actor.orgKind === 'institution' ? actor.orgId === a.institution_id : isOfficeOf(actor, a);
}

/** The institution's pimpinan or admin, before the signing is complete (the signed copy prints the number). */
function mayEnterInstitutionNumber(actor: Actor, a: AgreementTable): boolean {
  return (
    actor.orgKind === 'institution' &&
    actor.orgId === a.institution_id &&
    (actor.roles.includes('pimpinan') || actor.roles.includes('admin')) &&
    ['draft', 'in_review', 'approved'].includes(a.status)
  );
}

/**
 * The institution's own number for the agreement (issue 14), entered by its pimpinan or admin until the signing is
 * complete. The current text is not re-rendered (that would void a signature already made over it): the signed
 * copy made when the second party signs prints it under the office's number, and the juknis cites both. The
 * signers' NIP and position are their own account's (PATCH /api/account/signatory).
 */
export async function setInstitutionNumber(deps: Ctx, actor: Actor, id: string, institutionNumber: string) {
  const number = institutionNumber.trim();
  if (number === '') {
    throw errors.invalid('invalid_institution_number', {
      id: 'Nomor PKS lembaga tidak boleh kosong.',
      en: "The institution's PKS number must not be empty.",
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const a = await visibleAgreement(trx, actor, id);
    if (
      actor.orgKind !== 'institution' ||
      actor.orgId !== a.institution_id ||
      !(actor.roles.includes('pimpinan') || actor.roles.includes('admin'))
    )
      throw errors.forbidden();
    const signed = () =>
      errors.conflict('pks_signed', {
        id: 'PKS sudah ditandatangani kedua pihak; nomor lembaga tidak dapat diubah lagi.',
        en: "The PKS is signed by both parties; the institution's number can no longer be changed.",
      });
    if (!mayEnterInstitutionNumber(actor, a)) throw signed();
    // Only over the status it was read with: a signing that completes meanwhile prints the number it saw.
    const changed = await repo.updateAgreementIf(trx, id, a, {
      institution_number: number,
      updated_at: deps.now().toISOString(),
    });
    if (!changed) throw signed();
    // The number is printed on the signed PKS: its change is a decision on the signed record.
    await recordDecision(trx, deps.now(), actor, {
      action: 'pks.institution_number',
      result: 'set',
      institutionId: a.institution_id,
      detail: { pksId: id, pksNumber: a.number, previous: a.institution_number, institutionNumber: number },
    });
    return { institutionNumber: number };
  });
}

/** A lifecycle action on an agreement. */
export type AgreementAction = 'submit' | 'approve' | 'sign' | 'activate' | 'approve_juknis' | 'terminate';

/** Input of a lifecycle action. */
export interface AgreementActionInput {
  reason?: string;
  scanFileId?: string;
  startDate?: string;
}

/**
 * Moves an agreement along its lifecycle inside the caller's transaction. `byTask`: the actor holds the case task
 * whose step declares this action, so the office's SOP (not a role list here) decided who does it; what the law
 * fixes is checked either way — only the Director General approves, only the parties sign, each over the
 * document's hash, signatures only after approval, activation only when both parties signed.
 * The decision is on the record in the same transaction.
 */
export async function transitionIn(
  deps: Ctx,
  trx: Transaction<DB>,
  actor: Actor,
  id: string,
  action: AgreementAction,
  input: AgreementActionInput = {},
  options: { byTask?: boolean } = {},
) {
  const a = await visibleAgreement(trx, actor, id);
  const now = deps.now().toISOString();
  const byTask = options.byTask === true;
  const latestVersion = await repo.latestVersion(trx, id);
  const detail: Record<string, string | null> = {};
  switch (action) {
    case 'submit':
      if (!byTask && !isOfficeOf(actor, a, 'pks.edit')) throw errors.forbidden();
      if (!isOfficeOf(actor, a)) throw errors.forbidden();
      move(a, 'in_review');
      await repo.updateAgreement(trx, id, { status: 'in_review', updated_at: now });
      break;
    case 'approve':
      // The law: the Director General approves; no SOP and no office role can stand in.
      if (!(actor.atPusat && actor.roles.includes('dirjen'))) throw errors.forbidden();
      // In a case the review is the case's own steps: a draft goes straight to approval.
      if (byTask && a.status === 'draft') move({ ...a, status: 'in_review' }, 'approved');
      else move(a, 'approved');
      await repo.updateAgreement(trx, id, { status: 'approved', updated_at: now });
      break;
    case 'sign': {
      const party = actor.orgKind === 'institution' ? 'institution' : 'office';
      const ownParty = party === 'institution' ? actor.orgId === a.institution_id : isOfficeOf(actor, a);
      const may = byTask
        ? ownParty
        : party === 'institution'
          ? ownParty && actor.roles.includes('pimpinan')
          : isOfficeOf(actor, a, 'pks.sign_office');
      if (!may) throw errors.forbidden();
      if (a.status !== 'approved') {
        throw errors.conflict('not_approved', {
          id: 'PKS belum disetujui Dirjen.',
          en: 'The PKS is not approved by the Director General yet.',
        });
      }
      if (!a.document_id) throw errors.notFound(AGREEMENT);
      const signed = await documents.sign(deps, trx, actor, a.document_id, {
        party,
        role: actor.roles.join(','),
        ...(input.scanFileId ? { scanFileId: input.scanFileId } : {}),
      });
      detail.party = party;
      detail.overSha256 = signed.overSha256;
      if (await bothSigned(trx, a.document_id, signed.overSha256)) {
        const copy = await signedCopy(deps, trx, actor, a, signed.overSha256);
        detail.signedOn = copy.on;
        await repo.updateAgreement(trx, id, {
          status: 'signed',
          signed_on: copy.on,
          signed_copy_id: copy.versionId,
          updated_at: now,
        });
      }
      break;
    }
    case 'activate': {
      if (!byTask && !isOfficeOf(actor, a, 'pks.manage')) throw errors.forbidden();
      if (!isOfficeOf(actor, a)) throw errors.forbidden();
      move(a, 'active');
      // Activation needs both parties' signatures over the current text, whatever the status says: the current
      // version is the text they signed or the signed copy made of it when the signing completed.
      const doc = a.document_id ? await documents.latestVersionOf(trx, a.document_id) : undefined;
      if (!doc || !(a.signed_copy_id === doc.id || (await bothSigned(trx, a.document_id ?? '', doc.sha256)))) {
        throw errors.conflict('not_signed', {
          id: 'PKS belum ditandatangani kedua pihak.',
          en: 'The PKS is not signed by both parties.',
        });
      }
      const content = JSON.parse(latestVersion?.content ?? '{}') as PksContent;
      const start = input.startDate ?? content.duration.startDate;
      const end = endAfterMonths(start, content.duration.months);
      // Counted on the office's own date: a PKS starting later waits, scheduled; one whose period is over never runs.
      const today = localDate(await calendarFor(trx, a.office_id), deps.now());
      const status = activationOn(start, end, today);
      if (status === 'over') {
        throw errors.conflict('pks_period_over', {
          id: `Masa berlaku PKS (${start} s.d. ${end}) sudah berakhir; PKS tidak dapat diberlakukan. Perbarui tanggal mulai atau ajukan perpanjangan.`,
          en: `The PKS's period (${start} to ${end}) is already over; it cannot be put in force. Change the start date or renew it.`,
        });
      }
      move(a, status);
      detail.startDate = start;
      detail.endDate = end;
      await repo.updateAgreement(trx, id, { status, start_date: start, end_date: end, updated_at: now });
      break;
    }
    case 'approve_juknis': {
      if (!byTask && !isOfficeOf(actor, a, 'pks.manage')) throw errors.forbidden();
      if (!isOfficeOf(actor, a)) throw errors.forbidden();
      if (!['signed', 'scheduled', 'active', 'expiring'].includes(a.status)) {
        throw errors.conflict('not_signed', {
          id: 'Petunjuk teknis disetujui sesudah PKS ditandatangani kedua pihak.',
          en: 'The juknis is approved after both parties signed the PKS.',
        });
      }
      const content = JSON.parse(latestVersion?.content ?? '{}') as PksContent;
      await documents.produce(deps, trx, {
        kind: 'juknis',
        officeId: a.office_id,
        institutionId: a.institution_id,
        agreementId: a.id,
        // The juknis names the PKS it implements by its number and signing date.
        data: await templateData(trx, a, content, { pks: { number: a.number, signedOn: a.signed_on } }),
        createdBy: actor.userId,
      });
      await repo.updateAgreement(trx, id, { juknis_approved_at: now, updated_at: now });
      break;
    }
    case 'terminate': {
      const may = isOfficeOf(actor, a, 'pks.terminate') || (actor.atPusat && actor.roles.includes('dirjen'));
      if (!may) throw errors.forbidden();
      if (!input.reason || input.reason.trim().length < 5) {
        throw errors.invalid(
          'reason_required',
          { id: 'Alasan pengakhiran wajib diisi.', en: 'A reason for termination is required.' },
          [{ field: 'reason', message: { id: 'minimal 5 karakter', en: 'at least 5 characters' } }],
        );
      }
      move(a, 'terminated');
      await repo.updateAgreement(trx, id, { status: 'terminated', status_reason: input.reason, updated_at: now });
      if (a.document_id) await documents.revoke(trx, a.document_id, input.reason);
      // Its grants are revoked with it, in this transaction, and the gateway drops them before the answer.
      await followPks(trx, deps.now(), id, 'terminated');
      detail.reason = input.reason;
      break;
    }
  }
  const after = await repo.findAgreement(trx, id);
  await recordDecision(trx, deps.now(), actor, {
    action: `pks.${action}`,
    result: after?.status ?? a.status,
    institutionId: a.institution_id,
    pksId: a.id,
    pksVersionHash: latestVersion?.content_hash ?? null,
    elements: (JSON.parse(latestVersion?.content ?? '{"elements":[]}') as PksContent).elements,
    detail: { number: a.number, byTask, ...detail },
  });
  return { id, status: after?.status ?? a.status };
}

/**
 * The signed copy, made when the second party signs: the text both signed over `sha256`, now with the day of the
 * signing in words ("Pada hari ini …", the office's own date) and each party's recorded signature (who, with
 * NIP/position, and when), as the document's next version. Returns the signing date and that version's id.
 */
async function signedCopy(deps: Ctx, trx: Transaction<DB>, actor: Actor, a: AgreementTable, sha256: string) {
  const cal = await calendarFor(trx, a.office_id);
  const on = localDate(cal, deps.now());
  const sigs = (await documents.signaturesOver(trx, a.document_id ?? '', sha256)).filter(
    (s): s is typeof s & { party: 'office' | 'institution' } => s.party === 'office' || s.party === 'institution',
  );
  const people = await repo.signerDetails(
    trx,
    sigs.map((s) => s.user_id),
  );
  const signatures = sigs.map((s) => {
    const p = people.get(s.user_id);
    return {
      party: s.party,
      name: s.signer_name,
      nip: p?.nip ?? '',
      position: p?.position ?? '',
      rank: p?.rank ?? '',
      signedAt: tanggalWaktu(s.signed_at, cal.timeZone),
    };
  });
  const version = await repo.latestVersion(trx, a.id);
  const content = JSON.parse(version?.content ?? '{}') as PksContent;
  const copy = await documents.addVersion(
    deps,
    trx,
    a.document_id ?? '',
    await templateData(trx, a, content, { signing: { on, signatures } }),
    actor.userId,
  );
  return { on, versionId: copy.versionId };
}

/** Whether the office and the institution both signed the document version with this hash. */
export async function bothSigned(db: Q, documentId: string, sha256: string): Promise<boolean> {
  const sigs = await documents.signaturesOver(db, documentId, sha256);
  return sigs.some((s) => s.party === 'office') && sigs.some((s) => s.party === 'institution');
}

/**
 * An agreement's lifecycle action asked for outside Kotak Masuk (the PKS page's buttons, the API). When the
 * agreement runs in a case, the action is that case's task, and completing the task is the only way to take it;
 * only an agreement made outside any case (the demo's, made by the seed) moves directly.
 */
export async function transition(
  deps: Ctx,
  actor: Actor,
  id: string,
  action: AgreementAction,
  input: AgreementActionInput = {},
) {
  const caseId = action === 'terminate' ? null : await caseOfAgreement(deps.db, id);
  if (caseId && caseRunner && action !== 'terminate') {
    const word = ACTION_WORD[action];
    const run = caseRunner;
    const [task] = await run.tasksWithAction(deps.db, actor, caseId, word);
    if (!task) {
      await visibleAgreement(deps.db, actor, id);
      throw errors.conflict('no_open_task', {
        id: 'Tindakan ini bukan tugas Anda saat ini pada kasus PKS ini; lihat Kotak Masuk.',
        en: 'This action is not a task of yours in this PKS case right now; see the inbox.',
      });
    }
    await run.complete(deps, actor, task.taskId, {
      ...(task.decision !== undefined ? { decision: task.decision } : {}),
      ...(input.scanFileId ? { scanFileId: input.scanFileId } : {}),
      ...(input.startDate ? { startDate: input.startDate } : {}),
    });
    const after = await repo.findAgreement(deps.db, id);
    return { id, status: after?.status ?? 'draft' };
  }
  const done = await deps.db.transaction().execute((trx) => transitionIn(deps, trx, actor, id, action, input));
  if (action === 'terminate') accessChanged(); // committed: this process's grant caches go now (followPks announced it)
  return done;
}

const ACTION_WORD: Record<Exclude<AgreementAction, 'terminate'>, string> = {
  submit: 'pks.submit',
  approve: 'pks.approve',
  sign: 'pks.sign',
  activate: 'pks.activate',
  approve_juknis: 'juknis.approve',
};

/**
 * What the actor may do with an agreement now, for the screen: in a case, exactly the lifecycle tasks the actor
 * holds open there; outside a case (the demo's), what their office's settings allow in the current status.
 */
async function actionsFor(
  deps: Ctx,
  actor: Actor,
  a: AgreementTable,
  caseId: string | null,
  signatures: readonly { party: string; overSha256: string }[],
): Promise<('submit' | 'approve' | 'sign' | 'activate' | 'approve-juknis' | 'terminate' | 'revise')[]> {
  const out: ('submit' | 'approve' | 'sign' | 'activate' | 'approve-juknis' | 'terminate' | 'revise')[] = [];
  const live = !['expired', 'terminated'].includes(a.status);
  if ((a.status === 'draft' || a.status === 'in_review') && isOfficeOf(actor, a, 'pks.edit')) out.push('revise');
  const route = (x: AgreementAction) => (x === 'approve_juknis' ? 'approve-juknis' : x);
  if (caseId && caseRunner) {
    for (const [action, word] of Object.entries(ACTION_WORD) as [Exclude<AgreementAction, 'terminate'>, string][]) {
      if ((await caseRunner.tasksWithAction(deps.db, actor, caseId, word)).length) out.push(route(action));
    }
  } else {
    const dirjen = actor.atPusat && actor.roles.includes('dirjen');
    const party = actor.orgKind === 'institution' ? 'institution' : 'office';
    const signed = signatures.some((s) => s.party === party);
    if (a.status === 'draft' && isOfficeOf(actor, a, 'pks.edit')) out.push('submit');
    if (a.status === 'in_review' && dirjen) out.push('approve');
    if (a.status === 'approved' && !signed) {
      const may =
        party === 'institution'
          ? actor.orgId === a.institution_id && actor.roles.includes('pimpinan')
          : isOfficeOf(actor, a, 'pks.sign_office');
      if (may) out.push('sign');
    }
    if (a.status === 'signed' && isOfficeOf(actor, a, 'pks.manage')) out.push('activate');
    if (
      ['signed', 'scheduled', 'active', 'expiring'].includes(a.status) &&
      !a.juknis_approved_at &&
      isOfficeOf(actor, a, 'pks.manage')
    )
      out.push('approve-juknis');
  }
  if (live && (isOfficeOf(actor, a, 'pks.terminate') || (actor.atPusat && actor.roles.includes('dirjen'))))
    out.push('terminate');
  return out;
}

/**
 * The lifecycle steps waiting on the actor for an agreement made outside any case (Kotak Masuk's derived work):
 * the same rule the PKS page's buttons follow, less revising and terminating, which nobody is waiting for.
 * Null when the agreement runs in a case: its steps are that case's tasks, already in Kotak Masuk.
 */
export async function pendingLifecycleSteps(
  deps: Ctx,
  actor: Actor,
  id: string,
): Promise<Exclude<AgreementAction, 'terminate'>[] | null> {
  const a = await visibleAgreement(deps.db, actor, id);
  if (await caseOfAgreement(deps.db, id)) return null;
  const doc = a.document_id ? await documents.getDocument(deps, actor, a.document_id).catch(() => null) : null;
  const steps = await actionsFor(deps, actor, a, null, doc?.signatures ?? []);
  return steps.flatMap((s) =>
    s === 'terminate' || s === 'revise' ? [] : [s === 'approve-juknis' ? ('approve_juknis' as const) : s],
  );
}

/** How the agreement module reaches case tasks without importing the case module (which calls back into it). */
export interface CaseRunner {
  tasksWithAction(
    db: Q,
    actor: Actor,
    caseId: string,
    word: string,
  ): Promise<{ taskId: string; decision: string | undefined }[]>;
  complete(
    deps: Ctx,
    actor: Actor,
    taskId: string,
    input: { decision?: string; scanFileId?: string; startDate?: string },
  ): Promise<unknown>;
}
let caseRunner: CaseRunner | undefined;
/** Wires the case module in (called once by the application subject's module). */
export function useCaseRunner(runner: CaseRunner): void {
  caseRunner = runner;
}

/** The open case an agreement's lifecycle runs in, if any. */
async function caseOfAgreement(db: Q, id: string): Promise<string | null> {
  const a = await repo.findAgreement(db, id);
  if (!a?.application_id) return null;
  const app = await db
    .selectFrom('applications')
    .select('case_id')
    .where('id', '=', a.application_id)
    .executeTakeFirst();
  return app?.case_id ?? null;
}

/**
 * The public register: agreements in force or scheduled to come into force, what they cover, for how long.
 * Nothing secret, and nothing written: what time changes, the scheduler changes.
 */
export async function register(deps: Pick<Deps, 'db'>) {
  const rows = await repo.registerRows(deps.db);
  const out = [];
  for (const r of rows) {
    const v = await repo.latestVersion(deps.db, r.id);
    const c = JSON.parse(v?.content ?? '{}') as PksContent;
    out.push({
      number: r.number,
      institution: r.institution_name,
      institutionType: r.institution_type,
      office: r.office_name,
      purpose: c.purpose,
      elements: c.elements.map((e) => ({ code: e, name: elementByCode(e)?.name ?? { id: e, en: e } })),
      methods: c.methods,
      validFrom: r.start_date,
      validTo: r.end_date,
      status: r.status,
    });
  }
  return out;
}

export { visibleAgreement, isOfficeOf, today, templateData };
