/**
 * Cross-feature contract (issue 13): opening the review of a finding. The detector inserts a finding (and
 * suspends its subject) and calls `openFindingReview` in that same transaction; a resident who does not recognise
 * an access to their data has `openReportedFinding` insert the finding and open its review in the resident
 * feature's transaction. Either way the institution's office gets a case on its anomaly-review SOP (published from
 * sops/templates/tinjauan-anomali.yaml on first use, inside the transaction), so a task in its Kotak Masuk, and the
 * institution is told what was suspended and why. Owned by the anomalies feature (the body may change, the
 * signature not).
 */
import { Transaction, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ruleByCode } from '../../../domain/anomalies/rules.js';
import { channelOf } from '../../../domain/audit/actions.js';
import { tanggal, tanggalIn } from '../../../domain/tanggal.js';
import { newId } from '../../lib/ids.js';
import { openBoundCase } from '../cases/case.service.js';
import { ensureTemplateSop, sopForPurpose } from '../sop/sop.service.js';
import { notify } from '../reports/notices.js';
import * as repo from './anomalies.repository.js';
import { FINDING_SUBJECT } from './review.subject.js';

/** The SOP code every office reviews findings on; published from sops/templates on first use. */
export const REVIEW_SOP = 'tinjauan-anomali';
/** The rule code of a finding a resident reported. */
export const RESIDENT_RULE = 'resident_report';
/** Its name on screen. */
export const RESIDENT_TITLE = {
  id: 'Laporan penduduk atas akses yang tidak dikenalinya',
  en: 'A resident reports an access they do not recognise',
};

/** A finding reported from outside the detector. */
export interface ReportedFinding {
  /** Who raised it: a resident through the public page. */
  source: 'resident_report';
  /** The institution whose access is questioned; its office reviews the finding. */
  institutionId: string;
  /** The audit entry (its id) the report is about. */
  auditEntryId: string;
  /** The resident report's own id (resident view feature), for the reviewer to open. */
  reportId: string;
  /** The resident's words, already validated by the caller (plain text, bounded). Never the NIK. */
  summary: string;
  now: Date;
}

function inTransaction(trx: Kysely<DB>): Transaction<DB> {
  // The review opens in the caller's transaction, with the finding it reviews; anything else is a programming error.
  if (!(trx instanceof Transaction)) throw new Error('a finding review opens inside the transaction of its finding');
  return trx;
}

/** What the subject of a finding is, in words. */
const SUBJECT_WORDS = {
  grant: { id: 'kredensial', en: 'credential' },
  device: { id: 'perangkat pembaca KTP-el', en: 'card-reader device' },
  operator: { id: 'operator web portal', en: 'web portal operator' },
} as const;

/**
 * Opens the finding in the caller's transaction (its row, and the review task of the institution's office).
 * Returns the finding's id.
 */
export async function openReportedFinding(trx: Kysely<DB>, finding: ReportedFinding): Promise<string> {
  const t = inTransaction(trx);
  const inst = await repo.institutionOf(t, finding.institutionId);
  if (!inst) throw new Error(`reported finding for unknown institution ${finding.institutionId}`);
  const entry = await repo.auditEntryOf(t, finding.auditEntryId);
  const at = finding.now.toISOString();
  const id = newId();
  // Which access, when and by which institution: never the NIK (nor its hash).
  const evidence = {
    accessedAt: entry?.time ?? null,
    channel: entry ? channelOf(entry.action) : null,
    institutionName: inst.name,
    summary: finding.summary,
  };
  await repo.insertFinding(t, {
    id,
    office_id: inst.office_id,
    institution_id: inst.id,
    source: 'resident_report',
    rule: RESIDENT_RULE,
    severity: 'medium',
    subject_kind: null,
    subject_id: null,
    // One finding per resident report, however often the caller retries.
    dedupe_key: `resident_report:${finding.reportId}`,
    window_start: entry?.time ?? at,
    window_end: entry?.time ?? at,
    evidence: JSON.stringify(evidence),
    first_seq: entry ? Number(entry.seq) : null,
    last_seq: entry ? Number(entry.seq) : null,
    status: 'open',
    suspended_at: null,
    outcome: null,
    case_id: null,
    audit_entry_id: finding.auditEntryId,
    report_id: finding.reportId,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    created_at: at,
    updated_at: at,
  });
  await openFindingReview(t, id, finding.now);
  return id;
}

