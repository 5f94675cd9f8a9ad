import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import * as service from './agreement.service.js';
import { requestChange } from './agreement-change.service.js';
import { Bilingual, ElementCodeSchema, Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { DutiesSchema } from '../balikan/balikan.schemas.js';
import { FieldChangeSchema, SignatureSchema } from '../documents/document.schemas.js';
import { MethodSchema as Method, PksContentSchema } from './agreement.schemas.js';
import { PKS_STATUSES, PKS_VERSION_KINDS, PKS_VERSION_STATES } from '../../../domain/agreement/pks.js';
import { INSTITUTION_TYPES } from '../../../domain/institution.js';
import { REGISTER_STATUSES } from './agreement.repository.js';

const tags = ['agreements'];
const PksStatus = OneOf(PKS_STATUSES);
const Status = Type.Object({ id: Type.String(), status: PksStatus });
const Conflict = { 409: Type.Ref('Problem') };

const AgreementView = Type.Object({
  id: Type.String(),
  number: Type.String({ description: "the office's number of the PKS, the same string its PDF and /verify show" }),
  institutionNumber: Type.String({ description: "the institution's own number for the agreement; '' until entered" }),
  signedOn: Nullable(Type.String({ description: 'office-local date (YYYY-MM-DD) of the signing that completed it' })),
  mySigner: Nullable(
    Type.Object(
      { name: Type.String(), nip: Type.String(), position: Type.String() },
      { description: "the signed-in user's own details printed under their signature, when they are a party" },
    ),
  ),
  mayEnterInstitutionNumber: Type.Boolean(),
  status: PksStatus,
  statusReason: Nullable(Type.String()),
  institution: Type.Object({ id: Type.String(), name: Type.String() }),
  officeId: Type.String(),
  applicationId: Nullable(Type.String()),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  juknisApproved: Type.Boolean(),
  caseId: Nullable(Type.String({ description: 'the case the PKS lifecycle runs in' })),
  myActions: Type.Array(
    Type.Union(
      ['submit', 'approve', 'sign', 'activate', 'approve-juknis', 'terminate', 'revise'].map((a) => Type.Literal(a)),
    ),
    { description: 'what the signed-in user may do with this PKS now (their open case tasks, their office settings)' },
  ),
  notices: Type.Array(Type.String()),
  documentId: Nullable(Type.String()),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      kind: OneOf(PKS_VERSION_KINDS),
      state: OneOf(PKS_VERSION_STATES, {
        description: 'in_force, pending (an addendum/renewal in process) or rejected',
      }),
      contentHash: Type.String(),
      createdAt: Type.String(),
      content: PksContentSchema,
      changes: Type.Array(FieldChangeSchema),
    }),
  ),
  signatures: Type.Array(SignatureSchema),
  protectedElements: Type.Array(Type.String()),
});

