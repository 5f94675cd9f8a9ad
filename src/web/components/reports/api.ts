/** The reports feature's API (issue 12): semester reports, their review, the ladder's overview, notices. */
import { request } from '../../api/client';
import { tanggalIn } from '../../../domain/tanggal.js';

/** What a screen shows of a report. */
export type ReportStatus = 'current' | 'owed' | 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';

/** Bilingual text from the server. */
export interface Bi {
  id: string;
  en: string;
}

/** One report as the list shows it. */
export interface ReportEntry {
  id: string | null;
  agreementId: string;
  agreementNumber: string;
  institution: { id: string; name: string };
  office: { id: string; name: string };
  semester: string;
  label: Bi;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ReportStatus;
  late: boolean;
  daysLate: number;
  sanctionable: boolean;
  reminded: boolean;
  warned: boolean;
  warningDocumentId: string | null;
  notes: string | null;
  caseId: string | null;
  documentId: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
}

/** What the institution writes. */
export interface ReportContent {
  purposes: string;
  services: string;
  dataBalikan: string;
  incidents: string;
  changes: string;
}

/** The content fields in display order. */
export const CONTENT_FIELDS = ['purposes', 'services', 'dataBalikan', 'incidents', 'changes'] as const;

/** The ledger's figures of a report. */
export interface ReportFigures {
  calls: number;
  answered: number;
  refused: number;
  byChannel: Record<string, number>;
  byElement: Record<string, number>;
  refusalsByReason: Record<string, number>;
  operators: { id: string; name: string; calls: number }[];
  residentsServed: number;
}

/** One report in full. */
export interface ReportDetail extends ReportEntry {
  content: ReportContent;
  figures: ReportFigures;
  figuresFrozen: boolean;
  returnedNotes: string | null;
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
}

/** One office's (or the nation's) counts. */
export interface Counter {
  institutions: number;
  due: number;
  late: number;
  warned: number;
  sanctioned: number;
  reactivated: number;
  accepted: number;
}

/** Where an institution stands on the ladder. */
export type LadderState = 'good' | 'due' | 'late' | 'warned' | 'sanctioned' | 'reactivated';

/** The ladder's overview. */
export interface Overview {
  totals: Counter;
  offices: (Counter & { id: string; name: string })[];
  institutions: {
    id: string;
    name: string;
    office: { id: string; name: string };
    state: LadderState;
    overdue: { label: string; dueDate: string; daysLate: number }[];
    sanctionedOn: string | null;
    sanctionLetterId: string | null;
    reactivatedOn: string | null;
    reactivationLetterId: string | null;
  }[];
}

/** A notice to the organisation. */
export interface Notice {
  id: string;
  kind: string;
  title: Bi;
  body: Bi;
  link: string | null;
  documentId: string | null;
  createdAt: string;
}

const base = (agreementId: string, semester: string) =>
  `/api/reports/${encodeURIComponent(agreementId)}/${encodeURIComponent(semester)}`;

/** The calls of the reports screens. */
export const reportsApi = {
  list: (q: { status?: string } = {}) =>
    request<ReportEntry[]>('GET', `/api/reports${q.status ? `?status=${encodeURIComponent(q.status)}` : ''}`),
  get: (agreementId: string, semester: string) => request<ReportDetail>('GET', base(agreementId, semester)),
  save: (agreementId: string, semester: string, content: ReportContent) =>
    request<ReportDetail>('PUT', base(agreementId, semester), content),
  submit: (agreementId: string, semester: string, content: ReportContent) =>
    request<ReportDetail>('POST', `${base(agreementId, semester)}/submit`, content),
  review: (agreementId: string, semester: string, body: { decision: 'accept' | 'return'; notes?: string }) =>
    request<ReportDetail>('POST', `${base(agreementId, semester)}/review`, body),
  pdfUrl: (agreementId: string, semester: string) => `${base(agreementId, semester)}/pdf`,
  overview: () => request<Overview>('GET', '/api/reports/overview'),
  notices: () => request<Notice[]>('GET', '/api/notices'),
};

/** The PDF of a produced document's first version (letters of the ladder). */
export function letterUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/versions/1/file`;
}

/** "30 Juli 2026" / "30 July 2026" for an office-local date or an instant. */
export function tanggalText(value: string | null | undefined, lang: 'id' | 'en'): string {
  return tanggalIn(value ?? null, lang);
}
