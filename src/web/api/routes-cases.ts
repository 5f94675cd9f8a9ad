/** Cases and their tasks, uploads, and SOPs (Kotak Masuk is read through ./work). */
import type { Body, Query, Reply } from './http';
import { call, uploadFile } from './request';

/** SLA state of a task: open ones, and closed ones as finished on time or late. */
export type SlaState = CaseTask['sla'];

/** GET /api/cases item. */
export type CaseSummary = Reply<'/api/cases'>[number];

/** POST /api/cases body. */
export type NewCase = Body<'/api/cases'>;

/** A document named by type and an uploaded file. */
export type DocRef = NonNullable<NewCase['attachments']>[number];

/** GET /api/cases/:id */
export type CaseDetail = Reply<'/api/cases/{id}'>;

/** One task of a case. */
export type CaseTask = CaseDetail['tasks'][number];

/** A document of a case. */
export type CaseDocument = CaseDetail['documents'][number];

/** One event of a case's history. */
export type TimelineEvent = CaseDetail['timeline'][number];

/** POST /api/tasks/:id/complete body. */
export type CompleteTask = Body<'/api/tasks/{id}/complete'>;

/** The answer of a transition (completing or returning a task). */
export type Transition = Reply<'/api/tasks/{id}/complete', 'post'>;

/** POST /api/files answer. */
export type UploadedFile = Reply<'/api/files', 'post'>;

/** GET /api/sops item. */
export type SopSummary = Reply<'/api/sops'>[number];

/** A version of an SOP in a list. */
export type SopVersionSummary = SopSummary['versions'][number];

/** GET /api/sops/versions/:id */
export type SopVersion = Reply<'/api/sops/versions/{id}'>;

/** GET /api/sops/versions/:id/evaluation */
export type SopEvaluation = Reply<'/api/sops/versions/{id}/evaluation'>;

/** POST /api/sops/check answer. */
export type SopCheck = Reply<'/api/sops/check', 'post'>;

/** An error or warning of an SOP definition. */
export type SopIssue = SopCheck['errors'][number];

/** POST /api/offices/:id/sops answer. */
export type PublishedSop = Reply<'/api/offices/{id}/sops', 'post'>;

/** POST /api/offices/:id/sops body. */
type NewSopVersion = Body<'/api/offices/{id}/sops'>;

export const casesRoutes = {
  uploadFile,
  cases: (status?: Query<'/api/cases'>['status']) => call('get', '/api/cases', { query: { status } }),
  caseDetail: (id: string) => call('get', '/api/cases/{id}', { path: { id } }),
  openCase: (input: NewCase) => call('post', '/api/cases', { body: input }),
  completeTask: (id: string, input: CompleteTask) =>
    call('post', '/api/tasks/{id}/complete', { path: { id }, body: input }),
  returnTask: (id: string, reason: string, toStepId?: string) =>
    call('post', '/api/tasks/{id}/return', { path: { id }, body: toStepId ? { reason, toStepId } : { reason } }),
  sops: (officeId?: string) => call('get', '/api/sops', { query: { officeId } }),
  sopVersion: (id: string) => call('get', '/api/sops/versions/{id}', { path: { id } }),
  sopEvaluation: (id: string) => call('get', '/api/sops/versions/{id}/evaluation', { path: { id } }),
  checkSop: (source: string, officeId?: string) =>
    call('post', '/api/sops/check', { body: officeId ? { source, officeId } : { source } }),
  publishSop: (officeId: string, input: NewSopVersion) =>
    call('post', '/api/offices/{id}/sops', { path: { id: officeId }, body: input }),
};