/** Cooperation agreements (PKS): view, revise, the lifecycle, and the public register. */
export function agreementRoutes(app: App, deps: Deps) {
  app.get(
    '/api/register',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Public register of agreements in force or scheduled to start (status `scheduled`): institution, purpose, elements, methods, validity',
        response: {
          200: Type.Array(
            Type.Object({
              number: Type.String(),
              institution: Type.String(),
              institutionType: OneOf(INSTITUTION_TYPES),
              office: Type.String(),
              purpose: Type.String(),
              elements: Type.Array(Type.Object({ code: Type.String(), name: Bilingual })),
              methods: Type.Array(Method),
              validFrom: Nullable(Type.String()),
              validTo: Nullable(Type.String()),
              status: OneOf(REGISTER_STATUSES),
            }),
          ),
        },
      },
    },
    async () => service.register(deps),
  );

  app.get(
    '/api/agreements',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Agreements the user may see',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              number: Type.String(),
              status: PksStatus,
              startDate: Nullable(Type.String()),
              endDate: Nullable(Type.String()),
              institutionName: Type.String(),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => service.list(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/agreements/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'One agreement with versions, changes and signatures',
        params: Type.Object({ id: Id }),
        response: { 200: AgreementView, ...problemResponses },
      },
    },
    async (request) => service.get(deps, await actorOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/agreements/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Revise a draft PKS: a new version with its own hash and document version',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            purpose: Type.Optional(Type.String({ minLength: 10, maxLength: 2000 })),
            elements: Type.Optional(Type.Array(ElementCodeSchema, { minItems: 1, maxItems: 31 })),
            methods: Type.Optional(Type.Array(Method, { minItems: 1, maxItems: 3 })),
            dataBalikan: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            dataBalikanDuties: Type.Optional(DutiesSchema),
            legalBasis: Type.Optional(Type.String({ maxLength: 2000 })),
            startDate: Type.Optional(Type.String({ format: 'date' })),
            months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: Type.Object({ version: Type.Integer(), contentHash: Type.String() }),
          ...problemResponses,
          ...Conflict,
        },
      },
    },
    async (request) => service.revise(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  const Change = Type.Object({ versionId: Type.String(), caseId: Type.String(), caseNumber: Type.String() });
  app.post(
    '/api/agreements/:id/addendum',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Request an addendum (elements, methods or data balikan duties); it runs as a short case and takes effect when that case ends well',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            // Becomes the change case's title: one line.
            reason: Line({ minLength: 5, maxLength: 500 }),
            elements: Type.Optional(Type.Array(ElementCodeSchema, { minItems: 1, maxItems: 31 })),
            methods: Type.Optional(Type.Array(Method, { minItems: 1, maxItems: 3 })),
            dataBalikanDuties: Type.Optional(DutiesSchema),
            legalBasis: Type.Optional(
              Type.String({ maxLength: 2000, description: 'required when the addendum adds protected elements' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Change, ...problemResponses, ...Conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestChange(deps, await actorOf(request, deps), request.params.id, {
          kind: 'addendum',
          ...request.body,
        }),
      ),
  );
  app.post(
    '/api/agreements/:id/renewal',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Request a renewal for a further period; it runs as a short case',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            // Becomes the change case's title: one line.
            reason: Line({ minLength: 5, maxLength: 500 }),
            months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Change, ...problemResponses, ...Conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestChange(deps, await actorOf(request, deps), request.params.id, {
          kind: 'renewal',
          ...request.body,
        }),
      ),
  );

  const action = (
    path: string,
    name: Parameters<typeof service.transition>[3],
    summary: string,
    body = Type.Object({}, { additionalProperties: false }),
  ) =>
    app.post(
      `/api/agreements/:id/${path}`,
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary,
          params: Type.Object({ id: Id }),
          body,
          response: { 200: Status, ...problemResponses, ...Conflict },
        },
      },
      async (request) =>
        service.transition(
          deps,
          await actorOf(request, deps),
          request.params.id,
          name,
          request.body as { reason?: string; scanFileId?: string; startDate?: string },
        ),
    );
  app.put(
    '/api/agreements/:id/institution-number',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          "The institution's own number for the PKS (its pimpinan or admin, until both parties signed), printed on the signed copy under the office's number",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { institutionNumber: Line({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ institutionNumber: Type.String() }),
          ...problemResponses,
          ...Conflict,
        },
      },
    },
    async (request) =>
      service.setInstitutionNumber(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.body.institutionNumber.trim(),
      ),
  );

  action('submit', 'submit', 'Send the draft for review (office)');
  action('approve', 'approve', 'Approve the PKS (Director General)');
  action(
    'sign',
    'sign',
    "Sign the current version's hash: the office's kadis or the institution's pimpinan; both → signed",
    Type.Object({ scanFileId: Type.Optional(Id) }, { additionalProperties: false }),
  );
  action(
    'activate',
    'activate',
    'Put a signed PKS in force (office)',
    Type.Object({ startDate: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
  );
  action('approve-juknis', 'approve_juknis', 'Approve the technical guidelines (office); provisioning needs them');
  action(
    'terminate',
    'terminate',
    'Terminate with a reason (office kadis/admin or Director General)',
    Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false }),
  );
}
