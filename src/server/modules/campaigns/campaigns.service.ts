/**
 * Control campaigns (issue 13). A campaign is one case on the office's control (or evaluation) SOP over chosen
 * institutions of its scope and a period, opened by a holder of the SOP's first step. Gerbang prepares each
 * institution's data dukung from its own records and freezes it with the campaign (and a PDF annex); the team
 * fills a visit checklist per institution with evidence files and records findings, each with a follow-up
 * (tindak lanjut) the institution owes by a due date; the institution answers, the office accepts or returns.
 * The case's steps carry the campaign's declared actions (campaign.prepare, campaign.visit, campaign.report:
 * campaign.subject.ts) and route the numbered report up the chain the SOP names. Every use case is one
 * transaction with its decision on the signed record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CampaignFindingTable, CampaignInstitutionTable, CampaignTable } from '../../db/schema-campaigns.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import { CHECKLIST_ITEMS, checklistComplete, type Checklist } from '../../../domain/campaigns/checklist.js';
import type { DataDukung } from '../../../domain/campaigns/data-dukung.js';
import { daysBetween } from '../../../domain/campaigns/data-dukung.js';
import {
  canJudge,
  canRespond,
  followUpOverdue,
  type FollowUpStatus,
  type Severity,
} from '../../../domain/campaigns/finding.js';
import {
  canOpenCampaign,
  canRespondFollowUp,
  canViewCampaign,
  canWorkOnCampaign,
} from '../../../domain/campaigns/authz.js';
import type { CampaignReportData } from '../../../domain/campaigns/report.js';
import { CAMPAIGN_WORDS } from '../../../domain/sop/actions.js';
import type { ActionWord, SopDefinition } from '../../../domain/sop/index.js';
import { tanggal } from '../../../domain/tanggal.js';
import { newId } from '../../lib/ids.js';
import { recordDecision } from '../access/audit/decisions.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { openBoundCase } from '../cases/case.service.js';
import { assigneeOf } from '../../../domain/sop/engine.js';
import { officeChain } from '../directory/actor.repository.js';
import { findOffice, officeDescendants } from '../directory/directory.repository.js';
import * as documents from '../documents/document.service.js';
import { renderRecordPdf } from '../documents/record-pdf.js';
import { findFile, ownFile, readBlob, storeFile } from '../files/files.service.js';
import { notify } from '../reports/notices.js';
import { definitionOf, ensureTemplateSop, sopForPurpose } from '../sop/sop.service.js';
import { runLadder } from '../../scheduler/jobs/obligations.js';
import { prepareDataDukung } from './campaign.data-dukung.js';
import * as repo from './campaigns.repository.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

/** The subject kind of a campaign's case. */
export const SUBJECT_KIND = 'control_campaign';
/** The template an office without a control SOP gets on first use. */
export const CONTROL_TEMPLATE = 'pengendalian';
/** Names of the campaign's files on its case (the SOP's kelengkapan). */
export const RAW_DATA_DOC = 'Data dukung pemanfaatan data';
export const DATA_DUKUNG_DOC = 'Data dukung pengendalian dan pengamanan pemanfaatan data kependudukan';
export const REPORT_DOC = 'Laporan Hasil pengendalian dan pengamanan pemanfaatan data kependudukan';

const CAMPAIGN = { id: 'Kampanye pengendalian', en: 'Control campaign' };
const FINDING = { id: 'Temuan', en: 'Finding' };
/** At most this many institutions in one campaign. */
export const MAX_INSTITUTIONS = 50;

function hasWord(def: SopDefinition, word: ActionWord): boolean {
  return def.steps.some(
    (s) =>
      s.actions.some((a) => a.type === word) ||
      (s.flow.type === 'decision' && s.flow.branches.some((b) => b.actions.some((a) => a.type === word))),
  );
}

/** The office roles that work on a campaign: the first step's holder and the holders of the visit step. */
export function workRoles(def: SopDefinition): Set<string> {
  const roles = new Set<string>();
  const start = assigneeOf(def, def.start);
  if (start.org === 'office') roles.add(start.role);
  for (const s of def.steps) {
    if (!s.actions.some((a) => a.type === 'campaign.visit')) continue;
    for (const code of s.pelaksana) {
      const p = def.pelaksana.find((x) => x.code === code);
      if (p?.assignee.org === 'office') roles.add(p.assignee.role);
    }
  }
  return roles;
}

