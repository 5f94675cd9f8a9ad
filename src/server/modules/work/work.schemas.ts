/** Schemas of Kotak Masuk's items and counts (issue 14). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';
import { WORK_ACTIONS } from '../../../domain/work.js';

const Sla = Type.Union(
  ['on_time', 'due_soon', 'overdue', 'paused', 'no_standard', 'done_on_time', 'done_late'].map((s) => Type.Literal(s)),
);
const Words = Type.Object({ id: Type.String(), en: Type.String() });

/** What an item asks its reader to do (the screen words it). */
export const WorkActionSchema = Type.Union(WORK_ACTIONS.map((a) => Type.Literal(a)));

/** One Kotak Masuk item: a case task (with its case and step) or work derived from a record's state. */
export const InboxItemSchema = Type.Object({
  id: Type.String({ description: 'the task id, or a stable id of the derived work' }),
  source: Type.Union(['case', 'agreement', 'institution', 'report', 'finding', 'balikan'].map((s) => Type.Literal(s))),
  action: WorkActionSchema,
  institution: Nullable(Type.String()),
  reference: Nullable(Type.String({ description: 'the case number or the PKS number' })),
  detail: Nullable(Words),
  link: Type.String({ description: 'the path of the page where the work is done' }),
  taskId: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
  caseTitle: Nullable(Type.String()),
  sopCode: Nullable(Type.String()),
  sopName: Nullable(Type.String()),
  stepId: Nullable(Type.String()),
  no: Nullable(Type.String()),
  kegiatan: Nullable(Type.String()),
  role: Nullable(Type.String()),
  via: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  openedAt: Type.String(),
  targetAt: Nullable(Type.String()),
  deadlineAt: Nullable(Type.String()),
  sla: Sla,
});

const Count = Nullable(Type.Integer({ minimum: 0 }));

/** The counts of the menu and the home page; a count that cannot concern the caller is null. */
export const WorkSummarySchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  dueSoon: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
  pksToSign: Count,
  institutionsToVerify: Count,
  reportsToReview: Count,
  findingsToDecide: Count,
  reportsToSubmit: Count,
});
