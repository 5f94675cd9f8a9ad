/** The reports feature's API (issue 12): semester reports, their review, the ladder's overview, notices. */
import { call } from '../../api/client';
import type { Body, Query, Reply } from '../../api/http';
import { tanggalIn } from '../../../domain/tanggal.js';

/** One report as the list shows it. */
export type ReportEntry = Reply<'/api/reports'>[number];

/** What a screen shows of a report. */
export type ReportStatus = ReportEntry['status'];

/** What the list can be filtered by: a status, or late (overdue and not accepted). */
export type ReportListStatus = NonNullable<Query<'/api/reports'>['status']>;

/** Bilingual text from the server. */
export type Bi = ReportEntry['label'];

/** What the institution writes. */
export type ReportContent = Body<'/api/reports/{agreementId}/{semester}', 'put'>;

/** The content fields in display order. */
export const CONTENT_FIELDS = ['purposes', 'services', 'dataBalikan', 'incidents', 'changes'] as const;

/** One report in full. */
export type ReportDetail = Reply<'/api/reports/{agreementId}/{semester}'>;

/** The ledger's figures of a report. */
export type ReportFigures = ReportDetail['figures'];

/** The ladder's overview. */
export type Overview = Reply<'/api/reports/overview'>;

/** One office's (or the nation's) counts. */
export type Counter = Overview['totals'];

/** Where an institution stands on the ladder. */
export type LadderState = Overview['institutions'][number]['state'];

/** A notice to the organisation. */
export type Notice = Reply<'/api/notices'>[number];

/** The office's review: accept, or return with notes. */
export type ReviewInput = Body<'/api/reports/{agreementId}/{semester}/review'>;

const base = (agreementId: string, semester: string) =>
  `/api/reports/${encodeURIComponent(agreementId)}/${encodeURIComponent(semester)}`;

/** The calls of the reports screens. */
export const reportsApi = {
  list: (q: { status?: ReportListStatus } = {}) => call('get', '/api/reports', { query: { status: q.status } }),
  get: (agreementId: string, semester: string) =>
    call('get', '/api/reports/{agreementId}/{semester}', { path: { agreementId, semester } }),
  save: (agreementId: string, semester: string, content: ReportContent) =>
    call('put', '/api/reports/{agreementId}/{semester}', { path: { agreementId, semester }, body: content }),
  submit: (agreementId: string, semester: string, content: ReportContent) =>
    call('post', '/api/reports/{agreementId}/{semester}/submit', { path: { agreementId, semester }, body: content }),
  review: (agreementId: string, semester: string, body: ReviewInput) =>
    call('post', '/api/reports/{agreementId}/{semester}/review', { path: { agreementId, semester }, body }),
  pdfUrl: (agreementId: string, semester: string) => `${base(agreementId, semester)}/pdf`,
  overview: () => call('get', '/api/reports/overview'),
  notices: () => call('get', '/api/notices'),
};

/** The PDF of a produced document's first version (letters of the ladder). */
export function letterUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/versions/1/file`;
}

/** "30 Juli 2026" / "30 July 2026" for an office-local date or an instant. */
export function tanggalText(value: string | null | undefined, lang: 'id' | 'en'): string {
  return tanggalIn(value ?? null, lang);
}