/** The SOP serving control (else evaluation) in an office, publishing the shipped template on first use. */
async function controlSop(deps: Ctx, officeId: string) {
  await ensureTemplateSop(deps, officeId, { code: CONTROL_TEMPLATE, purpose: 'control' });
  const now = deps.now();
  for (const purpose of ['control', 'evaluation'] as const) {
    const s = await sopForPurpose(deps.db, officeId, purpose, now);
    if (s && s !== 'retired' && hasWord(s.def, 'campaign.report')) return s;
  }
  throw errors.conflict('no_control_sop', {
    id: 'Kantor ini tidak menetapkan SOP pengendalian yang menghasilkan laporan hasil pengendalian.',
    en: 'This office has no control SOP that produces the control report.',
  });
}

async function loadCampaign(db: Q, actor: Actor, id: string) {
  const c = await repo.findCampaign(db, id);
  if (!c) throw errors.notFound(CAMPAIGN);
  const chain = await officeChain(db, c.office_id);
  if (!canViewCampaign(actor, { officeId: c.office_id, officeChain: chain })) throw errors.notFound(CAMPAIGN);
  return { campaign: c, chain };
}

async function defOfCampaign(db: Q, c: CampaignTable): Promise<SopDefinition> {
  const kase = await db.selectFrom('cases').select('sop_version_id').where('id', '=', c.case_id).executeTakeFirst();
  const version = kase
    ? await db.selectFrom('sop_versions').selectAll().where('id', '=', kase.sop_version_id).executeTakeFirst()
    : undefined;
  if (!version) throw new Error(`campaign ${c.id} has no SOP version`);
  return definitionOf(version);
}

/** A campaign the actor may work on (its office's holders of its steps), still before its report. */
async function workable(db: Q, actor: Actor, id: string, opts: { beforeReport: boolean }) {
  const { campaign, chain } = await loadCampaign(db, actor, id);
  const def = await defOfCampaign(db, campaign);
  if (!canWorkOnCampaign(actor, { officeId: campaign.office_id, officeChain: chain }, workRoles(def)))
    throw errors.forbidden();
  if (opts.beforeReport && campaign.status !== 'open') {
    throw errors.conflict('campaign_reported', {
      id: 'Laporan kampanye ini sudah disusun; daftar periksa dan temuan tidak dapat diubah lagi.',
      en: "This campaign's report is produced; its checklists and findings can no longer change.",
    });
  }
  return { campaign, def };
}

/** Institutions an office may put in a campaign: its own and those of the offices below it. */
async function scopeInstitutions(db: Q, officeId: string) {
  return repo.institutionsOfOffices(db, await officeDescendants(db, officeId));
}

/** What the new-campaign form offers: the institutions in scope and whether the actor may open one. */
export async function candidates(deps: Ctx, actor: Actor) {
  if (actor.orgKind !== 'office') throw errors.forbidden();
  const institutions = await scopeInstitutions(deps.db, actor.orgId);
  let canOpen = false;
  let sop: { code: string; name: string } | null = null;
  const now = deps.now();
  for (const purpose of ['control', 'evaluation'] as const) {
    const s = await sopForPurpose(deps.db, actor.orgId, purpose, now);
    if (s && s !== 'retired' && hasWord(s.def, 'campaign.report')) {
      sop = { code: s.version.code, name: s.version.name };
      canOpen = canOpenCampaign(actor, actor.orgId, assigneeOf(s.def, s.def.start).role);
      break;
    }
  }
  // No SOP yet: the shipped template's first step is the Kabid's.
  if (!sop) canOpen = canOpenCampaign(actor, actor.orgId, 'kabid');
  const cal = await calendarFor(deps.db, actor.orgId);
  return {
    today: localDate(cal, now),
    canOpen,
    sop,
    institutions: institutions.map((i) => ({
      id: i.id,
      name: i.name,
      office: { id: i.office_id, name: i.office_name },
    })),
  };
}

function summaryOf(c: CampaignTable, findings: { status: FollowUpStatus; due_date: string }[], today: string) {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    periodStart: c.period_start,
    periodEnd: c.period_end,
    caseId: c.case_id,
    reportDocumentId: c.report_document_id,
    createdAt: c.created_at,
    findings: findings.length,
    followUpsOpen: findings.filter((f) => f.status !== 'closed').length,
    followUpsOverdue: findings.filter((f) => followUpOverdue({ status: f.status, dueDate: f.due_date }, today)).length,
  };
}

