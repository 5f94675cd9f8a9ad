/** Data access: grants compiled from a PKS, their devices and operators, and the audit log. */
import type { Body, Query, Reply } from './http';
import { call, callPage } from './request';

/** A grant compiled from a PKS version (GET /api/access/...). */
export type Grant = Reply<'/api/access/grants/{id}'>;
/** The environment of a grant: a trial (sandbox population) first, production after a passed trial. */
export type GrantEnvironment = Grant['environment'];
/** The state of a grant; suspend, resume and revoke take effect on the next request. */
export type GrantStatus = Grant['status'];
/** Permitted hours of the day ("to" is exclusive; before "from" it spans midnight). */
export type GrantHours = NonNullable<Grant['hours']>;
/** What a grant may do with a NIK: read the granted elements, or verify claimed values of them. */
export type GrantOperation = Grant['operations'][number];
/** One change of the PKS in force as it reached a grant. */
export type GrantChange = Grant['changes'][number];
/** GET /api/access/agreements/:id — a PKS's terms with the grants compiled from it. */
export type AgreementAccess = Reply<'/api/access/agreements/{id}'>;
/** POST /api/access/agreements/:id/grants body. */
export type GrantInput = Body<'/api/access/agreements/{id}/grants'>;
/** A grant with its secret, which the server returns once (create and rotate). */
export type GrantWithSecret = Reply<'/api/access/agreements/{id}/grants', 'post'>;
/** A registered card-reader device. */
export type ReaderDevice = Reply<'/api/access/grants/{id}/devices'>[number];
/** A web-portal operator of a grant. */
export type PortalOperator = Reply<'/api/access/grants/{id}/operators'>[number];
/** GET /api/access/audit/entries item. */
export type AuditEntry = Reply<'/api/access/audit/entries'>[number];
/** Pengawasan's filters (GET /api/access/audit/entries and /summary); dates are office-local YYYY-MM-DD. */
export type AuditFilters = Query<'/api/access/audit/summary'>;
/** GET /api/access/audit/summary */
export type AuditSummary = Reply<'/api/access/audit/summary'>;
/** Counts of one office-local day. */
export type AuditDayCounts = AuditSummary['days'][number];
/** GET /api/access/audit/verify */
export type AuditVerification = Reply<'/api/access/audit/verify'>;
/** The web portal's answer to a lookup: the Dukcapil code, its RESPON text, the granted fields when found. */
export type PortalAnswer = Reply<'/api/portal/lookup', 'post'>;

/** The verbs that change a grant's status. */
type StatusVerb = 'suspend' | 'resume' | 'revoke';

export const accessRoutes = {
  // Data access: grants compiled from a PKS, their devices and operators, and the audit log.
  agreementAccess: (id: string) => call('get', '/api/access/agreements/{id}', { path: { id } }),
  institutionGrants: (id: string) => call('get', '/api/access/institutions/{id}/grants', { path: { id } }),
  createGrant: (agreementId: string, input: GrantInput) =>
    call('post', '/api/access/agreements/{id}/grants', { path: { id: agreementId }, body: input }),
  rotateSecret: (grantId: string, secretExpiresAt?: string | null) =>
    call('post', '/api/access/grants/{id}/rotate', {
      path: { id: grantId },
      body: secretExpiresAt === undefined ? {} : { secretExpiresAt },
    }),
  setGrantStatus: (grantId: string, verb: StatusVerb, reason?: string): Promise<Grant> => {
    const args = { path: { id: grantId }, body: reason ? { reason } : {} };
    switch (verb) {
      case 'suspend':
        return call('post', '/api/access/grants/{id}/suspend', args);
      case 'resume':
        return call('post', '/api/access/grants/{id}/resume', args);
      case 'revoke':
        return call('post', '/api/access/grants/{id}/revoke', args);
    }
  },
  recordTrial: (grantId: string, passed: boolean, note?: string) =>
    call('post', '/api/access/grants/{id}/trial', {
      path: { id: grantId },
      body: note ? { passed, note } : { passed },
    }),
  grantDevices: (grantId: string) => call('get', '/api/access/grants/{id}/devices', { path: { id: grantId } }),
  addDevice: (grantId: string, input: Body<'/api/access/grants/{id}/devices'>) =>
    call('post', '/api/access/grants/{id}/devices', { path: { id: grantId }, body: input }),
  revokeDevice: (deviceId: string) => call('post', '/api/access/devices/{id}/revoke', { path: { id: deviceId } }),
  grantOperators: (grantId: string) => call('get', '/api/access/grants/{id}/operators', { path: { id: grantId } }),
  addOperator: (grantId: string, userId: string) =>
    call('post', '/api/access/grants/{id}/operators', { path: { id: grantId }, body: { userId } }),
  removeOperator: (operatorId: string) =>
    call('post', '/api/access/operators/{id}/remove', { path: { id: operatorId } }),
  // `beforeSeq` is the x-next-before-seq header (or the page's URL) as given; an empty one is no cursor.
  auditEntries: (filters: AuditFilters = {}, page: { beforeSeq?: string; limit?: number } = {}) =>
    callPage('/api/access/audit/entries', {
      query: {
        ...filters,
        beforeSeq: page.beforeSeq ? Number(page.beforeSeq) : undefined,
        limit: page.limit ?? 100,
      },
    }),
  auditSummary: (filters: AuditFilters = {}) => call('get', '/api/access/audit/summary', { query: { ...filters } }),
  verifyAudit: () => call('get', '/api/access/audit/verify'),
};
