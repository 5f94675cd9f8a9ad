import type { Generated, Selectable } from 'kysely';
import type { AccessTables } from './schema-access.js';
import type { UsageTables } from './schema-usage.js';
import type { ReportsTables } from './schema-reports.js';
import type { BalikanTables } from './schema-balikan.js';
import type { BillingTables } from './schema-billing.js';
import type { CampaignsTables } from './schema-campaigns.js';
import type { AnomaliesTables } from './schema-anomalies.js';
import type { ResidentTables } from './schema-resident.js';
import type { OperationsTables } from './schema-operations.js';
import type { PksStatus } from '../../domain/agreement/pks.js';

/**
 * Table types, declared once. Both dialects store the same shapes:
 * ids are ULID text, times are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text.
 */

/** 0 or 1: booleans are integers in both dialects. */
export type Bool = 0 | 1;

/** Offices: the Directorate General (pusat), provinces, kabupaten/kota. */
export interface OfficeTable {
  id: string;
  /** Kemendagri region code, e.g. "33.05"; "00" for the Directorate General. */
  code: string;
  name: string;
  level: 'pusat' | 'provinsi' | 'kabupaten' | 'kota';
  parent_id: string | null;
  /** IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timezone: string;
  /** Title of the regional head (Gubernur/Bupati/Walikota), empty at pusat. */
  head_title: string;
  /** Staff must use a TOTP second factor. */
  require_totp: Bool;
  /** Letter number format: {seq}, {kind}, {code}, {year}, {roman} (month). */
  letter_format: string;
  /** Days after a semester's end its usage report is due (issue 12). */
  report_deadline_days: Generated<number>;
  created_at: string;
  /** The letterhead (issue 14): street address, phone, e-mail, website; '' when not set. */
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  /** The head who signs the office's letters: name, NIP, rank (pangkat/golongan); '' when not set. */
  head_name: Generated<string>;
  head_nip: Generated<string>;
  head_rank: Generated<string>;
  /** The office's emblem on its letterhead and SOP sheet: an uploaded PNG or JPEG (files); null: none yet. */
  emblem_file_id: string | null;
}

/** A users row as read (generated columns filled). */
export type UserRow = Selectable<UserTable>;

/** User institutions (lembaga pengguna). */
export interface InstitutionTable {
  id: string;
  name: string;
  type: 'opd' | 'kementerian_lembaga' | 'badan_hukum';
  profit_oriented: Bool;
  office_id: string;
  status: 'pending' | 'verified' | 'suspended';
  address: string;
  registered_by: string | null;
  verified_by: string | null;
  verified_at: string | null;
  created_at: string;
}

/** Contact people of an institution. */
export interface InstitutionContactTable {
  id: string;
  institution_id: string;
  name: string;
  position: string;
  email: string;
  phone: string;
}

/** Roles: built-in ones have org_id null; an office may add its own. */
export interface RoleTable {
  id: string;
  org_kind: 'office' | 'institution';
  org_id: string | null;
  code: string;
  name_id: string;
  name_en: string;
  created_at: string;
}

/** People who log in. Exactly one of office_id / institution_id is set. */
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  office_id: string | null;
  institution_id: string | null;
  status: 'active' | 'disabled';
  must_change_password: Bool;
  totp_secret: string | null;
  totp_enabled: Bool;
  /** The last TOTP time step accepted (a code is good once); null before the first. */
  totp_last_step: number | null;
  /** No longer used: sign-in failures are throttled in memory (domain/sign-in.ts), never locking an account. */
  failed_logins: number;
  /** No longer used (see failed_logins). */
  locked_until: string | null;
  created_at: string;
  password_changed_at: string;
  /** Printed under the user's signature (issue 14): NIP, position (jabatan), rank (pangkat/golongan); '' when not set. */
  nip: Generated<string>;
  position: Generated<string>;
  rank: Generated<string>;
}

/** Which roles a user holds (role codes in the user's own organisation). */
export interface UserRoleTable {
  user_id: string;
  role_code: string;
}

/** Browser sessions; the id is the SHA-256 of the cookie token, never the token itself. */
export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  /** 'full' once every factor has been given; otherwise what is still owed. */
  stage: 'full' | 'totp' | 'totp_enroll' | 'password_change';
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
  /** A non-secret handle naming the session to its user (list, end one); never the token's hash. */
  handle: string;
  /** The session ends then whatever its use (SESSION_ABSOLUTE_HOURS after login). */
  absolute_expires_at: string;
  /** Wrong TOTP codes given in this session; at the limit the session ends. */
  totp_failures: number;
}

