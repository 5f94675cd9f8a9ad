import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { DATA_ELEMENTS } from '../../../domain/elements/elements.js';
import * as service from './application.service.js';
import * as files from './replace-file.service.js';
import { Bilingual, ElementCodeSchema, Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { APPLICATION_STATUSES } from '../../../domain/application.js';
import { ACCESS_METHODS } from '../../../domain/grant/grant.js';
import { CASE_STATUSES } from '../../../domain/case.js';
import { SLA_STATES } from '../../../domain/sla.js';
import { OPENED_VIA, SOP_OUTCOMES } from '../../../domain/sop/index.js';

const tags = ['applications'];
const Method = OneOf(ACCESS_METHODS);
const Status = OneOf(APPLICATION_STATUSES);

const Content = Type.Object(
  {
    userName: Line({ maxLength: 200, description: '(a) nama pengguna' }),
    purpose: Type.String({ maxLength: 2000, description: '(b) tujuan pemanfaatan' }),
    elements: Type.Array(ElementCodeSchema, {
      maxItems: 31,
      description: '(c) element codes from /api/data-elements',
    }),
    methods: Type.Array(Method, { maxItems: 3, description: '(d) metode akses' }),
    dataBalikan: Type.String({ maxLength: 2000, description: '(e) data balikan' }),
    durationMonths: Type.Integer({ minimum: 0, maximum: 60, description: '(f) jangka waktu PKS, 1–60 bulan' }),
    expectedDailyVolume: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    ipRanges: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 }),
    legalBasis: Type.String({ maxLength: 2000, description: 'required for protected elements' }),
  },
  { additionalProperties: false },
);
const Patch = Type.Partial(Type.Composite([Content, Type.Object({ letterFileId: Id })]), {
  additionalProperties: false,
});

const View = Type.Object({
  id: Type.String(),
  status: Status,
  institutionId: Type.String(),
  officeId: Type.String(),
  content: Content,
  letterFileId: Type.Union([Type.String(), Type.Null()]),
  protectedElements: Type.Array(Type.String()),
  missing: Type.Array(Type.Object({ field: Type.String(), message: Bilingual })),
  caseId: Type.Union([Type.String(), Type.Null()]),
  agreementId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  case: Type.Union([
    Type.Null(),
    Type.Object({
      number: Type.String(),
      status: OneOf(CASE_STATUSES),
      outcome: Nullable(OneOf(SOP_OUTCOMES)),
      paused: Type.Boolean(),
      openTasks: Type.Array(
        Type.Object({
          id: Type.String(),
          stepId: Type.String(),
          kegiatan: Type.String(),
          role: Type.String(),
          via: OneOf(OPENED_VIA),
          reason: Type.Union([Type.String(), Type.Null()]),
          sla: OneOf(SLA_STATES),
          deadlineAt: Type.Union([Type.String(), Type.Null()]),
          canAct: Type.Boolean(),
        }),
      ),
    }),
  ]),
});

/** The data-element catalogue and applications with their six contents. */
export function applicationRoutes(app: App, deps: Deps) {
  app.get(
    '/api/data-elements',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The 31 data elements of UU 24/2013 art. 58(2) with their integration field names',
        response: {
          200: Type.Array(
            Type.Object({
              code: Type.String(),
              article: Type.String(),
              fields: Type.Array(Type.String()),
              name: Bilingual,
              description: Bilingual,
              protected: Type.Boolean(),
            }),
          ),
        },
      },
    },
    async () => DATA_ELEMENTS.map((e) => ({ ...e, fields: [...e.fields] })),
  );

  app.get(
    '/api/applications',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "My institution's applications, or those my office received",
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              institutionName: Type.String(),
              status: Status,
              purpose: Type.String(),
              caseId: Type.Union([Type.String(), Type.Null()]),
              agreementId: Type.Union([Type.String(), Type.Null()]),
              updatedAt: Type.String(),
              submittedAt: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => service.list(deps, await actorOf(request, deps)),
  );

  app.post(
    '/api/applications',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Save a new draft', body: Patch, response: { 201: View, ...problemResponses } },
    },
    async (request, reply) => {
      const { letterFileId, ...content } = request.body;
      const actor = await actorOf(request, deps);
      const draft = await service.createDraft(deps, actor, content);
      return reply
        .status(201)
        .send(letterFileId ? await service.updateDraft(deps, actor, draft.id, { letterFileId }) : draft);
    },
  );

  app.get(
    '/api/applications/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'One application, what it still lacks, and its case',
        params: Type.Object({ id: Id }),
        response: { 200: View, ...problemResponses },
      },
    },
    async (request) => service.get(deps, await actorOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/applications/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Change a draft (and attach the application letter PDF)',
        params: Type.Object({ id: Id }),
        body: Patch,
        response: { 200: View, ...problemResponses, 409: Type.Ref('Problem'), 415: Type.Ref('Problem') },
      },
    },
    async (request) => service.updateDraft(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/api/applications/:id/submit',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Submit: checks completeness (lists what is missing) and starts a case on the office's SOP",
        params: Type.Object({ id: Id }),
        response: { 200: View, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) => service.submit(deps, await actorOf(request, deps), request.params.id),
  );

  app.post(
    '/api/cases/:id/documents/:docId/replace',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['cases'],
        summary:
          "Ganti berkas: the case's institution replaces a queried document with a file it uploaded (the old one is kept)",
        params: Type.Object({ id: Id, docId: Id }),
        body: Type.Object({ fileId: Id }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.String(), replaces: Type.String(), docType: Type.String() }),
          ...problemResponses,
          409: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await files.replaceCaseDocument(
            deps,
            await actorOf(request, deps),
            request.params.id,
            request.params.docId,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/cases/:id/document-history',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['cases'],
        summary: "A case's queried files and their replacements: who, what, when, the clerk's note",
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            queries: Type.Array(
              Type.Object({
                id: Type.String(),
                documentId: Type.String(),
                docType: Type.String(),
                note: Type.String(),
                queriedBy: Type.Union([Type.String(), Type.Null()]),
                queriedAt: Type.String(),
                answeredAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
            versions: Type.Array(
              Type.Object({
                id: Type.String(),
                docType: Type.String(),
                oldDocumentId: Type.String(),
                newDocumentId: Type.String(),
                oldFilename: Type.String(),
                newFilename: Type.String(),
                replacedBy: Type.Union([Type.String(), Type.Null()]),
                replacedAt: Type.String(),
                note: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => files.documentHistory(deps, await actorOf(request, deps), request.params.id),
  );
}
