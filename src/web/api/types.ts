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
}

/** A stage answer of the login steps. */
export interface StageReply {
  stage: Stage;
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
  status: string;
  roles: string[];
  totpEnabled: boolean;
}

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
  subjectKind: string;
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
  output: string[];
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