/**
 * Opens the review of a finding the detector just raised (a case on the office's anomaly-review SOP, a task in its
 * Kotak Masuk, a notice to the institution) — in the detector's transaction that inserted the finding and
 * suspended its subject. Owned by the review feature. Idempotent: a finding that has its case is left alone.
 */
export async function openFindingReview(trx: Kysely<DB>, findingId: string, now: Date): Promise<void> {
  const t = inTransaction(trx);
  const f = await repo.findFinding(t, findingId);
  if (!f || f.case_id) return;
  const iso = now.toISOString();
  const clock = { now: () => now };
  const spec = ruleByCode(f.rule);
  const title = f.rule === RESIDENT_RULE ? RESIDENT_TITLE : (spec?.title ?? { id: f.rule, en: f.rule });
  const inst = f.institution_id ? await repo.institutionOf(t, f.institution_id) : undefined;
  await ensureTemplateSop({ db: t, now: clock.now }, f.office_id, { code: REVIEW_SOP, purpose: 'anomaly_review' });
  const serving = await sopForPurpose(t, f.office_id, 'anomaly_review', now);
  const link = `/anomalies/findings/${f.id}`;
  if (inst && serving && serving !== 'retired') {
    const opened = await openBoundCase(
      clock,
      t,
      { kind: 'system' },
      {
        officeId: f.office_id,
        version: serving.version,
        title: `Temuan anomali: ${title.id} — ${inst.name} (${tanggal(now)})`,
        subjectKind: FINDING_SUBJECT,
        subjectId: f.id,
        institutionId: inst.id,
        attachments: [],
      },
    );
    await repo.setCase(t, f.id, opened.id, iso);
  } else {
    // No SOP serves the review (the office retired it): the office still hears of the finding.
    await notify(t, now, {
      to: { kind: 'office', id: f.office_id },
      institutionId: f.institution_id,
      kind: 'anomaly_finding',
      title: { id: 'Temuan anomali baru', en: 'New anomaly finding' },
      body: {
        id: `${title.id}${inst ? ` — ${inst.name}` : ''}. Tinjau dan putuskan temuan ini.`,
        en: `${title.en}${inst ? ` — ${inst.name}` : ''}. Review and decide this finding.`,
      },
      link,
    });
  }
  // The institution hears what was suspended and why, in plain words (a resident's report is the office's to
  // look into first: the institution hears of it with the decision).
  if (inst && f.source === 'detector') {
    const what = f.subject_kind ? SUBJECT_WORDS[f.subject_kind] : null;
    const suspended = f.suspended_at !== null && what !== null ? what : null;
    const subject = await repo.subjectName(t, f.subject_kind, f.subject_id);
    const name = subject ? ` ${subject.name}` : '';
    await notify(t, now, {
      to: { kind: 'institution', id: inst.id },
      institutionId: inst.id,
      kind: suspended ? 'anomaly_suspended' : 'anomaly_finding',
      title: suspended
        ? { id: `${cap(suspended.id)} ditangguhkan sementara`, en: `${cap(suspended.en)} suspended for now` }
        : { id: 'Pola akses yang tidak biasa', en: 'An unusual access pattern' },
      body: suspended
        ? {
            id: `${cap(suspended.id)} Anda${name} ditangguhkan sementara karena Gerbang mendeteksi ${title.id.toLowerCase()} pada ${tanggalIn(f.window_start, 'id')}. Kantor sedang meninjaunya dan akan memulihkan atau mencabutnya.`,
            en: `Your ${suspended.en}${name} is suspended for now because Gerbang detected ${title.en.toLowerCase()} on ${tanggalIn(f.window_start, 'en')}. The office is reviewing it and will resume or revoke it.`,
          }
        : {
            id: `Gerbang mencatat ${title.id.toLowerCase()} pada ${tanggalIn(f.window_start, 'id')}. Akses Anda tidak ditangguhkan; kantor sedang meninjaunya.`,
            en: `Gerbang recorded ${title.en.toLowerCase()} on ${tanggalIn(f.window_start, 'en')}. Your access is not suspended; the office is reviewing it.`,
          },
      link,
    });
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