/** The campaigns the actor sees: its office's and those of the offices below; pusat all. */
export async function listCampaigns(deps: Ctx, actor: Actor) {
  if (actor.orgKind !== 'office') throw errors.forbidden();
  const offices = actor.atPusat ? null : await officeDescendants(deps.db, actor.orgId);
  const rows = await repo.listCampaigns(deps.db, offices);
  const out = [];
  for (const c of rows) {
    const today = localDate(await calendarFor(deps.db, c.office_id), deps.now());
    out.push(summaryOf(c, await repo.findingsOf(deps.db, c.id), today));
  }
  return out;
}

/** Renders the data dukung annex (unnumbered: it is an attachment of the case and, later, of the report). */
async function annexFile(deps: Ctx, trx: Transaction<DB>, actor: Actor, c: CampaignTable, dukung: DataDukung[]) {
  const office = await findOffice(trx, c.office_id);
  const rows: [string, string][] = [];
  for (const d of dukung) {
    const u = d.usage;
    rows.push(
      [d.name, d.officeName],
      ['PKS', d.agreements.map((a) => a.number).join(', ') || '-'],
      [
        'Akses',
        `${u.calls.toLocaleString('id-ID')} (dijawab ${u.answered.toLocaleString('id-ID')}, ditolak ${u.refused.toLocaleString('id-ID')}); penduduk dilayani ${u.residentsServed.toLocaleString('id-ID')}`,
      ],
      ['Anomali', `${d.anomalies.total} (terbuka ${d.anomalies.open}, berat ${d.anomalies.high})`],
      [
        'Kewajiban terlambat',
        [...d.lateReports, ...d.lateBalikan].map((l) => `${l.label} (${l.daysLate} hari)`).join('; ') || 'tidak ada',
      ],
      [
        'PKS segera berakhir',
        d.pksExpiring.map((p) => `${p.number} (${tanggal(p.endDate)})`).join('; ') || 'tidak ada',
      ],
      [
        'Operator, kredensial, perangkat',
        `${d.operators.map((o) => o.name).join(', ') || '-'}; ${d.credentials.length} kredensial; ${d.devices.length} card reader`,
      ],
      ['Rentang IP', d.ipRanges.join(', ') || '-'],
    );
  }
  const at = deps.now();
  const bytes = await renderRecordPdf({
    issuer: office?.name ?? '',
    title: 'Data Dukung Pengendalian dan Pengamanan Pemanfaatan Data Kependudukan',
    subtitle: `${c.title} — periode ${tanggal(c.period_start)} s.d. ${tanggal(c.period_end)}`,
    rows,
    footer: `Disiapkan oleh Gerbang dari catatannya sendiri pada ${tanggal(at)}; angka dibekukan bersama kampanye.`,
    createdAt: at,
  });
  return storeFile(deps, trx, {
    bytes,
    filename: `Data dukung ${c.title}.pdf`,
    contentType: 'application/pdf',
    uploadedBy: actor.userId,
    orgKind: 'office',
    orgId: c.office_id,
  });
}

/** Prepares (or refreshes) and freezes a campaign's data dukung in the caller's transaction; the annex's file. */
export async function freezeDataDukung(deps: Ctx, trx: Transaction<DB>, actor: Actor, c: CampaignTable) {
  const insts = await repo.institutionsOf(trx, c.id);
  const names = new Map<string, string>();
  for (const i of insts)
    names.set(i.institution_office_id, (await findOffice(trx, i.institution_office_id))?.name ?? '');
  const dukung = await prepareDataDukung(
    trx,
    {
      officeId: c.office_id,
      period: { from: c.period_start, to: c.period_end },
      institutions: insts.map((i) => ({
        id: i.institution_id,
        name: i.name,
        officeName: names.get(i.institution_office_id) ?? '',
      })),
    },
    deps.now(),
  );
  for (const d of dukung) {
    await repo.updateInstitution(trx, c.id, d.institutionId, { data_dukung: JSON.stringify(d) });
  }
  const file = await annexFile(deps, trx, actor, c, dukung);
  const iso = deps.now().toISOString();
  await repo.updateCampaign(trx, c.id, { prepared_at: iso, annex_file_id: file.id, updated_at: iso });
  return { file, dukung };
}

function invalid(code: string, field: string, message: { id: string; en: string }) {
  return errors.invalid(code, message, [{ field, message }]);
}

