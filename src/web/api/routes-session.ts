/** The signed-in user, the office directory, users, roles and permissions. */
import type { components } from './openapi.gen';
import type { Body, Reply } from './http';
import { call, getMe, setCsrfToken, type ApiError } from './request';

/** A text in both languages. */
export type Bilingual = components['schemas']['Problem']['message'];

/** GET /api/auth/me */
export type Me = Reply<'/api/auth/me'>;

/** What the session still owes before it is fully signed in. */
export type Stage = Me['stage'];

/** The kind of organisation a user belongs to. */
export type OrgKind = Me['organisation']['kind'];

/** A stage answer of the login steps. */
export type StageReply = Reply<'/api/auth/login', 'post'>;

/** POST /api/auth/password: the session is replaced, with a new CSRF token. */
export type PasswordChangeReply = Reply<'/api/auth/password', 'post'>;

/** GET /api/auth/sessions: one of the user's sessions. */
export type SessionItem = Reply<'/api/auth/sessions'>[number];

/** POST /api/auth/totp/setup */
export type TotpSetup = Reply<'/api/auth/totp/setup', 'post'>;

/** An office of the hierarchy. */
export type Office = Reply<'/api/offices'>[number];

/** A role usable in an organisation. */
export type Role = Reply<'/api/offices/{id}/roles'>[number];

/** An institution in a list. */
export type InstitutionSummary = Reply<'/api/institutions'>[number];

/** One institution with its contacts. */
export type Institution = Reply<'/api/institutions/{id}'>;

/** A person of an organisation. */
export type User = Reply<'/api/users'>[number];

/** A user's status: active (Aktif) or disabled (Nonaktif: no sign-in, no data access). */
export type UserStatus = User['status'];

/** POST /api/users body. */
export type NewUser = Body<'/api/users'>;

/** POST /api/users answer: the one-time password is shown once. */
export type CreatedUser = Reply<'/api/users', 'post'>;

/** An application/problem+json error body (the server's, or the client's own for a network failure). */
export type Problem = ApiError['problem'];

/** GET /api/regions item: a Kemendagri province or kabupaten/kota an office can serve. */
export type Region = Reply<'/api/regions'>[number];

/** POST /api/offices body (pusat admins). */
export type NewOffice = Body<'/api/offices'>;

/** PATCH /api/offices/:id body. */
export type OfficePatch = Body<'/api/offices/{id}', 'patch'>;

/** POST /api/offices/:id/roles body. */
export type NewRole = Body<'/api/offices/{id}/roles'>;

/** One capability of an office: who holds it. */
export type Permission = Reply<'/api/offices/{id}/permissions'>[number];

/** GET /api/offices/:id/sop-purposes item. */
export type SopPurposeView = Reply<'/api/offices/{id}/sop-purposes'>[number];

/** GET /api/offices/:id/letterhead: an office's kop surat. */
export type Letterhead = Reply<'/api/offices/{id}/letterhead'>;

/** PATCH /api/offices/:id/letterhead body. */
export type LetterheadPatch = Body<'/api/offices/{id}/letterhead', 'patch'>;

/** GET /api/account/signatory: the details printed under one's signature. */
export type Signatory = Reply<'/api/account/signatory'>;

/** PATCH /api/account/signatory body. */
export type SignatoryPatch = Body<'/api/account/signatory', 'patch'>;

export const sessionRoutes = {
  portalLookup: (nik: string) => call('post', '/api/portal/lookup', { body: { nik } }),
  me: getMe,
  login: (username: string, password: string) => call('post', '/api/auth/login', { body: { username, password } }),
  logout: async () => {
    await call('post', '/api/auth/logout');
    setCsrfToken(null);
  },
  changePassword: async (currentPassword: string, newPassword: string): Promise<StageReply> => {
    // The server replaces the session (new cookie, new CSRF token).
    const reply = await call('post', '/api/auth/password', { body: { currentPassword, newPassword } });
    setCsrfToken(reply.csrfToken);
    return { stage: reply.stage };
  },
  sessions: () => call('get', '/api/auth/sessions'),
  endSession: (id: string) => call('delete', '/api/auth/sessions/{id}', { path: { id } }),
  endOtherSessions: () => call('delete', '/api/auth/sessions'),
  verifyTotp: (code: string) => call('post', '/api/auth/totp/verify', { body: { code } }),
  setupTotp: () => call('post', '/api/auth/totp/setup'),
  enableTotp: (code: string) => call('post', '/api/auth/totp/enable', { body: { code } }),
  offices: () => call('get', '/api/offices'),
  officeRoles: (officeId: string) => call('get', '/api/offices/{id}/roles', { path: { id: officeId } }),
  regions: () => call('get', '/api/regions'),
  createOffice: (input: NewOffice) => call('post', '/api/offices', { body: input }),
  updateOffice: (id: string, patch: OfficePatch) => call('patch', '/api/offices/{id}', { path: { id }, body: patch }),
  addOfficeRole: (officeId: string, input: NewRole) =>
    call('post', '/api/offices/{id}/roles', { path: { id: officeId }, body: input }),
  permissions: (officeId: string) => call('get', '/api/offices/{id}/permissions', { path: { id: officeId } }),
  setPermission: (officeId: string, capability: string, roles: string[]) =>
    call('put', '/api/offices/{id}/permissions/{capability}', { path: { id: officeId, capability }, body: { roles } }),
  sopPurposes: (officeId: string) => call('get', '/api/offices/{id}/sop-purposes', { path: { id: officeId } }),
  setSopPurpose: (officeId: string, purpose: string, sopCode: string | null) =>
    call('put', '/api/offices/{id}/sop-purposes/{purpose}', { path: { id: officeId, purpose }, body: { sopCode } }),
  letterhead: (officeId: string) => call('get', '/api/offices/{id}/letterhead', { path: { id: officeId } }),
  updateLetterhead: (officeId: string, patch: LetterheadPatch) =>
    call('patch', '/api/offices/{id}/letterhead', { path: { id: officeId }, body: patch }),
  setEmblem: (officeId: string, fileId: string | null) =>
    call('put', '/api/offices/{id}/letterhead/emblem', { path: { id: officeId }, body: { fileId } }),
  signatory: () => call('get', '/api/account/signatory'),
  updateSignatory: (patch: SignatoryPatch) => call('patch', '/api/account/signatory', { body: patch }),
  institutions: () => call('get', '/api/institutions'),
  institution: (id: string) => call('get', '/api/institutions/{id}', { path: { id } }),
  users: (orgKind: OrgKind, orgId: string) => call('get', '/api/users', { query: { orgKind, orgId } }),
  createUser: (input: NewUser) => call('post', '/api/users', { body: input }),
  setUserStatus: (id: string, status: UserStatus) =>
    call('patch', '/api/users/{id}', { path: { id }, body: { status } }),
};
