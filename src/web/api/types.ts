/** Wire types of the Gerbang HTTP API, as the server's TypeBox schemas describe them. */

/** A text in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/** What the session still owes before it is fully signed in. */
export type Stage = 'full' | 'totp' | 'totp_enroll' | 'password_change';

/** The kind of organisation a user belongs to. */
export type OrgKind = 'office' | 'institution';

/** GET /api/auth/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  stage: Stage;
  csrfToken: string;
  totpEnabled: boolean;
  organisation: { kind: OrgKind; id: string; name: string; detail: string };
  roles: { code: string; name: Bilingual }[];
  /** What the user's roles may do in their office (its permission settings). */
  capabilities: string[];
  /** The user works at the Directorate General. */
  atPusat: boolean;
  /** The IANA time zone of the user's office (an institution's: its office's); times are shown in it. */
  timeZone: string;
}

/** A stage answer of the login steps. */
export interface StageReply {
  stage: Stage;
}

/** POST /api/auth/password: the session is replaced, with a new CSRF token. */
export interface PasswordChangeReply extends StageReply {
  csrfToken: string;
}

/** GET /api/auth/sessions: one of the user's sessions. */
export interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  /** false while a second factor or a password change is still owed */
  signedIn: boolean;
  current: boolean;
}

/** POST /api/auth/totp/setup */
export interface TotpSetup {
  secret: string;
  uri: string;
}

/** An office of the hierarchy. */
export interface Office {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  timezone: string;
  headTitle: string;
  requireTotp: boolean;
  letterFormat?: string;
}

/** A role usable in an organisation. */
export interface Role {
  code: string;
  name: Bilingual;
  builtIn: boolean;
}

/** An institution in a list. */
export interface InstitutionSummary {
  id: string;
  name: string;
  type: string;
  profitOriented: boolean;
  status: string;
  officeId: string;
  officeName: string;
}

/** One institution with its contacts. */
export interface Institution {
  id: string;
  name: string;
  type: string;
  profitOriented: boolean;
  status: string;
  officeId: string;
  address: string;
  contacts: { name: string; position: string; email: string; phone: string }[];
}

/** A person of an organisation. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Aktif, or Nonaktif (deactivated by the organisation's admin: no sign-in, no data access). */
  status: UserStatus;
  roles: string[];
  totpEnabled: boolean;
}

/** A user's status. */
export type UserStatus = 'active' | 'disabled';

/** POST /api/users body. */
export interface NewUser {
  orgKind: OrgKind;
  orgId: string;
  username: string;
  displayName: string;
  roles: string[];
}

/** POST /api/users answer: the one-time password is shown once. */
export interface CreatedUser {
  id: string;
  username: string;
  oneTimePassword: string;
}

/** An application/problem+json error body. */
export interface Problem {
  code: string;
  detail?: string;
  status?: number;
  message?: Bilingual;
  issues?: { field: string; message: Bilingual }[];
  /** missing_kelengkapan: the document types still missing. */
  missing?: string[];
  /** sop_invalid: the definition's errors. */
  errors?: SopIssue[];
}

/** SLA state of a task: open ones, and closed ones as finished on time or late. */
export type SlaState = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'no_standard' | 'done_on_time' | 'done_late';

/** GET /api/inbox item: an open task for one of my roles. */
export interface InboxItem {
  taskId: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  sopCode: string;
  sopName: string;
  stepId: string;
  no: string;
  kegiatan: string;
  role: string;
  via: string;
  reason: string | null;
  openedAt: string;
  targetAt: string | null;
  deadlineAt: string | null;
  sla: SlaState;
}

/** GET /api/inbox filters. */
export interface InboxQuery {
  sla?: SlaState;
  sop?: string;
  sort?: 'due' | 'opened';
  order?: 'asc' | 'desc';
}

/** GET /api/cases item. */
export interface CaseSummary {
  id: string;
  number: string;
  title: string;
  status: string;
  outcome: string | null;
  sopCode: string;
  /** The SOP's title. */
  sopName: string;
  sopVersion: number;
  institutionName: string | null;
  openedAt: string;
  endedAt: string | null;
}

/** A document named by type and an uploaded file. */
export interface DocRef {
  docType: string;
  fileId: string;
}

/** POST /api/cases body. */
export interface NewCase {
  sopCode: string;
  title: string;
  institutionId?: string;
  officeId?: string;
  attachments?: DocRef[];
}

