/** Schemas of Kotak Masuk's items and counts (issue 14). */
import { Type } from '@sinclair/typebox';
import { Nullable, OneOf } from '../../http/schemas.js';
import { SLA_STATES } from '../../../domain/sla.js';
import { WORK_ACTIONS, WORK_SOURCES } from '../../../domain/work.js';

/** Where a task (or a derived item) stands against its standard time. */
export const SlaSchema = OneOf(SLA_STATES);
const Words = Type.Object({ id: Type.String(), en: Type.String() });

/** What an item asks its reader to do (the screen words it). */
export const WorkActionSchema = OneOf(WORK_ACTIONS);

/** One Kotak Masuk item: a case task (with its case and step) or work derived from a record's state. */
export const InboxItemSchema = Type.Object({
  id: Type.String({ description: 'the task id, or a stable id of the derived work' }),
  source: OneOf(WORK_SOURCES),
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
  sla: SlaSchema,
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