/** Opens a campaign: its case on the office's control SOP, its institutions, and the data dukung frozen. */
export async function openCampaign(
  deps: Ctx,
  actor: Actor,
  input: { title: string; periodStart: string; periodEnd: string; institutionIds: string[]; disposisiFileId?: string },
) {
  if (actor.orgKind !== 'office') throw errors.forbidden();
  const officeId = actor.orgId;
  const serving = await controlSop(deps, officeId);
  const startRole = assigneeOf(serving.def, serving.def.start).role;
  if (!canOpenCampaign(actor, officeId, startRole)) throw errors.forbidden();
  const title = input.title.trim();
  if (title.length < 3)
    throw invalid('title_required', 'title', { id: 'Judul kampanye wajib diisi.', en: 'A title is required.' });
  const today = localDate(await calendarFor(deps.db, officeId), deps.now());
  if (input.periodStart > input.periodEnd)
    throw invalid('period_order', 'periodEnd', {
      id: 'Akhir periode harus sesudah awalnya.',
      en: 'The period must end after it starts.',
    });
  if (input.periodEnd > today)
    throw invalid('period_future', 'periodEnd', {
      id: 'Periode pengendalian tidak boleh melewati hari ini.',
      en: 'The period cannot end after today.',
    });
  if (daysBetween(input.periodStart, input.periodEnd) > 366)
    throw invalid('period_too_long', 'periodStart', {
      id: 'Periode pengendalian paling lama satu tahun.',
      en: 'The period is at most one year.',
    });
  const ids = [...new Set(input.institutionIds)];
  if (!ids.length || ids.length > MAX_INSTITUTIONS)
    throw invalid('institutions_required', 'institutionIds', {
      id: `Pilih 1 sampai ${MAX_INSTITUTIONS} lembaga.`,
      en: `Choose 1 to ${MAX_INSTITUTIONS} institutions.`,
    });
  const result = await deps.db.transaction().execute(async (trx) => {
    // The server decides the scope: an institution outside the office's is unknown here.
    const inScope = new Map((await scopeInstitutions(trx, officeId)).map((i) => [i.id, i]));
    for (const id of ids) if (!inScope.has(id)) throw errors.notFound({ id: 'Lembaga', en: 'Institution' });
    const disposisi = input.disposisiFileId ? await ownFile(trx, actor, input.disposisiFileId) : undefined;
    const at = deps.now();
    const iso = at.toISOString();
    const id = newId();
    const rows: CampaignInstitutionTable[] = [];
    for (const instId of ids) {
      const agreements = await repo.agreementsOf(trx, instId);
      const current = agreements.find((a) => a.status === 'active' || a.status === 'expiring') ?? agreements[0];
      rows.push({
        campaign_id: id,
        institution_id: instId,
        agreement_id: current?.id ?? null,
        data_dukung: null,
        checklist: null,
        checklist_by: null,
        checklist_at: null,
      });
    }
    const campaign: CampaignTable = {
      id,
      office_id: officeId,
      case_id: '',
      title,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      status: 'open',
      prepared_at: null,
      annex_file_id: null,
      visited_at: null,
      report_document_id: null,
      report_step_id: null,
      reported_at: null,
      created_by: actor.userId,
      created_at: iso,
      updated_at: iso,
    };
    await repo.insertCampaign(trx, { ...campaign, case_id: `pending:${id}` });
    await repo.insertInstitutions(trx, rows);
    const { file } = await freezeDataDukung(deps, trx, actor, campaign);
    const opened = await openBoundCase(deps, trx, actor, {
      officeId,
      version: serving.version,
      title: `Pengendalian: ${title}`,
      subjectKind: SUBJECT_KIND,
      subjectId: id,
      institutionId: null,
      attachments: [
        { docType: RAW_DATA_DOC, fileId: file.id },
        ...(disposisi ? [{ docType: 'Disposisi', fileId: disposisi.id }] : []),
      ],
    });
    await repo.updateCampaign(trx, id, { case_id: opened.id });
    await recordDecision(trx, at, actor, {
      action: 'campaign.opened',
      detail: {
        campaignId: id,
        caseId: opened.id,
        caseNumber: opened.number,
        sop: serving.version.code,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        institutions: ids.join(','),
      },
    });
    return { id, caseId: opened.id };
  });
  return getCampaign(deps, actor, result.id);
}

function parseJson<T>(text: string | null): T | null {
  return text ? (JSON.parse(text) as T) : null;
}

function findingView(f: CampaignFindingTable, today: string) {
  return {
    id: f.id,
    campaignId: f.campaign_id,
    institutionId: f.institution_id,
    severity: f.severity,
    finding: f.finding,
    recommendation: f.recommendation,
    dueDate: f.due_date,
    status: f.status,
    overdue: followUpOverdue({ status: f.status, dueDate: f.due_date }, today),
    response: f.response,
    responseFileId: f.response_file_id,
    respondedAt: f.responded_at,
    returnNote: f.return_note,
    closedAt: f.closed_at,
    createdAt: f.created_at,
  };
}