/** One task of a case. */
export interface CaseTask {
  id: string;
  stepId: string;
  no: string;
  kegiatan: string;
  role: string;
  assigneeOrgKind: string;
  assigneeOrgId: string;
  status: 'open' | 'done' | 'returned' | 'closed' | string;
  via: string;
  reason: string | null;
  openedAt: string;
  targetAt: string | null;
  deadlineAt: string | null;
  completedAt: string | null;
  decision: string | null;
  comment: string | null;
  waktu: string;
  sla: SlaState;
  elapsedMinutes: number;
  standardMinutes: number | null;
  canAct: boolean;
  branches: string[];
  kelengkapan: { docType: string; present: boolean }[];
  /** Checks and confirmations the actor ticks (not files). */
  confirmations: { name: string; type: string }[];
  output: string[];
  actions: string[];
  /** One task per party; the step moves on when all are done. */
  joint: boolean;
  /** A step Gerbang added because the law requires it. */
  standard: boolean;
  /** Who is informed of the step (tembusan) without acting. */
  informed: string[];
}

/** A document of a case. */
export interface CaseDocument {
  id: string;
  docType: string;
  role: string;
  source: 'upload' | 'produced' | string;
  stepId: string | null;
  filename: string;
  sha256: string;
  size: number;
  createdAt: string;
}

/** One event of a case's history. */
export interface TimelineEvent {
  at: string;
  type: 'case_opened' | 'task_opened' | 'task_completed' | 'task_returned' | 'case_ended' | string;
  stepId: string | null;
  actor: string | null;
  data: Record<string, unknown>;
}

/** GET /api/cases/:id */
export interface CaseDetail {
  id: string;
  number: string;
  title: string;
  status: string;
  outcome: string | null;
  subjectKind: string;
  subjectId: string | null;
  institution: { id: string; name: string } | null;
  officeId: string;
  openedAt: string;
  endedAt: string | null;
  sop: { versionId: string; code: string; version: number; name: string };
  paused: boolean;
  totals: { elapsedMinutes: number; standardMinutes: number };
  tasks: CaseTask[];
  documents: CaseDocument[];
  timeline: TimelineEvent[];
}

/** POST /api/tasks/:id/complete body. */
export interface CompleteTask {
  decision?: string;
  comment?: string;
  attachments?: DocRef[];
  outputs?: DocRef[];
  confirmations?: string[];
}

/** The answer of a transition. */
export interface Transition {
  caseId: string;
  opened: { taskId: string; stepId: string }[];
  ended: string | null;
}

/** POST /api/files answer. */
export interface UploadedFile {
  id: string;
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
  createdAt: string;
}

/** A version of an SOP in a list. */
export interface SopVersionSummary {
  id: string;
  officeId: string;
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
  publishedAt: string;
  publishedBy: string | null;
  note: string;
  contentHash: string;
  current: boolean;
}

/** GET /api/sops item. */
export interface SopSummary {
  code: string;
  name: string;
  versions: SopVersionSummary[];
}

/** An error or warning of an SOP definition. */
export interface SopIssue {
  severity: string;
  code: string;
  file: string;
  stepId?: string;
  path?: string;
  message: Bilingual;
}

/** GET /api/sops/versions/:id */
export interface SopVersion extends SopVersionSummary {
  source: string;
  warnings: SopIssue[];
  definition: unknown;
  sheet: unknown;
  totals: { sumTarget: string; sumDeadline: string; declared: string | null; declaredDiffers: boolean };
}

/** GET /api/sops/versions/:id/evaluation */
export interface SopEvaluation {
  versionId: string;
  cases: { total: number; open: number; ended: number };
  steps: {
    stepId: string;
    no: string;
    kegiatan: string;
    waktu: string;
    completions: number;
    standardMinutes: number | null;
    medianMinutes: number | null;
    p90Minutes: number | null;
    onTimeRate: number | null;
    returns: number;
    waitingNow: number;
    totalWaitMinutes: number;
  }[];
}

/** POST /api/sops/check answer. */
export interface SopCheck {
  valid: boolean;
  errors: SopIssue[];
  warnings: SopIssue[];
}

/** POST /api/offices/:id/sops answer. */
export interface PublishedSop extends SopVersionSummary {
  warnings: SopIssue[];
}

/** GET /api/data-elements item: one element of UU 24/2013 art. 58(2). */
export interface DataElement {
  code: string;
  article: string;
  fields: string[];
  name: Bilingual;
  description: Bilingual;
  protected: boolean;
}

