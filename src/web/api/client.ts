import type {
  AgreementAccess,
  AuditEntry,
  AuditFilters,
  AuditSummary,
  AuditVerification,
  Grant,
  GrantInput,
  GrantWithSecret,
  PortalOperator,
  ReaderDevice,
  AgreementDetail,
  AgreementRevision,
  AgreementSummary,
  ApplicationInput,
  ApplicationSummary,
  ApplicationView,
  DataElement,
  DocumentDetail,
  FileCheck,
  InstitutionDocuments,
  InstitutionRegistration,
  RegisterEntry,
  AuditKeys,
  AuditTreeHead,
  VerifiedDocument,
  CaseDetail,
  CaseSummary,
  CompleteTask,
  CreatedUser,
  InboxItem,
  InboxQuery,
  NewCase,
  PublishedSop,
  SopCheck,
  SopEvaluation,
  SopSummary,
  SopVersion,
  Transition,
  UploadedFile,
  Institution,
  InstitutionSummary,
  Me,
  NewUser,
  NewOffice,
  NewRole,
  Office,
  OfficePatch,
  OrgKind,
  Permission,
  Region,
  SopPurposeView,
  Problem,
  Role,
  PasswordChangeReply,
  SessionItem,
  StageReply,
  TotpSetup,
  User,
  UserStatus,
  PortalAnswer,
} from './types';

/** An error answered by the API (or the network), carrying the server's bilingual message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.message?.en ?? problem.code);
    this.name = 'ApiError';
  }

  /** The message in the given language, falling back to the detail or code. */
  localized(lang: 'id' | 'en'): string {
    return this.problem.message?.[lang] ?? this.problem.detail ?? this.problem.code;
  }
}

// The CSRF token of the current session, learnt from GET /api/auth/me.
let csrfToken: string | null = null;

/** Remembers (or forgets, on logout) the session's CSRF token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic problem.
  }
  if (isProblem(body)) return new ApiError(response.status, body);
  return new ApiError(response.status, {
    code: 'http_error',
    message: {
      id: `Terjadi kesalahan pada server (HTTP ${response.status}).`,
      en: `The server answered with an error (HTTP ${response.status}).`,
    },
  });
}

const NETWORK_ERROR: Problem = {
  code: 'network_error',
  message: {
    id: 'Tidak dapat terhubung ke server. Periksa koneksi Anda.',
    en: 'Cannot reach the server. Check your connection.',
  },
};

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
}

/** One typed API call; non-GET calls carry the CSRF token, fetched first when not yet known. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const needsCsrf = method !== 'GET' && path !== '/api/auth/login';
  if (needsCsrf && !csrfToken) await getMe();
  let response = await send(method, path, body);
  if (needsCsrf && response.status === 403) {
    // The session may have changed under us (a new login in another tab): refresh the token once and retry.
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed') {
      await getMe();
      response = await send(method, path, body);
    }
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T; // The caller's T is void for 204 routes.
  return (await response.json()) as T; // The server validates its answers against the same schemas.
}

/** A GET of one page of a keyset-paged list: the body and the cursor of the next page (null on the last). */
async function requestPage<T>(path: string): Promise<{ items: T; next: string | null }> {
  const response = await send('GET', path);
  if (!response.ok) throw await parseError(response);
  return { items: (await response.json()) as T, next: response.headers.get('x-next-before-seq') };
}