/** One campaign as its office (and those above) see it. */
export async function getCampaign(deps: Ctx, actor: Actor, id: string) {
  const { campaign: c, chain } = await loadCampaign(deps.db, actor, id);
  const def = await defOfCampaign(deps.db, c);
  const today = localDate(await calendarFor(deps.db, c.office_id), deps.now());
  const insts = await repo.institutionsOf(deps.db, c.id);
  const evidence = await repo.evidenceOf(deps.db, c.id);
  const findings = await repo.findingsOf(deps.db, c.id);
  const kase = await deps.db
    .selectFrom('cases')
    .select(['number', 'status', 'outcome'])
    .where('id', '=', c.case_id)
    .executeTakeFirst();
  const canWork = canWorkOnCampaign(actor, { officeId: c.office_id, officeChain: chain }, workRoles(def));
  return {
    ...summaryOf(c, findings, today),
    office: { id: c.office_id, name: (await findOffice(deps.db, c.office_id))?.name ?? '' },
    case: { id: c.case_id, number: kase?.number ?? '', status: kase?.status ?? 'open', outcome: kase?.outcome ?? null },
    sop: { code: def.code, name: def.header.nama },
    today,
    preparedAt: c.prepared_at,
    reportedAt: c.reported_at,
    hasAnnex: c.annex_file_id !== null,
    canWork,
    canEdit: canWork && c.status === 'open',
    institutions: insts.map((i) => {
      const checklist = parseJson<Checklist>(i.checklist);
      return {
        id: i.institution_id,
        name: i.name,
        dataDukung: parseJson<DataDukung>(i.data_dukung),
        checklist,
        checklistComplete: checklistComplete(checklist),
        checklistAt: i.checklist_at,
        evidence: evidence
          .filter((e) => e.institution_id === i.institution_id)
          .map((e) => ({ id: e.id, item: e.item, fileId: e.file_id, filename: e.filename, createdAt: e.created_at })),
        findings: findings.filter((f) => f.institution_id === i.institution_id).map((f) => findingView(f, today)),
      };
    }),
  };
}

/** Fills (or corrects) one institution's visit checklist. */
export async function saveChecklist(deps: Ctx, actor: Actor, id: string, institutionId: string, items: Checklist) {
  await deps.db.transaction().execute(async (trx) => {
    const { campaign } = await workable(trx, actor, id, { beforeReport: true });
    const inst = (await repo.institutionsOf(trx, id)).find((i) => i.institution_id === institutionId);
    if (!inst) throw errors.notFound({ id: 'Lembaga', en: 'Institution' });
    const clean: Checklist = {};
    for (const item of CHECKLIST_ITEMS) {
      const a = items[item];
      if (a) clean[item] = { answer: a.answer, note: a.note.trim() };
    }
    const at = deps.now();
    await repo.updateInstitution(trx, id, institutionId, {
      checklist: JSON.stringify(clean),
      checklist_by: actor.userId,
      checklist_at: at.toISOString(),
    });
    await recordDecision(trx, at, actor, {
      action: 'campaign.checklist_filled',
      result: checklistComplete(clean) ? 'complete' : 'partial',
      institutionId,
      detail: {
        campaignId: campaign.id,
        caseId: campaign.case_id,
        answers: CHECKLIST_ITEMS.map((i) => `${i}:${clean[i]?.answer ?? '-'}`).join(','),
      },
    });
  });
  return getCampaign(deps, actor, id);
}

/** Adds an evidence file (the office's own upload through the files module) to a visit. */
export async function addEvidence(
  deps: Ctx,
  actor: Actor,
  id: string,
  institutionId: string,
  input: { fileId: string; item?: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { campaign } = await workable(trx, actor, id, { beforeReport: true });
    if (!(await repo.institutionsOf(trx, id)).some((i) => i.institution_id === institutionId))
      throw errors.notFound({ id: 'Lembaga', en: 'Institution' });
    const file = await ownFile(trx, actor, input.fileId);
    const at = deps.now();
    const evidenceId = newId();
    await repo.insertEvidence(trx, {
      id: evidenceId,
      campaign_id: id,
      institution_id: institutionId,
      item: input.item ?? null,
      file_id: file.id,
      filename: file.filename,
      uploaded_by: actor.userId,
      created_at: at.toISOString(),
    });
    await recordDecision(trx, at, actor, {
      action: 'campaign.evidence_added',
      institutionId,
      detail: { campaignId: campaign.id, evidenceId, fileId: file.id, sha256: file.sha256, item: input.item ?? null },
    });
  });
  return getCampaign(deps, actor, id);
}