/** The access methods a PKS may grant. */
export type AccessMethod = 'card_reader' | 'web_service' | 'web_portal';

/** The six contents of an application, plus volume, IP ranges and the legal basis for protected elements. */
export interface ApplicationContent {
  userName: string;
  purpose: string;
  elements: string[];
  methods: AccessMethod[];
  dataBalikan: string;
  durationMonths: number;
  expectedDailyVolume: number;
  ipRanges: string[];
  legalBasis: string;
}

/** POST/PATCH /api/applications body. */
export type ApplicationInput = Partial<ApplicationContent> & { letterFileId?: string };

/** GET /api/applications item. */
export interface ApplicationSummary {
  id: string;
  institutionName: string;
  status: string;
  purpose: string;
  caseId: string | null;
  agreementId: string | null;
  updatedAt: string;
  submittedAt: string | null;
}

/** An open task of an application's case, as the institution sees it. */
export interface ApplicationTask {
  id: string;
  stepId: string;
  kegiatan: string;
  role: string;
  via: string;
  reason: string | null;
  sla: SlaState;
  deadlineAt: string | null;
  canAct: boolean;
}

/** GET /api/applications/:id */
export interface ApplicationView {
  id: string;
  status: string;
  institutionId: string;
  officeId: string;
  content: ApplicationContent;
  letterFileId: string | null;
  protectedElements: string[];
  missing: { field: string; message: Bilingual }[];
  caseId: string | null;
  agreementId: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  case: {
    number: string;
    status: string;
    outcome: string | null;
    paused: boolean;
    openTasks: ApplicationTask[];
  } | null;
}

/** POST /api/institutions/register body. */
export interface InstitutionRegistration {
  name: string;
  type: 'opd' | 'kementerian_lembaga' | 'badan_hukum';
  profitOriented: boolean;
  officeId: string;
  address: string;
  contact: { name: string; position: string; email: string; phone: string };
  admin: { username: string; displayName: string; password: string };
}

/** GET /api/institutions/:id/documents */
export interface InstitutionDocuments {
  required: { code: string; name: Bilingual }[];
  missing: string[];
  documents: { id: string; docType: string; filename: string; sha256: string; uploadedAt: string }[];
}

/** The lifecycle states of a PKS. */
export type PksStatus =
  'draft' | 'in_review' | 'approved' | 'signed' | 'scheduled' | 'active' | 'expiring' | 'expired' | 'terminated';

/** The machine-readable content of one PKS version. */
export interface PksContent {
  parties: {
    office: { name: string; code: string; head: string };
    institution: { name: string; type: string; profitOriented: boolean; head: string };
  };
  purpose: string;
  rightsAndDuties: { office: string[]; institution: string[] };
  elements: string[];
  methods: AccessMethod[];
  dataBalikan: string;
  /** The data balikan duties as data (issue 12), when the PKS names any. */
  dataBalikanDuties?: { kind: string; frequency: 'monthly' | 'quarterly' | 'semester' }[];
  reporting: string;
  financing: { profitOriented: boolean; feePerNikRupiah: number; text: string };
  prohibition: string;
  duration: { startDate: string; endDate: string; months: number };
  signatories: { party: 'office' | 'institution'; name: string; title: string }[];
  legalBasis: string;
}

/** A field-level change between two versions. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A signature over a version's hash. */
export interface Signature {
  version: number;
  signer: string;
  role: string;
  party: string;
  overSha256: string;
  scanFileId: string | null;
  signedAt: string;
}

/** GET /api/agreements item. */
export interface AgreementSummary {
  id: string;
  number: string;
  status: PksStatus | string;
  startDate: string | null;
  endDate: string | null;
  institutionName: string;
}

/** GET /api/agreements/:id */
export interface AgreementDetail {
  id: string;
  number: string;
  status: PksStatus | string;
  statusReason: string | null;
  institution: { id: string; name: string };
  officeId: string;
  applicationId: string | null;
  startDate: string | null;
  endDate: string | null;
  juknisApproved: boolean;
  /** The case the PKS lifecycle runs in. */
  caseId: string | null;
  /** What the signed-in user may do with it now (their open case tasks, their office's settings). */
  myActions: ('submit' | 'approve' | 'sign' | 'activate' | 'approve-juknis' | 'terminate' | 'revise')[];
  notices: string[];
  documentId: string | null;
  versions: {
    version: number;
    kind: string;
    contentHash: string;
    createdAt: string;
    content: PksContent;
    changes: FieldChange[];
  }[];
  signatures: Signature[];
  protectedElements: string[];
}