/** The logged-in user; also refreshes the CSRF token. */
export async function getMe(): Promise<Me> {
  const me = await request<Me>('GET', '/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** Posts one file as multipart field "file" (with the CSRF token when signed in). */
async function postFile<T>(path: string, file: File, withCsrf: boolean): Promise<T> {
  if (withCsrf && !csrfToken) await getMe();
  const form = new FormData();
  form.append('file', file, file.name);
  const post = async () => {
    try {
      return await fetch(path, {
        method: 'POST',
        headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
        credentials: 'same-origin',
        body: form,
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }
  };
  let response = await post();
  if (response.status === 403) {
    // A public page visited while signed in still needs the session's token: learn it and retry once.
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed' && (await refreshCsrf())) response = await post();
  }
  if (!response.ok) throw await parseError(response);
  return (await response.json()) as T;
}

/** Uploads one file (PDF, PNG or JPEG) as multipart field "file". */
function uploadFile(file: File): Promise<UploadedFile> {
  return postFile<UploadedFile>('/api/files', file, true);
}

/** Learns the CSRF token if somebody is signed in; false when nobody is. */
async function refreshCsrf(): Promise<boolean> {
  try {
    await getMe();
    return true;
  } catch {
    return false;
  }
}

/** A public GET or POST that needs no session (verification, register, self-registration). */
async function publicRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const go = async () => {
    try {
      return await fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        },
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }
  };
  let response = await go();
  if (method !== 'GET' && response.status === 403) {
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed' && (await refreshCsrf())) response = await go();
  }
  if (!response.ok) throw await parseError(response);
  return (await response.json()) as T;
}

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`;
}

const enc = encodeURIComponent;

/** The typed API of the Gerbang server. */
export const api = {
  portalLookup: (nik: string) => request<PortalAnswer>('POST', '/api/portal/lookup', { nik }),
  me: getMe,
  login: (username: string, password: string) => request<StageReply>('POST', '/api/auth/login', { username, password }),
  logout: async () => {
    await request<void>('POST', '/api/auth/logout');
    setCsrfToken(null);
  },
  changePassword: async (currentPassword: string, newPassword: string): Promise<StageReply> => {
    // The server replaces the session (new cookie, new CSRF token).
    const reply = await request<PasswordChangeReply>('POST', '/api/auth/password', { currentPassword, newPassword });
    setCsrfToken(reply.csrfToken);
    return { stage: reply.stage };
  },
  sessions: () => request<SessionItem[]>('GET', '/api/auth/sessions'),
  endSession: (id: string) => request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => request<{ ended: number }>('DELETE', '/api/auth/sessions'),
  verifyTotp: (code: string) => request<StageReply>('POST', '/api/auth/totp/verify', { code }),
  setupTotp: () => request<TotpSetup>('POST', '/api/auth/totp/setup'),
  enableTotp: (code: string) => request<StageReply>('POST', '/api/auth/totp/enable', { code }),
  offices: () => request<Office[]>('GET', '/api/offices'),
  officeRoles: (officeId: string) => request<Role[]>('GET', `/api/offices/${encodeURIComponent(officeId)}/roles`),
  regions: () => request<Region[]>('GET', '/api/regions'),
  createOffice: (input: NewOffice) => request<Office>('POST', '/api/offices', input),
  updateOffice: (id: string, patch: OfficePatch) => request<Office>('PATCH', `/api/offices/${enc(id)}`, patch),
  addOfficeRole: (officeId: string, input: NewRole) =>
    request<Role>('POST', `/api/offices/${enc(officeId)}/roles`, input),
  permissions: (officeId: string) => request<Permission[]>('GET', `/api/offices/${enc(officeId)}/permissions`),
  setPermission: (officeId: string, capability: string, roles: string[]) =>
    request<Permission[]>('PUT', `/api/offices/${enc(officeId)}/permissions/${enc(capability)}`, { roles }),
  sopPurposes: (officeId: string) => request<SopPurposeView[]>('GET', `/api/offices/${enc(officeId)}/sop-purposes`),
  setSopPurpose: (officeId: string, purpose: string, sopCode: string | null) =>
    request<SopPurposeView[]>('PUT', `/api/offices/${enc(officeId)}/sop-purposes/${enc(purpose)}`, { sopCode }),
  institutions: () => request<InstitutionSummary[]>('GET', '/api/institutions'),
  institution: (id: string) => request<Institution>('GET', `/api/institutions/${encodeURIComponent(id)}`),
  users: (orgKind: OrgKind, orgId: string) =>
    request<User[]>('GET', `/api/users?${new URLSearchParams({ orgKind, orgId }).toString()}`),
  createUser: (input: NewUser) => request<CreatedUser>('POST', '/api/users', input),
  setUserStatus: (id: string, status: UserStatus) => request<User>('PATCH', `/api/users/${enc(id)}`, { status }),
  uploadFile,
  inbox: (q: InboxQuery = {}) => request<InboxItem[]>('GET', `/api/inbox${query({ ...q })}`),
  cases: (status?: 'open' | 'ended') => request<CaseSummary[]>('GET', `/api/cases${query({ status })}`),
  caseDetail: (id: string) => request<CaseDetail>('GET', `/api/cases/${enc(id)}`),
  openCase: (input: NewCase) => request<{ id: string; number: string }>('POST', '/api/cases', input),
  completeTask: (id: string, input: CompleteTask) =>
    request<Transition>('POST', `/api/tasks/${enc(id)}/complete`, input),
  returnTask: (id: string, reason: string, toStepId?: string) =>
    request<Transition>('POST', `/api/tasks/${enc(id)}/return`, toStepId ? { reason, toStepId } : { reason }),
  sops: (officeId?: string) => request<SopSummary[]>('GET', `/api/sops${query({ officeId })}`),
  sopVersion: (id: string) => request<SopVersion>('GET', `/api/sops/versions/${enc(id)}`),
  sopEvaluation: (id: string) => request<SopEvaluation>('GET', `/api/sops/versions/${enc(id)}/evaluation`),
  checkSop: (source: string, officeId?: string) =>
    request<SopCheck>('POST', '/api/sops/check', officeId ? { source, officeId } : { source }),
  publishSop: (officeId: string, input: { source: string; effectiveFrom?: string; note?: string }) =>
    request<PublishedSop>('POST', `/api/offices/${enc(officeId)}/sops`, input),

  // Public pages: no session needed.
  publicOffices: () => publicRequest<Office[]>('GET', '/api/offices'),
  registerInstitution: (input: InstitutionRegistration) =>
    publicRequest<{ id: string; status: string }>('POST', '/api/institutions/register', input),
  dataElements: () => publicRequest<DataElement[]>('GET', '/api/data-elements'),
  verifyDocument: (id: string) => publicRequest<VerifiedDocument>('GET', `/api/verify/${enc(id)}`),
  checkFile: (id: string, file: File) => postFile<FileCheck>(`/api/verify/${enc(id)}`, file, false),
  register: () => publicRequest<RegisterEntry[]>('GET', '/api/register'),
  auditKeys: () => publicRequest<AuditKeys>('GET', '/api/audit/keys'),
  auditHead: () => publicRequest<AuditTreeHead>('GET', '/api/audit/heads/latest'),

  // Institutions: verification and badan hukum documents.
  verifyInstitution: (id: string, approve: boolean, note?: string) =>
    request<{ id: string; status: string }>('POST', `/api/institutions/${enc(id)}/verify`, {
      approve,
      ...(note ? { note } : {}),
    }),
  institutionDocuments: (id: string) => request<InstitutionDocuments>('GET', `/api/institutions/${enc(id)}/documents`),
  addInstitutionDocument: (id: string, docType: string, fileId: string) =>
    request<{ id: string }>('POST', `/api/institutions/${enc(id)}/documents`, { docType, fileId }),

  // Applications.
  applications: () => request<ApplicationSummary[]>('GET', '/api/applications'),
  application: (id: string) => request<ApplicationView>('GET', `/api/applications/${enc(id)}`),
  createApplication: (input: ApplicationInput) => request<ApplicationView>('POST', '/api/applications', input),
  updateApplication: (id: string, input: ApplicationInput) =>
    request<ApplicationView>('PATCH', `/api/applications/${enc(id)}`, input),
  submitApplication: (id: string) => request<ApplicationView>('POST', `/api/applications/${enc(id)}/submit`),

  // Agreements.
  agreements: () => request<AgreementSummary[]>('GET', '/api/agreements'),
  agreement: (id: string) => request<AgreementDetail>('GET', `/api/agreements/${enc(id)}`),
  reviseAgreement: (id: string, input: AgreementRevision) =>
    request<{ version: number; contentHash: string }>('PATCH', `/api/agreements/${enc(id)}`, input),
  agreementAction: (
    id: string,
    action: 'submit' | 'approve' | 'sign' | 'activate' | 'approve-juknis' | 'terminate',
    body: Record<string, unknown> = {},
  ) => request<{ id: string; status: string }>('POST', `/api/agreements/${enc(id)}/${action}`, body),

  // Data access: grants compiled from a PKS, their devices and operators, and the audit log.
  agreementAccess: (id: string) => request<AgreementAccess>('GET', `/api/access/agreements/${enc(id)}`),
  institutionGrants: (id: string) => request<Grant[]>('GET', `/api/access/institutions/${enc(id)}/grants`),
  createGrant: (agreementId: string, input: GrantInput) =>
    request<GrantWithSecret>('POST', `/api/access/agreements/${enc(agreementId)}/grants`, input),
  rotateSecret: (grantId: string, secretExpiresAt?: string | null) =>
    request<GrantWithSecret>(
      'POST',
      `/api/access/grants/${enc(grantId)}/rotate`,
      secretExpiresAt === undefined ? {} : { secretExpiresAt },
    ),
  setGrantStatus: (grantId: string, verb: 'suspend' | 'resume' | 'revoke', reason?: string) =>
    request<Grant>('POST', `/api/access/grants/${enc(grantId)}/${verb}`, reason ? { reason } : {}),
  recordTrial: (grantId: string, passed: boolean, note?: string) =>
    request<Grant>('POST', `/api/access/grants/${enc(grantId)}/trial`, note ? { passed, note } : { passed }),
  grantDevices: (grantId: string) => request<ReaderDevice[]>('GET', `/api/access/grants/${enc(grantId)}/devices`),
  addDevice: (grantId: string, input: { serial: string; pcid: string; publicKey: string }) =>
    request<ReaderDevice>('POST', `/api/access/grants/${enc(grantId)}/devices`, input),
  revokeDevice: (deviceId: string) => request<ReaderDevice>('POST', `/api/access/devices/${enc(deviceId)}/revoke`),
  grantOperators: (grantId: string) => request<PortalOperator[]>('GET', `/api/access/grants/${enc(grantId)}/operators`),
  addOperator: (grantId: string, userId: string) =>
    request<PortalOperator>('POST', `/api/access/grants/${enc(grantId)}/operators`, { userId }),
  removeOperator: (operatorId: string) =>
    request<{ id: string; status: string }>('POST', `/api/access/operators/${enc(operatorId)}/remove`),
  auditEntries: (filters: AuditFilters = {}, page: { beforeSeq?: string; limit?: number } = {}) =>
    requestPage<AuditEntry[]>(
      `/api/access/audit/entries${query({ ...filters, beforeSeq: page.beforeSeq, limit: String(page.limit ?? 100) })}`,
    ),
  auditSummary: (filters: AuditFilters = {}) =>
    request<AuditSummary>('GET', `/api/access/audit/summary${query({ ...filters })}`),
  verifyAudit: () => request<AuditVerification>('GET', '/api/access/audit/verify'),

  // Documents.
  document: (id: string) => request<DocumentDetail>('GET', `/api/documents/${enc(id)}`),
  commentOnVersion: (id: string, version: number, body: string) =>
    request<void>('POST', `/api/documents/${enc(id)}/versions/${version}/comments`, { body }),
};

/** Where a document version's PDF downloads from. */
export function documentFileUrl(documentId: string, version: number): string {
  return `/api/documents/${enc(documentId)}/versions/${version}/file`;
}

/** Where a case document downloads from. */
export function caseDocumentUrl(caseId: string, docId: string): string {
  return `/api/cases/${enc(caseId)}/documents/${enc(docId)}`;
}

/** Where an SOP version's official sheet downloads as PDF. */
export function sheetPdfUrl(versionId: string): string {
  return `/api/sops/versions/${enc(versionId)}/sheet.pdf`;
}