/** All tables, as Kysely sees them. */
export interface DB
  extends
    AccessTables,
    UsageTables,
    ReportsTables,
    BalikanTables,
    BillingTables,
    CampaignsTables,
    AnomaliesTables,
    ResidentTables,
    OperationsTables {
  offices: OfficeTable;
  institutions: InstitutionTable;
  institution_contacts: InstitutionContactTable;
  roles: RoleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  files: FileTable;
  sop_versions: SopVersionTable;
  cases: CaseTable;
  tasks: TaskTable;
  case_events: CaseEventTable;
  case_documents: CaseDocumentTable;
  case_document_queries: CaseDocumentQueryTable;
  case_document_versions: CaseDocumentVersionTable;
  institution_verifications: InstitutionVerificationTable;
  office_calendar_days: OfficeCalendarDayTable;
  counters: CounterTable;
  institution_documents: InstitutionDocumentTable;
  applications: ApplicationTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  document_comments: DocumentCommentTable;
  signatures: SignatureTable;
  agreements: AgreementTable;
  agreement_versions: AgreementVersionTable;
  office_permissions: OfficePermissionTable;
  office_sop_purposes: OfficeSopPurposeTable;
  scheduler_leases: SchedulerLeaseTable;
}

/** Which process runs a scheduler job until when (src/server/scheduler): one holder at a time. */
export interface SchedulerLeaseTable {
  job: string;
  holder: string;
  /** ISO-8601 UTC; after it another process may take the job. */
  expires_at: string;
}

/** Which SOP serves a purpose in an office; sop_code null: the purpose is retired there. */
export interface OfficeSopPurposeTable {
  office_id: string;
  purpose: string;
  sop_code: string | null;
  set_by: string | null;
  set_at: string;
}

/** One role of an office holding one capability (domain/authz CAPABILITIES); '' alone: nobody holds it. */
export interface OfficePermissionTable {
  office_id: string;
  capability: string;
  role_code: string;
}

/** Stored files: content lives in DATA_DIR/files by SHA-256; this row names it and its owner organisation. */
export interface FileTable {
  id: string;
  sha256: string;
  size: number;
  content_type: string;
  filename: string;
  uploaded_by: string | null;
  org_kind: 'office' | 'institution';
  org_id: string;
  created_at: string;
}

/** Published SOP versions; the source text is kept as written. */
export interface SopVersionTable {
  id: string;
  office_id: string;
  code: string;
  version: number;
  name: string;
  effective_from: string;
  source: string;
  content_hash: string;
  note: string;
  published_by: string | null;
  published_at: string;
}

/** A case runs one SOP version for a subject. `state` is the engine's JSON state. */
export interface CaseTable {
  id: string;
  number: string;
  office_id: string;
  sop_version_id: string;
  subject_kind: string;
  subject_id: string | null;
  institution_id: string | null;
  title: string;
  status: 'open' | 'ended';
  outcome: string | null;
  state: string;
  /** Bumped on every transition, for optimistic concurrency. */
  revision: number;
  opened_by: string;
  opened_at: string;
  ended_at: string | null;
}

/** A task: one open (or finished) step of a case, assigned to a role in an organisation. */
export interface TaskTable {
  id: string;
  case_id: string;
  step_id: string;
  assignee_org_kind: 'office' | 'institution';
  assignee_org_id: string;
  role_code: string;
  status: 'open' | 'done' | 'returned' | 'closed';
  via: 'flow' | 'revision';
  reason: string | null;
  pauses_clock: Bool;
  opened_at: string;
  target_at: string | null;
  deadline_at: string | null;
  completed_by: string | null;
  completed_at: string | null;
  decision: string | null;
  comment: string | null;
  /** 1 for a task of a joint step (one task per party; the step moves on when all are done). */
  joint: Bool;
}

/** The timeline of a case. */
export interface CaseEventTable {
  id: string;
  case_id: string;
  task_id: string | null;
  type: string;
  step_id: string | null;
  actor_user_id: string | null;
  at: string;
  data: string;
}

/** Documents of a case: kelengkapan attached, outputs uploaded or produced. */
export interface CaseDocumentTable {
  id: string;
  case_id: string;
  task_id: string | null;
  step_id: string | null;
  doc_type: string;
  role: 'kelengkapan' | 'output';
  source: 'upload' | 'produced';
  file_id: string;
  created_by: string | null;
  created_at: string;
}