/** PATCH /api/agreements/:id body. */
export interface AgreementRevision {
  purpose?: string;
  elements?: string[];
  methods?: AccessMethod[];
  dataBalikan?: string;
  dataBalikanDuties?: { kind: string; frequency: 'monthly' | 'quarterly' | 'semester' }[];
  legalBasis?: string;
  startDate?: string;
  months?: number;
}

/** GET /api/documents/:id */
export interface DocumentDetail {
  id: string;
  kind: string;
  number: string;
  title: string;
  status: string;
  statusReason: string | null;
  caseId: string | null;
  agreementId: string | null;
  createdAt: string;
  versions: {
    id: string;
    version: number;
    sha256: string;
    createdAt: string;
    changes: FieldChange[];
    comments: { author: string; body: string; at: string }[];
  }[];
  signatures: Signature[];
}

/** GET /api/verify/:id */
export interface VerifiedDocument {
  id: string;
  title: string;
  number: string;
  issuer: string;
  issuedAt: string;
  status: 'valid' | 'superseded' | 'revoked' | string;
  statusReason: string | null;
  sha256: string;
  version: number;
  versions: { version: number; sha256: string; createdAt: string }[];
  signatures: { signer: string; role: string; signedAt: string; overSha256: string }[];
}

/** POST /api/verify/:id answer. */
export interface FileCheck {
  sha256: string;
  match: 'current' | 'superseded' | 'none' | string;
  status: 'valid' | 'superseded' | 'revoked' | 'mismatch' | string;
  version: number | null;
}

/** GET /api/register item: an agreement in force. */
/** A signed tree head of the audit log (GET /api/audit/heads/latest, ADR 0008). */
export interface AuditTreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

/** The audit signing keys pinned outside the database (GET /api/audit/keys). */
export interface AuditKeys {
  signingKeyId: string;
  keys: { keyId: string; fingerprint: string; display: string; publicKey: string }[];
}

export interface RegisterEntry {
  number: string;
  institution: string;
  institutionType: string;
  office: string;
  purpose: string;
  elements: { code: string; name: Bilingual }[];
  methods: string[];
  validFrom: string | null;
  validTo: string | null;
  status: string;
}

/** The environment of a grant: a trial (sandbox population) first, production after a passed trial. */
export type GrantEnvironment = 'trial' | 'production';

/** The state of a grant; suspend, resume and revoke take effect on the next request. */
export type GrantStatus = 'active' | 'suspended' | 'revoked';

/** Permitted hours of the day ("to" is exclusive; before "from" it spans midnight). */
export interface GrantHours {
  from: string;
  to: string;
  timezone: string;
}

/** What a grant may do with a NIK: read the granted elements, or verify claimed values of them. */
export type GrantOperation = 'lookup' | 'verify';

/** A grant compiled from a PKS version (GET /api/access/...). */
export interface Grant {
  id: string;
  agreementId: string;
  institutionId: string;
  kind: AccessMethod | string;
  environment: GrantEnvironment | string;
  label: string;
  customerId: string | null;
  userId: string | null;
  secretExpiresAt: string | null;
  elements: string[];
  /** lookup (Cek NIK) and/or verify (Verifikasi elemen). */
  operations: GrantOperation[];
  ipAllow: string[];
  hours: GrantHours | null;
  dailyQuota: number | null;
  status: GrantStatus | string;
  statusReason: string | null;
  pksVersionHash: string;
  validFrom: string;
  validTo: string;
  trial: { result: string; note: string | null; recordedAt: string } | null;
  /** What changes of its PKS did to the grant (addendum, renewal, termination, expiry), oldest first. */
  changes: GrantChange[];
  createdAt: string;
  updatedAt: string;
}

/** One change of the PKS in force as it reached a grant. */
export interface GrantChange {
  at: string;
  cause: string;
  action: 'recompiled' | 'revoked';
  removedElements: string[];
  removedMethods: string[];
  validFrom: { before: string; after: string } | null;
  validTo: { before: string; after: string } | null;
  pksVersion: { before: string; after: string } | null;
  reason: string | null;
}

/** GET /api/access/agreements/:id — a PKS's terms with the grants compiled from it. */
export interface AgreementAccess {
  agreement: {
    id: string;
    institutionId: string;
    officeId: string;
    status: string;
    versionHash: string;
    elements: string[];
    methods: string[];
    startDate: string;
    endDate: string;
    juknisApproved: boolean;
    canProvision: boolean;
  };
  grants: Grant[];
}

