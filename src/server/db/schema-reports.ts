/** Table types of the reports feature (issue 12): semester usage reports, the obligations ladder, notices. */
import type { NoticeKind } from '../../domain/reports/notices.js';

/** One semester usage report of one PKS; content and figures are JSON text. */
export interface UsageReportTable {
  id: string;
  agreement_id: string;
  institution_id: string;
  office_id: string;
  /** "2026-1" (January–June) or "2026-2" (July–December). */
  semester: string;
  period_start: string;
  period_end: string;
  status: 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';
  /** ReportContent (domain/reports/report.ts). */
  content: string;
  /** UsageSummary frozen at (re)submission; null while a draft. */
  figures: string | null;
  /** The reviewer's notes when returned. */
  notes: string | null;
  case_id: string | null;
  /** The numbered PDF (documents). */
  document_id: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  returned_at: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A once-only step of the ladder taken for one obligation (reminder_before, reminder_due, warning). */
export interface ObligationStepTable {
  id: string;
  obligation_key: string;
  step: string;
  kind: string;
  institution_id: string;
  office_id: string;
  agreement_id: string;
  label: string;
  due_date: string;
  /** The office-local date it was taken on. */
  local_date: string;
  /** The letter it produced (the warning). */
  document_id: string | null;
  created_at: string;
}

/** A suspension the ladder imposed; lifted_at set when the ladder lifted it. */
export interface ObligationSanctionTable {
  id: string;
  institution_id: string;
  office_id: string;
  /** JSON array of the obligation keys overdue when imposed. */
  obligations: string;
  imposed_at: string;
  imposed_on: string;
  letter_id: string | null;
  lifted_at: string | null;
  lifted_on: string | null;
  lift_letter_id: string | null;
}

/** A notice in an organisation's inbox (reminders, letters sent). */
export interface NoticeTable {
  id: string;
  org_kind: 'office' | 'institution';
  org_id: string;
  /** The institution it concerns. */
  institution_id: string | null;
  kind: NoticeKind;
  title_id: string;
  title_en: string;
  body_id: string;
  body_en: string;
  /** A path in the web app. */
  link: string | null;
  document_id: string | null;
  created_at: string;
}

/** The reports feature's tables. */
export interface ReportsTables {
  usage_reports: UsageReportTable;
  obligation_steps: ObligationStepTable;
  obligation_sanctions: ObligationSanctionTable;
  notices: NoticeTable;
}