/** Records a finding with its recommendation and the follow-up the institution owes by a due date. */
export async function addFinding(
  deps: Ctx,
  actor: Actor,
  id: string,
  input: { institutionId: string; severity: Severity; finding: string; recommendation: string; dueDate: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { campaign } = await workable(trx, actor, id, { beforeReport: true });
    const inst = (await repo.institutionsOf(trx, id)).find((i) => i.institution_id === input.institutionId);
    if (!inst) throw errors.notFound({ id: 'Lembaga', en: 'Institution' });
    const finding = input.finding.trim();
    const recommendation = input.recommendation.trim();
    if (finding.length < 3)
      throw invalid('finding_required', 'finding', { id: 'Uraian temuan wajib diisi.', en: 'Describe the finding.' });
    if (recommendation.length < 3)
      throw invalid('recommendation_required', 'recommendation', {
        id: 'Rekomendasi wajib diisi.',
        en: 'A recommendation is required.',
      });
    const today = localDate(await calendarFor(trx, campaign.office_id), deps.now());
    if (input.dueDate <= today)
      throw invalid('due_date_past', 'dueDate', {
        id: 'Batas waktu tindak lanjut harus sesudah hari ini.',
        en: 'The follow-up must be due after today.',
      });
    const at = deps.now();
    const iso = at.toISOString();
    const findingId = newId();
    await repo.insertFinding(trx, {
      id: findingId,
      campaign_id: id,
      office_id: campaign.office_id,
      institution_id: input.institutionId,
      agreement_id: inst.agreement_id,
      severity: input.severity,
      finding,
      recommendation,
      due_date: input.dueDate,
      status: 'owed',
      response: null,
      response_file_id: null,
      responded_by: null,
      responded_at: null,
      return_note: null,
      closed_by: null,
      closed_at: null,
      created_by: actor.userId,
      created_at: iso,
      updated_at: iso,
    });
    await recordDecision(trx, at, actor, {
      action: 'campaign.finding_recorded',
      result: input.severity,
      institutionId: input.institutionId,
      ...(inst.agreement_id ? { pksId: inst.agreement_id } : {}),
      detail: { campaignId: id, findingId, dueDate: input.dueDate },
    });
    await notify(trx, at, {
      to: { kind: 'institution', id: input.institutionId },
      institutionId: input.institutionId,
      kind: 'campaign_follow_up',
      title: { id: 'Temuan pengendalian: tindak lanjut diminta', en: 'Control finding: follow-up requested' },
      body: {
        id: `${finding} Rekomendasi: ${recommendation} Sampaikan tindak lanjut paling lambat ${tanggal(input.dueDate)}.`,
        en: `${finding} Recommendation: ${recommendation} Send your follow-up by ${input.dueDate}.`,
      },
      link: '/campaigns/follow-ups',
    });
  });
  return getCampaign(deps, actor, id);
}

/** The follow-ups the actor deals with: an institution its own; an office those of its campaigns and below. */
export async function followUps(deps: Ctx, actor: Actor) {
  const rows =
    actor.orgKind === 'institution'
      ? await repo.findingsFor(deps.db, { institutionId: actor.orgId })
      : await repo.findingsFor(deps.db, {
          officeIds: actor.atPusat ? null : await officeDescendants(deps.db, actor.orgId),
        });
  const out = [];
  const todays = new Map<string, string>();
  for (const f of rows) {
    let today = todays.get(f.office_id);
    if (!today) {
      today = localDate(await calendarFor(deps.db, f.office_id), deps.now());
      todays.set(f.office_id, today);
    }
    out.push({
      ...findingView(f, today),
      campaignTitle: f.campaign_title,
      institutionName: f.institution_name,
      canRespond: canRespondFollowUp(actor, f.institution_id) && canRespond(f.status),
      canJudge: actor.orgKind === 'office' && actor.orgId === f.office_id && canJudge(f.status),
    });
  }
  return out;
}

/** A finding the actor may see: the institution its own; offices by the campaign's scope. 404 otherwise. */
async function visibleFinding(db: Q, actor: Actor, id: string) {
  const f = await repo.findFinding(db, id);
  if (!f) throw errors.notFound(FINDING);
  if (actor.orgKind === 'institution') {
    if (f.institution_id !== actor.orgId) throw errors.notFound(FINDING);
    return f;
  }
  const chain = await officeChain(db, f.office_id);
  if (!canViewCampaign(actor, { officeId: f.office_id, officeChain: chain })) throw errors.notFound(FINDING);
  return f;
}

