/** Institutions' verification and documents, applications, agreements (PKS) and documents. */
import type { Body, PathOf, Reply } from './http';
import { call } from './request';

/** GET /api/applications/:id */
export type ApplicationView = Reply<'/api/applications/{id}'>;

/** The six contents of an application, plus volume, IP ranges and the legal basis for protected elements. */
export type ApplicationContent = ApplicationView['content'];

/** The access methods a PKS may grant. */
export type AccessMethod = ApplicationContent['methods'][number];

/** POST/PATCH /api/applications body. */
export type ApplicationInput = Body<'/api/applications'>;

/** GET /api/applications item. */
export type ApplicationSummary = Reply<'/api/applications'>[number];

/** An open task of an application's case, as the institution sees it. */
export type ApplicationTask = NonNullable<ApplicationView['case']>['openTasks'][number];

/** GET /api/institutions/:id/documents */
export type InstitutionDocuments = Reply<'/api/institutions/{id}/documents'>;

/** GET /api/agreements/:id */
export type AgreementDetail = Reply<'/api/agreements/{id}'>;

/** The lifecycle states of a PKS. */
export type PksStatus = AgreementDetail['status'];

/** The machine-readable content of one PKS version. */
export type PksContent = AgreementDetail['versions'][number]['content'];

/** A field-level change between two versions. */
export type FieldChange = AgreementDetail['versions'][number]['changes'][number];

/** A signature over a version's hash. */
export type Signature = AgreementDetail['signatures'][number];

/** GET /api/agreements item. */
export type AgreementSummary = Reply<'/api/agreements'>[number];

/** PATCH /api/agreements/:id body. */
export type AgreementRevision = Body<'/api/agreements/{id}', 'patch'>;

/** GET /api/documents/:id */
export type DocumentDetail = Reply<'/api/documents/{id}'>;

/** The lifecycle step each action of a PKS posts to. */
const AGREEMENT_ACTIONS = {
  submit: '/api/agreements/{id}/submit',
  approve: '/api/agreements/{id}/approve',
  sign: '/api/agreements/{id}/sign',
  activate: '/api/agreements/{id}/activate',
  'approve-juknis': '/api/agreements/{id}/approve-juknis',
  terminate: '/api/agreements/{id}/terminate',
} as const satisfies Record<string, PathOf<'post'>>;

/** A lifecycle action of a PKS. */
export type AgreementAction = keyof typeof AGREEMENT_ACTIONS;

/** What an action takes: an optional scan to sign, an optional start date to activate, a reason to terminate. */
export type AgreementActionBody = Body<(typeof AGREEMENT_ACTIONS)[AgreementAction]>;

export const applicationsRoutes = {
  // Institutions: verification and badan hukum documents.
  verifyInstitution: (id: string, approve: boolean, note?: string) =>
    call('post', '/api/institutions/{id}/verify', { path: { id }, body: { approve, ...(note ? { note } : {}) } }),
  institutionDocuments: (id: string) => call('get', '/api/institutions/{id}/documents', { path: { id } }),
  addInstitutionDocument: (id: string, docType: string, fileId: string) =>
    call('post', '/api/institutions/{id}/documents', { path: { id }, body: { docType, fileId } }),

  // Applications.
  applications: () => call('get', '/api/applications'),
  application: (id: string) => call('get', '/api/applications/{id}', { path: { id } }),
  createApplication: (input: ApplicationInput) => call('post', '/api/applications', { body: input }),
  updateApplication: (id: string, input: ApplicationInput) =>
    call('patch', '/api/applications/{id}', { path: { id }, body: input }),
  submitApplication: (id: string) => call('post', '/api/applications/{id}/submit', { path: { id } }),

  // Agreements.
  agreements: () => call('get', '/api/agreements'),
  agreement: (id: string) => call('get', '/api/agreements/{id}', { path: { id } }),
  reviseAgreement: (id: string, input: AgreementRevision) =>
    call('patch', '/api/agreements/{id}', { path: { id }, body: input }),
  agreementAction: (id: string, action: AgreementAction, body: AgreementActionBody = {}) =>
    call('post', AGREEMENT_ACTIONS[action], { path: { id }, body }),

  // Documents.
  document: (id: string) => call('get', '/api/documents/{id}', { path: { id } }),
  commentOnVersion: (id: string, version: number, body: string) =>
    call('post', '/api/documents/{id}/versions/{version}/comments', { path: { id, version }, body: { body } }),
};