/** A case document the office queried when returning the case (issue 14, migration 0027). */
export interface CaseDocumentQueryTable {
  id: string;
  case_id: string;
  document_id: string;
  task_id: string | null;
  note: string;
  queried_by: string;
  queried_at: string;
  answered_at: string | null;
}

/** A replaced case document: the old row stays, the new one supersedes it (issue 14, migration 0027). */
export interface CaseDocumentVersionTable {
  id: string;
  case_id: string;
  old_document_id: string;
  new_document_id: string;
  query_id: string | null;
  replaced_by: string;
  replaced_at: string;
}

/** An office's verification decision on an institution, with who decided as they were then (migration 0027). */
export interface InstitutionVerificationTable {
  id: string;
  institution_id: string;
  approved: number;
  note: string | null;
  decided_by: string;
  decided_by_name: string;
  decided_by_role: string;
  decided_at: string;
}

/** Days an office (or, with office_id null, the whole country) adds to its calendar. */
export interface OfficeCalendarDayTable {
  id: string;
  office_id: string | null;
  date: string;
  kind: 'cuti_bersama' | 'holiday' | 'working';
  note: string;
  created_at: string;
}

/** Named counters (case numbers, letter numbers per office and year). */
export interface CounterTable {
  key: string;
  value: number;
}

/** Documents a badan hukum institution must hold (deed, domicile, licence, legalisation, recommendation). */
export interface InstitutionDocumentTable {
  id: string;
  institution_id: string;
  doc_type: string;
  file_id: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** An application (permohonan): its six contents and extras live in `content` (JSON). */
export interface ApplicationTable {
  id: string;
  institution_id: string;
  office_id: string;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';
  content: string;
  letter_file_id: string | null;
  case_id: string | null;
  agreement_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

/** A produced or registered document (letter, PKS, juknis) with a number from the office's register. */
export interface DocumentTable {
  id: string;
  kind: string;
  number: string;
  title: string;
  office_id: string;
  institution_id: string | null;
  case_id: string | null;
  agreement_id: string | null;
  status: 'valid' | 'superseded' | 'revoked';
  status_reason: string | null;
  created_at: string;
}

/** One version of a document: the file, its SHA-256, and the data it was made from. */
export interface DocumentVersionTable {
  id: string;
  document_id: string;
  version: number;
  file_id: string;
  sha256: string;
  content: string;
  content_hash: string;
  created_by: string | null;
  created_at: string;
}

/** A reviewer's comment on a document version. */
export interface DocumentCommentTable {
  id: string;
  document_version_id: string;
  user_id: string;
  body: string;
  created_at: string;
}

/** A signature by one signatory over one version's hash; optionally the signed scan. */
export interface SignatureTable {
  id: string;
  document_version_id: string;
  user_id: string;
  signer_name: string;
  signer_role: string;
  party: 'office' | 'institution' | 'pusat';
  over_sha256: string;
  scan_file_id: string | null;
  signed_at: string;
}

/** A cooperation agreement (PKS) and where it stands in its lifecycle. */
export interface AgreementTable {
  id: string;
  number: string;
  institution_id: string;
  office_id: string;
  application_id: string | null;
  document_id: string | null;
  status: PksStatus;
  status_reason: string | null;
  start_date: string | null;
  end_date: string | null;
  juknis_approved_at: string | null;
  /** JSON list of expiry notices already sent (e.g. ["90","30"]). */
  notices: string;
  /** The institution's own number for the agreement (issue 14, 0026); '' until it enters one. */
  institution_number: string;
  /** The office-local date (YYYY-MM-DD) of the signing that completed the PKS (0026); null before. */
  signed_on: string | null;
  /** The document version that is the signed copy (the signed text with the date and signatures), 0026. */
  signed_copy_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A version of a PKS's machine-readable content; grants and audit records cite its content hash. */
export interface AgreementVersionTable {
  id: string;
  agreement_id: string;
  version: number;
  kind: 'original' | 'revision' | 'addendum' | 'renewal';
  content: string;
  content_hash: string;
  document_version_id: string | null;
  created_by: string | null;
  created_at: string;
  /** in_force, or pending while an addendum/renewal case runs, or rejected when it was refused. */
  state: Generated<'in_force' | 'pending' | 'rejected'>;
  /** For an addendum or renewal: the one case that runs it. */
  case_id: string | null;
  /** The Director General's approval of this version (required before an addendum or renewal is in force). */
  approved_by: string | null;
  approved_at: string | null;
}