function notOwed() {
  return errors.conflict('follow_up_not_owed', {
    id: 'Tindak lanjut ini tidak sedang menunggu jawaban lembaga.',
    en: 'This follow-up is not waiting for the institution.',
  });
}

function notResponded() {
  return errors.conflict('follow_up_not_responded', {
    id: 'Tindak lanjut ini tidak sedang menunggu penilaian kantor.',
    en: 'This follow-up is not waiting for the office.',
  });
}

/** The institution answers a follow-up with text and, optionally, its own uploaded file. */
export async function respond(
  deps: Ctx,
  actor: Actor,
  findingId: string,
  input: { response: string; fileId?: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const f = await visibleFinding(trx, actor, findingId);
    if (!canRespondFollowUp(actor, f.institution_id)) throw errors.forbidden();
    if (!canRespond(f.status)) throw notOwed();
    const text = input.response.trim();
    if (text.length < 3)
      throw invalid('response_required', 'response', {
        id: 'Uraikan tindak lanjut yang dilakukan.',
        en: 'Describe the follow-up taken.',
      });
    const file = input.fileId ? await ownFile(trx, actor, input.fileId) : undefined;
    const at = deps.now();
    const iso = at.toISOString();
    if (
      !(await repo.updateFindingIf(trx, f.id, 'owed', {
        status: 'responded',
        response: text,
        response_file_id: file?.id ?? null,
        responded_by: actor.userId,
        responded_at: iso,
        updated_at: iso,
      }))
    )
      throw notOwed();
    await recordDecision(trx, at, actor, {
      action: 'campaign.follow_up_responded',
      result: 'responded',
      institutionId: f.institution_id,
      ...(f.agreement_id ? { pksId: f.agreement_id } : {}),
      detail: { campaignId: f.campaign_id, findingId: f.id, fileId: file?.id ?? null, sha256: file?.sha256 ?? null },
    });
    await notify(trx, at, {
      to: { kind: 'office', id: f.office_id },
      institutionId: f.institution_id,
      kind: 'campaign_follow_up_responded',
      title: { id: 'Tindak lanjut temuan masuk', en: 'Follow-up received' },
      body: { id: `Tindak lanjut atas temuan: ${f.finding}`, en: `Follow-up on the finding: ${f.finding}` },
      link: `/campaigns/${f.campaign_id}`,
    });
  });
  return (await followUps(deps, actor)).find((x) => x.id === findingId);
}

/** The office accepts (closes) a follow-up or returns it with a note; the ladder runs for the institution at once. */
export async function judge(
  deps: Ctx,
  actor: Actor,
  findingId: string,
  input: { decision: 'accept' | 'return'; note?: string },
) {
  const note = input.note?.trim() ?? '';
  if (input.decision === 'return' && note.length < 3)
    throw invalid('note_required', 'note', {
      id: 'Tulis mengapa tindak lanjut dikembalikan.',
      en: 'Say why the follow-up is returned.',
    });
  const institutionId = await deps.db.transaction().execute(async (trx) => {
    const f = await visibleFinding(trx, actor, findingId);
    const c = await repo.findCampaign(trx, f.campaign_id);
    if (!c) throw errors.notFound(FINDING);
    const chain = await officeChain(trx, c.office_id);
    const def = await defOfCampaign(trx, c);
    if (!canWorkOnCampaign(actor, { officeId: c.office_id, officeChain: chain }, workRoles(def)))
      throw errors.forbidden();
    if (!canJudge(f.status)) throw notResponded();
    const at = deps.now();
    const iso = at.toISOString();
    const accepted = input.decision === 'accept';
    const moved = await repo.updateFindingIf(
      trx,
      f.id,
      'responded',
      accepted
        ? { status: 'closed', closed_by: actor.userId, closed_at: iso, return_note: null, updated_at: iso }
        : { status: 'owed', return_note: note, updated_at: iso },
    );
    if (!moved) throw notResponded();
    await recordDecision(trx, at, actor, {
      action: accepted ? 'campaign.follow_up_accepted' : 'campaign.follow_up_returned',
      result: accepted ? 'closed' : 'returned',
      institutionId: f.institution_id,
      ...(f.agreement_id ? { pksId: f.agreement_id } : {}),
      detail: { campaignId: f.campaign_id, findingId: f.id, note: note || null },
    });
    await notify(trx, at, {
      to: { kind: 'institution', id: f.institution_id },
      institutionId: f.institution_id,
      kind: accepted ? 'campaign_follow_up_accepted' : 'campaign_follow_up_returned',
      title: accepted
        ? { id: 'Tindak lanjut diterima', en: 'Follow-up accepted' }
        : { id: 'Tindak lanjut dikembalikan', en: 'Follow-up returned' },
      body: accepted
        ? {
            id: `Tindak lanjut atas temuan "${f.finding}" diterima; temuan selesai.`,
            en: `Your follow-up on "${f.finding}" was accepted.`,
          }
        : {
            id: `Tindak lanjut atas temuan "${f.finding}" dikembalikan. Catatan: ${note}`,
            en: `Your follow-up on "${f.finding}" was returned. Note: ${note}`,
          },
      link: '/campaigns/follow-ups',
    });
    return f.institution_id;
  });
  // Accepted: a suspension the ladder imposed for it is lifted now, not at the next tick.
  if (input.decision === 'accept') await runLadder(deps, deps.now(), () => undefined, { institutionId });
  return (await followUps(deps, actor)).find((x) => x.id === findingId);
}