/** POST /api/access/agreements/:id/grants body. */
export interface GrantInput {
  kind: AccessMethod;
  environment: GrantEnvironment;
  label?: string;
  elements: string[];
  /** Web service only; default both. */
  operations?: GrantOperation[];
  ipAllow?: string[];
  /** Confirms ranges that are everything, wider than /8 (/32 for IPv6) or link-local. */
  confirmWideRanges?: boolean;
  hours?: GrantHours | null;
  dailyQuota?: number | null;
  secretExpiresAt?: string | null;
}

/** A grant with its secret, which the server returns once (create and rotate). */
export interface GrantWithSecret {
  grant: Grant;
  secret?: string;
}

/** A registered card-reader device. */
export interface ReaderDevice {
  id: string;
  grantId: string;
  institutionId: string;
  serial: string;
  pcid: string;
  publicKey: string;
  status: string;
  createdAt: string;
}

/** A web-portal operator of a grant. */
export interface PortalOperator {
  id: string;
  userId: string;
  username?: string;
  displayName?: string;
  status: string;
  createdAt: string;
}

/** GET /api/access/audit/entries item. */
export interface AuditEntry {
  seq: number;
  id: string;
  time: string;
  action: string;
  actorKind: string;
  actorId: string;
  /** The person, for a user's decision. */
  actorName: string | null;
  institutionId: string | null;
  pksId: string | null;
  /** Small facts of the entry: the case, the PKS number, a reason… */
  detail: Record<string, string | number | boolean | null>;
  /** Present when the server exposes it. */
  pksVersionHash?: string | null;
  elements: string[];
  resultCode: string;
  clientIp: string | null;
  nikHash: string | null;
}

/** Pengawasan's filters (GET /api/access/audit/entries and /summary); dates are office-local YYYY-MM-DD. */
export interface AuditFilters {
  from?: string;
  to?: string;
  kind?: 'data_call' | 'decision';
  channel?: 'web_service' | 'v1' | 'card_reader' | 'web_portal';
  institutionId?: string;
  actorId?: string;
  action?: string;
  resultCode?: string;
  q?: string;
}

/** Counts of one office-local day. */
export interface AuditDayCounts {
  day: string;
  dataCalls: number;
  refusals: number;
  decisions: number;
}

/** GET /api/access/audit/summary */
export interface AuditSummary {
  timeZone: string;
  from: string;
  to: string;
  days: AuditDayCounts[];
  totals: Omit<AuditDayCounts, 'day'>;
  byCode: { code: string; count: number }[];
}

/** GET /api/access/audit/verify */
export interface AuditVerification {
  ok: boolean;
  batches: number;
  sealedEntries: number;
  unsealed: number;
  problems: { kind: string; seq?: number; batchSeq?: number; message: Bilingual }[];
}

/** The web portal's answer to a lookup: the Dukcapil code, its RESPON text, the granted fields when found. */
export interface PortalAnswer {
  code: string;
  respon: { id: string; en: string };
  fields: Record<string, string> | null;
  auditId: string;
}

/** GET /api/regions item: a Kemendagri province or kabupaten/kota an office can serve. */
export interface Region {
  code: string;
  name: string;
  level: 'provinsi' | 'kabupaten' | 'kota';
  parentCode: string | null;
  timeZone: string;
}

/** POST /api/offices body (pusat admins). */
export interface NewOffice {
  code: string;
  name: string;
  level: 'provinsi' | 'kabupaten' | 'kota';
  parentId: string;
  timezone: string;
  headTitle: string;
}

/** PATCH /api/offices/:id body. */
export interface OfficePatch {
  requireTotp?: boolean;
  timezone?: string;
  headTitle?: string;
  letterFormat?: string;
}

/** POST /api/offices/:id/roles body. */
export interface NewRole {
  code: string;
  nameId: string;
  nameEn: string;
}

/** One capability of an office: who holds it. */
export interface Permission {
  capability: string;
  roles: string[];
  isDefault: boolean;
  defaultRoles: string[];
}

/** GET /api/offices/:id/sop-purposes item. */
export interface SopPurposeView {
  purpose: 'application' | 'pks_change' | 'control' | 'evaluation' | 'report_review' | 'anomaly_review';
  retired: boolean;
  chosen: string | null;
  serving: { code: string; version: number; name: string; versionId: string } | null;
  candidates: { code: string; name: string }[];
}
