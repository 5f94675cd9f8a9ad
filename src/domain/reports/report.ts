/**
 * A semester usage report (issue 12): what the ledger says (frozen at submission) and what only the institution
 * knows, its status through the office's review, and who may do what with it. Pure.
 */
import type { FieldIssue } from '../errors.js';

/** What the institution writes in its report. */
export interface ReportContent {
  /** What the data was used for in the semester. */
  purposes: string;
  /** The services delivered with it (accounts opened, patients registered…). */
  services: string;
  /** The data balikan delivered to Dukcapil. */
  dataBalikan: string;
  /** Security incidents ("Tidak ada" when none). */
  incidents: string;
  /** Changes of operators or of the network in the semester ("Tidak ada" when none). */
  changes: string;
}

/** The fields of a report's content, in display order. */
export const CONTENT_FIELDS = ['purposes', 'services', 'dataBalikan', 'incidents', 'changes'] as const;

/** An empty draft. */
export const EMPTY_CONTENT: ReportContent = { purposes: '', services: '', dataBalikan: '', incidents: '', changes: '' };

/** Longest text of one field. */
export const FIELD_MAX = 2000;

const LABELS: Record<keyof ReportContent, { id: string; en: string }> = {
  purposes: { id: 'Tujuan pemanfaatan data', en: 'What the data was used for' },
  services: { id: 'Layanan yang diberikan', en: 'Services delivered' },
  dataBalikan: { id: 'Data balikan yang diserahkan', en: 'Data balikan delivered' },
  incidents: { id: 'Insiden keamanan', en: 'Security incidents' },
  changes: { id: 'Perubahan operator atau jaringan', en: 'Changes of operators or network' },
};

/** The printed label of a field. */
export function fieldLabel(f: keyof ReportContent): { id: string; en: string } {
  return LABELS[f];
}

/** What a report still lacks before it can be submitted (every field filled, at least a few characters). */
export function contentIssues(c: ReportContent): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const f of CONTENT_FIELDS) {
    if (c[f].trim().length < 3)
      out.push({
        field: f,
        message: {
          id: `${LABELS[f].id} wajib diisi (tulis "Tidak ada" bila tidak ada)`,
          en: `${LABELS[f].en} is required (write "None" if there is none)`,
        },
      });
  }
  return out;
}

/** Where a stored report can be in its review. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;

/** Where a report is in its review. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * What a list shows of a report: its review status, or, when none was written, current (the semester is still
 * running) or owed (over and not yet submitted).
 */
export const ENTRY_STATUSES = ['current', 'owed', ...REPORT_STATUSES] as const;

/** What a list shows of a report. */
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** The office's decisions on a submitted report. */
export const REVIEW_DECISIONS = ['accept', 'return'] as const;

/** The office's decision on a submitted report. */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A report the institution may still edit and submit. */
export function editable(status: ReportStatus | undefined): boolean {
  return status === undefined || status === 'draft' || status === 'returned';
}

/** A report waiting for the office's review. */
export function underReview(status: ReportStatus | undefined): boolean {
  return status === 'submitted' || status === 'resubmitted';
}