/** A follow-up's response file, for the institution and the offices that see the finding. */
export async function responseFile(deps: Ctx, actor: Actor, findingId: string) {
  const f = await visibleFinding(deps.db, actor, findingId);
  if (!f.response_file_id) throw errors.notFound({ id: 'Berkas', en: 'File' });
  const row = await findFile(deps.db, f.response_file_id);
  return { filename: row.filename, contentType: row.content_type, bytes: readBlob(deps, row) };
}

/** The data dukung annex PDF, or an evidence file, of a campaign the actor sees. */
export async function campaignFile(
  deps: Ctx,
  actor: Actor,
  id: string,
  which: { annex: true } | { evidenceId: string },
) {
  const { campaign } = await loadCampaign(deps.db, actor, id);
  let fileId: string | null;
  if ('annex' in which) fileId = campaign.annex_file_id;
  else fileId = (await repo.evidenceOf(deps.db, id)).find((e) => e.id === which.evidenceId)?.file_id ?? null;
  if (!fileId) throw errors.notFound({ id: 'Berkas', en: 'File' });
  const row = await findFile(deps.db, fileId);
  return { filename: row.filename, contentType: row.content_type, bytes: readBlob(deps, row) };
}

/** The report's newest version. */
export async function reportPdf(deps: Ctx, actor: Actor, id: string) {
  const { campaign } = await loadCampaign(deps.db, actor, id);
  const docId = campaign.report_document_id;
  const latest = docId ? await documents.latestVersionOf(deps.db, docId) : undefined;
  if (!docId || !latest) throw errors.notFound({ id: 'Laporan hasil pengendalian', en: 'Control report' });
  const { file, bytes } = await documents.versionFile(deps, actor, docId, latest.version);
  return { filename: file?.filename ?? 'laporan-pengendalian.pdf', bytes };
}

/** What the report is made of, as of now (in the caller's transaction). */
export async function reportData(trx: Q, c: CampaignTable, preparedBy: string): Promise<CampaignReportData> {
  const kase = await trx.selectFrom('cases').select('number').where('id', '=', c.case_id).executeTakeFirst();
  const insts = await repo.institutionsOf(trx, c.id);
  const findings = await repo.findingsOf(trx, c.id);
  return {
    title: c.title,
    caseNumber: kase?.number ?? '',
    period: { from: c.period_start, to: c.period_end },
    institutions: insts.map((i) => ({
      name: i.name,
      dataDukung: parseJson<DataDukung>(i.data_dukung),
      checklist: parseJson<Checklist>(i.checklist),
      findings: findings
        .filter((f) => f.institution_id === i.institution_id)
        .map((f) => ({
          severity: f.severity,
          finding: f.finding,
          recommendation: f.recommendation,
          dueDate: f.due_date,
          status: f.status,
        })),
    })),
    preparedBy,
  };
}

/** Whether every institution's checklist is complete (the visit step's condition). */
export async function allChecklistsComplete(trx: Q, campaignId: string): Promise<boolean> {
  return (await repo.institutionsOf(trx, campaignId)).every((i) =>
    checklistComplete(parseJson<Checklist>(i.checklist)),
  );
}

/** The campaign words, for the subject handler. */
export const WORDS: readonly ActionWord[] = CAMPAIGN_WORDS;
