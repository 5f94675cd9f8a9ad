import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { readSingleFile } from '../../http/upload.js';
import * as service from './document.service.js';
import { Id, OneOf } from '../../http/schemas.js';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, FILE_CHECK_STATUSES, FILE_MATCHES } from '../../../domain/documents.js';
import { FieldChangeSchema, SignatureSchema } from './document.schemas.js';

const tags = ['documents'];

const PublicView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  number: Type.String(),
  issuer: Type.String(),
  issuedAt: Type.String(),
  status: OneOf(DOCUMENT_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  sha256: Type.String(),
  version: Type.Integer(),
  versions: Type.Array(Type.Object({ version: Type.Integer(), sha256: Type.String(), createdAt: Type.String() })),
  signatures: Type.Array(
    Type.Object({ signer: Type.String(), role: Type.String(), signedAt: Type.String(), overSha256: Type.String() }),
  ),
});

/** Produced documents: versions, comments, files; and the public verification of a document's QR code. */
export function documentRoutes(app: App, deps: Deps) {
  app.get(
    '/api/documents/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'A document with its versions, field-level changes, comments and signatures',
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            id: Type.String(),
            kind: OneOf(DOCUMENT_KINDS),
            number: Type.String(),
            title: Type.String(),
            status: OneOf(DOCUMENT_STATUSES),
            statusReason: Type.Union([Type.String(), Type.Null()]),
            caseId: Type.Union([Type.String(), Type.Null()]),
            agreementId: Type.Union([Type.String(), Type.Null()]),
            createdAt: Type.String(),
            versions: Type.Array(
              Type.Object({
                id: Type.String(),
                version: Type.Integer(),
                sha256: Type.String(),
                createdAt: Type.String(),
                changes: Type.Array(FieldChangeSchema),
                comments: Type.Array(Type.Object({ author: Type.String(), body: Type.String(), at: Type.String() })),
              }),
            ),
            signatures: Type.Array(SignatureSchema),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => service.getDocument(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/documents/:id/versions/:version/file',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "A version's PDF",
        params: Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      const { file, bytes } = await service.versionFile(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.version,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${file.filename}"`)
        .send(bytes);
    },
  );

  app.post(
    '/api/documents/:id/versions/:version/comments',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Comment on a version',
        params: Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await service.comment(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.version,
        request.body.body,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/verify/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['verify'],
        summary: 'Public verification of a document (the QR code target): issuer, number, date, hash, status',
        params: Type.Object({ id: Id }),
        response: { 200: PublicView, 404: Type.Ref('Problem'), 400: Type.Ref('Problem') },
      },
    },
    async (request) => service.publicView(deps, request.params.id),
  );

  app.post(
    '/api/verify/:id',
    {
      config: { auth: 'public', csrf: false, rateLimit: 'upload' },
      schema: {
        tags: ['verify'],
        summary: 'Check a file you hold against the document (multipart field "file")',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            sha256: Type.String(),
            match: OneOf(FILE_MATCHES),
            status: OneOf(FILE_CHECK_STATUSES),
            version: Type.Union([Type.Integer(), Type.Null()]),
          }),
          400: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
          413: Type.Ref('Problem'),
        },
      },
    },
    async (request) => service.checkFile(deps, request.params.id, (await readSingleFile(request)).bytes),
  );
}
