import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import * as service from './institution.service.js';
import { readBlob } from '../files/files.service.js';
import { inlineFileRoute, sendInline } from '../files/inline.js';
import { Id, Line, OneOf } from '../../http/schemas.js';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES } from '../../../domain/institution.js';

const tags = ['institutions'];
const Standing = Type.Object({ id: Type.String(), status: OneOf(INSTITUTION_STATUSES) });

/** Self-registration, verification by the office, and a badan hukum's legal documents. */
export function institutionRoutes(app: App, deps: Deps) {
  app.post(
    '/api/institutions/register',
    {
      config: { auth: 'public', csrf: false, rateLimit: 'registration' },
      schema: {
        tags,
        summary: 'An institution registers itself with its first admin; its office verifies it before it can apply',
        body: Type.Object(
          {
            name: Line({ minLength: 3, maxLength: 200 }),
            type: OneOf(INSTITUTION_TYPES),
            profitOriented: Type.Boolean(),
            officeId: Id,
            address: Type.String({ minLength: 5, maxLength: 300 }),
            contact: Type.Object(
              {
                name: Line({ minLength: 2, maxLength: 120 }),
                position: Type.String({ maxLength: 120 }),
                email: Type.String({ format: 'email', maxLength: 200 }),
                phone: Type.String({ maxLength: 40 }),
              },
              { additionalProperties: false },
            ),
            admin: Type.Object(
              {
                username: Type.String({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]{2,59}$' }),
                displayName: Line({ minLength: 2, maxLength: 120 }),
                password: Type.String({ minLength: 1, maxLength: 500 }),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Standing,
          ...problemResponses,
          409: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await service.register(deps, request.body)),
  );

  app.post(
    '/api/institutions/:id/verify',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The institution's office verifies (or refuses) a registered institution",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Standing, ...problemResponses },
      },
    },
    async (request) => service.verify(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/institutions/:id/documents',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "A badan hukum's legal documents: required, missing, uploaded",
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            required: Type.Array(
              Type.Object({ code: Type.String(), name: Type.Object({ id: Type.String(), en: Type.String() }) }),
            ),
            missing: Type.Array(Type.String()),
            documents: Type.Array(
              Type.Object({
                id: Type.String(),
                docType: Type.String(),
                filename: Type.String(),
                sha256: Type.String(),
                uploadedAt: Type.String(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => service.listDocuments(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/institution-verifications',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Who decided the verification of these institutions, and when (the latest decision of each)',
        querystring: Type.Object(
          { ids: Type.String({ pattern: '^[0-9A-Za-z]{1,64}(,[0-9A-Za-z]{1,64}){0,199}$' }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              institutionId: Type.String(),
              approved: Type.Boolean(),
              note: Type.Union([Type.String(), Type.Null()]),
              decidedBy: Type.Object({
                name: Type.String(),
                roles: Type.Array(Type.Object({ id: Type.String(), en: Type.String() })),
              }),
              decidedAt: Type.String(),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => service.latestVerifications(deps, await actorOf(request, deps), request.query.ids.split(',')),
  );

  app.get(
    '/api/institutions/:id/documents/:docId/file',
    {
      config: { auth: 'session' },
      ...inlineFileRoute,
      schema: {
        tags,
        summary: "Open one of a badan hukum's legal documents inline (the institution itself and its office)",
        params: Type.Object({ id: Id, docId: Id }),
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const file = await service.documentFile(deps, actor, request.params.id, request.params.docId);
      return sendInline(reply, file, readBlob(deps, file));
    },
  );

  app.post(
    '/api/institutions/:id/documents',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Add a legal document (a PDF uploaded to /api/files)',
        params: Type.Object({ id: Id }),
        body: Type.Object({ docType: Type.String({ maxLength: 40 }), fileId: Id }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }), ...problemResponses, 415: Type.Ref('Problem') },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addDocument(deps, await actorOf(request, deps), request.params.id, request.body)),
  );
}
