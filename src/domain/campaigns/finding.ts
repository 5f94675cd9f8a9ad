/**
 * Findings of a control campaign and the follow-up (tindak lanjut) the institution owes for each (issue 13):
 * severities, the follow-up's states and which move is allowed from which. Pure.
 */
import type { Message } from '../errors.js';

/** The severities, mildest first. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
/** How serious a finding is. */
export type Severity = (typeof SEVERITIES)[number];

/** Severity in words. */
export const SEVERITY_TEXT: Record<Severity, Message> = {
  low: { id: 'Ringan', en: 'Low' },
  medium: { id: 'Sedang', en: 'Medium' },
  high: { id: 'Berat', en: 'High' },
};

/** owed: waiting for the institution (also after a return); responded: waiting for the office; closed: accepted. */
export const FOLLOW_UP_STATUSES = ['owed', 'responded', 'closed'] as const;
/** Where a follow-up stands. */
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Follow-up state in words. */
export const FOLLOW_UP_TEXT: Record<FollowUpStatus, Message> = {
  owed: { id: 'Menunggu tindak lanjut lembaga', en: 'Waiting for the institution' },
  responded: { id: 'Tindak lanjut menunggu penilaian kantor', en: 'Response waiting for the office' },
  closed: { id: 'Tindak lanjut diterima (selesai)', en: 'Follow-up accepted (closed)' },
};

/** The institution may respond while the follow-up is owed (first time or after a return). */
export function canRespond(s: FollowUpStatus): boolean {
  return s === 'owed';
}

/** The office accepts or returns a response it has received. */
export function canJudge(s: FollowUpStatus): boolean {
  return s === 'responded';
}

/** Overdue: not closed, and the office's date is after the due date (a response waiting for the office is not). */
export function followUpOverdue(f: { status: FollowUpStatus; dueDate: string }, today: string): boolean {
  return f.status === 'owed' && today > f.dueDate;
}

/** The ladder's label of a follow-up owed. */
export function followUpLabel(finding: string): string {
  const short = finding.length > 80 ? `${finding.slice(0, 77)}…` : finding;
  return `Tindak lanjut temuan pengendalian: ${short}`;
}
