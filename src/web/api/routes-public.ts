/** Public pages: no session needed (verification, register, self-registration, audit heads). */
import { urlOf, type Body, type Reply } from './http';
import { publicCall, postFile } from './request';

/** GET /api/data-elements item: one element of UU 24/2013 art. 58(2). */
export type DataElement = Reply<'/api/data-elements'>[number];

/** POST /api/institutions/register body. */
export type InstitutionRegistration = Body<'/api/institutions/register'>;

/** GET /api/verify/:id */
export type VerifiedDocument = Reply<'/api/verify/{id}'>;

/** POST /api/verify/:id answer. */
export type FileCheck = Reply<'/api/verify/{id}', 'post'>;

/** GET /api/register item: an agreement in force. */
export type RegisterEntry = Reply<'/api/register'>[number];

/** A signed tree head of the audit log (GET /api/audit/heads/latest, ADR 0008). */
export type AuditTreeHead = Reply<'/api/audit/heads/latest'>;

/** The audit signing keys pinned outside the database (GET /api/audit/keys). */
export type AuditKeys = Reply<'/api/audit/keys'>;

export const publicRoutes = {
  // Public pages: no session needed.
  publicOffices: () => publicCall('get', '/api/offices'),
  registerInstitution: (input: InstitutionRegistration) =>
    publicCall('post', '/api/institutions/register', { body: input }),
  dataElements: () => publicCall('get', '/api/data-elements'),
  verifyDocument: (id: string) => publicCall('get', '/api/verify/{id}', { path: { id } }),
  // Multipart: the file goes as field "file", outside the JSON calls.
  checkFile: (id: string, file: File) => postFile<FileCheck>(urlOf('/api/verify/{id}', { path: { id } }), file, false),
  register: () => publicCall('get', '/api/register'),
  auditKeys: () => publicCall('get', '/api/audit/keys'),
  auditHead: () => publicCall('get', '/api/audit/heads/latest'),
};
