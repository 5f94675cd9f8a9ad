/**
 * A checked SOP definition, ready for the engine: references resolved, waktu parsed, flow made explicit.
 */
import type { Duration } from '../calendar/calendar.js';
import type { SopHeader } from './schema.js';
import type { HariMeans, Waktu } from './waktu.js';
import type { Message } from '../errors.js';

/** Which organisation receives a task. */
export type AssigneeOrg = 'office' | 'pusat' | 'institution';

/** Who receives a task: a role in an organisation relative to the case (its office, the Directorate General, the applicant). */
export interface Assignee {
  org: AssigneeOrg;
  role: string;
}

/** Where a pelaksana's tasks go, as declared. */
export type ActorKind = 'office' | 'kepala_daerah' | 'dirjen' | 'institution' | 'organisation';

/** A pelaksana (one column of the procedure table). */
export interface SopActor {
  code: string;
  name: string;
  fullName?: string;
  kind: ActorKind;
  assignee: Assignee;
}

/** What an SOP is for; see docs/sop-format.md "Purposes". */
export type SopPurpose = 'application' | 'pks_change' | 'control' | 'evaluation' | 'report_review' | 'anomaly_review';

/** Documents an action may produce from a template (the PKS and the juknis come from their own actions). */
export type ProducedKind =
  | 'receipt'
  | 'surat_pengantar'
  | 'nota_dinas'
  | 'sk_tim'
  | 'approval_letter'
  | 'rejection_letter'
  | 'access_letter'
  | 'record';

/** The words of the action vocabulary (actions.ts describes each). */
export type ActionWord =
  | 'application.submit'
  | 'pks.draft'
  | 'pks.submit'
  | 'pks.approve'
  | 'pks.sign'
  | 'pks.activate'
  | 'juknis.approve'
  | 'access.request'
  | 'trial.result'
  | 'report.accept'
  | 'report.return'
  | 'report.resubmit'
  | 'campaign.prepare'
  | 'campaign.visit'
  | 'campaign.report'
  | 'anomaly.decide';

/** A declared effect of completing a step (or of choosing a branch). */
export type StepAction = { type: ActionWord } | { type: 'produce'; kind: ProducedKind; title?: string };

/** What the actor confirms when completing a step (not a file): a check, or a confirmation. */
export const CONFIRMATION_TYPES = ['cek', 'konfirmasi'] as const;
/** berkas: a file on the case; cek / konfirmasi: the actor confirms it when completing the step. */
export const REQUIREMENT_TYPES = ['berkas', ...CONFIRMATION_TYPES] as const;
/** The kind of a required input. */
export type RequirementType = (typeof REQUIREMENT_TYPES)[number];

/** A required input of a step. */
export interface Requirement {
  name: string;
  /** berkas: a file on the case; cek / konfirmasi: the actor confirms it when completing the step. */
  type: RequirementType;
  /** Applies only to applicants of this kind. */
  when?: 'badan_hukum' | 'profit' | 'pemerintah';
  /** The application letter itself: attached by the submission. */
  from?: 'surat_permohonan';
}

/** A labelled branch of a decision. */
export interface SopBranch {
  label: string;
  /** Where it leads; several targets open in parallel. */
  to: readonly string[];
  actions: readonly StepAction[];
  output: readonly string[];
}

/** How a step continues: to one or more (parallel) targets, or by a labelled decision. */
export type StepFlow =
  { type: 'next'; to: readonly string[] } | { type: 'decision'; question: string; branches: readonly SopBranch[] };

/** A step (one row of the procedure table). */
export interface SopStep {
  id: string;
  /** The printed number; not unique. */
  no: string;
  /** Position in the table, from 0. */
  index: number;
  kegiatan: string;
  /** Pelaksana codes; the first is responsible and receives the task, the others take part. */
  pelaksana: readonly string[];
  /** Names of the required inputs, as printed. */
  kelengkapan: readonly string[];
  /** The required inputs with their kind and condition (one per kelengkapan name). */
  requirements: readonly Requirement[];
  /** Every pelaksana gets a task; the step moves on when all are done. */
  joint: boolean;
  /** Pelaksana informed of the step (tembusan) who do not act. */
  informed: readonly string[];
  /** Declared effects of completing the step, whatever the branch. */
  actions: readonly StepAction[];
  /** Set on a step Gerbang appended because the law requires it (the enforced minimum). */
  standard?: boolean;
  waktu: Waktu;
  waktuTertulis?: string;
  output: readonly string[];
  keterangan?: string;
  flow: StepFlow;
  /** Steps that must all be done before this step opens (after a parallel fork); empty for an ordinary step. */
  join: readonly string[];
}

/** How a case ends: completed, refused, or cancelled. */
export const SOP_OUTCOMES = ['selesai', 'ditolak', 'batal'] as const;
/** The outcome of an end (and of a case that reached it). */
export type SopOutcome = (typeof SOP_OUTCOMES)[number];

/** A terminator. */
export interface SopEnd {
  id: string;
  label: string;
  outcome: SopOutcome;
}

/** A checked SOP definition. */
export interface SopDefinition {
  format: 'gerbang-sop/1';
  code: string;
  /** The file or upload it came from, for messages. */
  source: string;
  office: { region: string; name: string; timeZone: string };
  header: SopHeader;
  hari: HariMeans;
  /** What the SOP is for, when it says. */
  purpose?: SopPurpose;
  officeRoles: readonly { code: string; name: string }[];
  pelaksana: readonly SopActor[];
  start: string;
  steps: readonly SopStep[];
  ends: readonly SopEnd[];
  /** The printed total, parsed, when the sheet has one. */
  declaredTotal?: { text: string; duration: Duration };
  /** Sum of every step's standard time: targets (lower bounds) and deadlines (upper bounds). */
  sumOfStandardTimes: { target: Duration; deadline: Duration };
}

/** How grave a problem of a definition is: an error refuses it, a warning does not. */
export const ISSUE_SEVERITIES = ['error', 'warning'] as const;

/** One problem found in a definition. */
export interface SopIssue {
  severity: (typeof ISSUE_SEVERITIES)[number];
  /** Stable machine code, e.g. "unknown_actor". */
  code: string;
  file: string;
  /** The step concerned, when there is one. */
  stepId?: string;
  /** JSON pointer into the file, when known. */
  path?: string;
  message: Message;
}

/** The result of checking a definition: the definition only when there are no errors. */
export interface SopCheckResult {
  definition?: SopDefinition;
  errors: SopIssue[];
  warnings: SopIssue[];
}
