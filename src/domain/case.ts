/**
 * The fixed lists of a case (an SOP run): where a case and its tasks stand, who a task goes to, where a case
 * document comes from and what its timeline records. The database columns and the API's schemas take their values
 * from here.
 */

/** A case runs until it reaches one of its SOP's ends. */
export const CASE_STATUSES = ['open', 'ended'] as const;
/** A case's status. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A task is open, done by its holder, returned for revision, or closed without being done (another path won). */
export const TASK_STATUSES = ['open', 'done', 'returned', 'closed'] as const;
/** A task's status. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The organisation a task is assigned to: an office (the Directorate General is an office) or an institution. */
export const TASK_ORG_KINDS = ['office', 'institution'] as const;
/** The kind of organisation holding a task. */
export type TaskOrgKind = (typeof TASK_ORG_KINDS)[number];

/** A case document is a kelengkapan (a required input) or an output of a step. */
export const CASE_DOCUMENT_ROLES = ['kelengkapan', 'output'] as const;
/** What a case document is to its step. */
export type CaseDocumentRole = (typeof CASE_DOCUMENT_ROLES)[number];

/** A case document was uploaded by a person or produced by Gerbang from a template. */
export const CASE_DOCUMENT_SOURCES = ['upload', 'produced'] as const;
/** Where a case document came from. */
export type CaseDocumentSource = (typeof CASE_DOCUMENT_SOURCES)[number];

/** What a case's timeline records. */
export const CASE_EVENT_TYPES = [
  'case_opened',
  'task_opened',
  'task_completed',
  'task_returned',
  'case_ended',
  'document_replaced',
] as const;
/** The type of a timeline event. */
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
