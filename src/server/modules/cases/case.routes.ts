import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { readBlob } from '../files/files.service.js';
import { inlineFileRoute, sendInline } from '../files/inline.js';
import * as service from './case.service.js';
import { Id, Nullable, OneOf } from '../../http/schemas.js';
import { InboxItemSchema, SlaSchema } from '../work/work.schemas.js';
import {
  CASE_DOCUMENT_ROLES,
  CASE_DOCUMENT_SOURCES,
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  TASK_ORG_KINDS,
  TASK_STATUSES,
} from '../../../domain/case.js';
import { CONFIRMATION_TYPES, OPENED_VIA, SOP_OUTCOMES } from '../../../domain/sop/index.js';
import { BRANCH_KINDS } from '../../../domain/sop/decision.js';

const tags = ['cases'];
const Doc = Type.Object(
  { docType: Type.String({ minLength: 1, maxLength: 300 }), fileId: Id },
  { additionalProperties: false },
);
const CaseStatus = OneOf(CASE_STATUSES);
const Outcome = Nullable(OneOf(SOP_OUTCOMES));
const Conflict = { 409: Type.Ref('Problem') };

const TaskView = Type.Object({
  id: Type.String(),
  stepId: Type.String(),
  no: Type.String(),
  kegiatan: Type.String(),
  role: Type.String(),
  assigneeOrgKind: OneOf(TASK_ORG_KINDS),
  assigneeOrgId: Type.String(),
  status: OneOf(TASK_STATUSES),
  via: OneOf(OPENED_VIA),
  reason: Nullable(Type.String()),
  openedAt: Type.String(),
  targetAt: Nullable(Type.String()),
  deadlineAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  waktu: Type.String(),
  sla: SlaSchema,
  elapsedMinutes: Type.Number(),
  standardMinutes: Type.Union([Type.Number(), Type.Null()]),
  canAct: Type.Boolean(),
  branches: Type.Array(Type.String()),
  question: Nullable(Type.String({ description: "a decision step's question, as the SOP prints it" })),
  choices: Type.Array(
    Type.Object({
      label: Type.String(),
      kind: OneOf(BRANCH_KINDS),
      reasonRequired: Type.Boolean(),
    }),
    { description: "the decision's branches, approval first: a refusal needs a reason (the comment)" },
  ),
  uploadOutputs: Type.Array(Type.String(), {
    description: 'outputs to upload: those the step does not produce itself and the case does not hold yet',
  }),
  kelengkapan: Type.Array(Type.Object({ docType: Type.String(), present: Type.Boolean() })),
  confirmations: Type.Array(Type.Object({ name: Type.String(), type: OneOf(CONFIRMATION_TYPES) })),
  output: Type.Array(Type.String()),
  actions: Type.Array(Type.String()),
  joint: Type.Boolean(),
  standard: Type.Boolean(),
  informed: Type.Array(Type.String(), { description: 'who is informed of the step (tembusan) without acting' }),
});

const CaseView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: CaseStatus,
  outcome: Outcome,
  subjectKind: Type.String(),
  subjectId: Nullable(Type.String()),
  institution: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  officeId: Type.String(),
  openedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  sop: Type.Object({ versionId: Type.String(), code: Type.String(), version: Type.Integer(), name: Type.String() }),
  paused: Type.Boolean(),
  totals: Type.Object({ elapsedMinutes: Type.Number(), standardMinutes: Type.Number() }),
  tasks: Type.Array(TaskView),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      docType: Type.String(),
      role: OneOf(CASE_DOCUMENT_ROLES),
      source: OneOf(CASE_DOCUMENT_SOURCES),
      stepId: Nullable(Type.String()),
      filename: Type.String(),
      sha256: Type.String(),
      size: Type.Integer(),
      createdAt: Type.String(),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      type: OneOf(CASE_EVENT_TYPES),
      stepId: Nullable(Type.String()),
      actor: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

const TransitionResult = Type.Object({
  caseId: Type.String(),
  opened: Type.Array(Type.Object({ taskId: Type.String(), stepId: Type.String() })),
  ended: Nullable(Type.String()),
});

/** Cases, tasks and the inbox. */
export function caseRoutes(app: App, deps: Deps) {
  app.post(
    '/api/cases',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          "Open a case on the office's SOP in force (about no subject: applications and PKS changes open their own)",
        body: Type.Object(
          {
            sopCode: Type.String({ minLength: 1, maxLength: 120 }),
            title: Type.String({ minLength: 3, maxLength: 300 }),
            officeId: Type.Optional(Id),
            institutionId: Type.Optional(Id),
            attachments: Type.Optional(Type.Array(Doc, { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), number: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.openCase(deps, await actorOf(request, deps), request.body)),
  );

  app.get(
    '/api/cases',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Cases the user may see, newest first',
        querystring: Type.Object({ status: Type.Optional(CaseStatus) }, { additionalProperties: false }),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              number: Type.String(),
              title: Type.String(),
              status: CaseStatus,
              outcome: Outcome,
              sopCode: Type.String(),
              sopName: Type.String({ description: "the SOP's title, as screens show it" }),
              sopVersion: Type.Integer(),
              institutionName: Nullable(Type.String()),
              openedAt: Type.String(),
              endedAt: Nullable(Type.String()),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => service.listCases(deps, await actorOf(request, deps), request.query),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'A case: tasks with SLA, timeline, documents, totals',
        params: Type.Object({ id: Id }),
        response: { 200: CaseView, ...problemResponses },
      },
    },
    async (request) => service.getCase(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/cases/:id/documents/:docId',
    {
      config: { auth: 'session' },
      ...inlineFileRoute,
      schema: { tags, summary: 'Open a case document inline', params: Type.Object({ id: Id, docId: Id }) },
    },
    async (request, reply) => {
      const file = await service.documentFile(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.docId,
      );
      return sendInline(reply, file, readBlob(deps, file));
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Complete a task: the step's kelengkapan must be present; outputs are uploaded or produced",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            decision: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            attachments: Type.Optional(Type.Array(Doc, { maxItems: 20 })),
            outputs: Type.Optional(Type.Array(Doc, { maxItems: 20 })),
            confirmations: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
                maxItems: 30,
                description: "names of the step's checks and confirmations the actor confirms",
              }),
            ),
            scanFileId: Type.Optional(Id),
            startDate: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TransitionResult, ...problemResponses, ...Conflict },
      },
    },
    async (request) => service.completeTask(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/tasks/:id/return',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Return a task for revision to an earlier step, with the reason',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
            toStepId: Type.Optional(Type.String({ maxLength: 40 })),
            queriedDocumentIds: Type.Optional(
              Type.Array(Id, { maxItems: 20, description: 'case documents the return queries (to be replaced)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: TransitionResult, ...problemResponses, ...Conflict },
      },
    },
    async (request) => service.returnTask(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/inbox',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The user's open tasks with due time and SLA state",
        querystring: Type.Object(
          {
            sla: Type.Optional(SlaSchema),
            sop: Type.Optional(Type.String({ maxLength: 120 })),
            sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('opened')])),
            order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(InboxItemSchema),
          ...problemResponses,
        },
      },
    },
    async (request) => service.inbox(deps, await actorOf(request, deps), request.query),
  );
}
