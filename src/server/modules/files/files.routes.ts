import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { readSingleFile } from '../../http/upload.js';
import * as service from './files.service.js';
import { inlineFileRoute, sendInline } from './inline.js';

/** The public shape of a stored file. */
export const StoredFile = Type.Object({
  id: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  createdAt: Type.String(),
});

/** Uploading files (PDF, PNG, JPEG up to 10 MB) to attach to cases and documents. */
export function filesRoutes(app: App, deps: Deps) {
  app.post(
    '/api/files',
    {
      config: { auth: 'session', rateLimit: 'upload' },
      schema: {
        tags: ['files'],
        summary: 'Upload a file (multipart field "file"; PDF, PNG or JPEG, at most 10 MB)',
        consumes: ['multipart/form-data'],
        response: { 201: StoredFile, ...problemResponses, 413: Type.Ref('Problem'), 415: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const { bytes, filename } = await readSingleFile(request);
      return reply.status(201).send(await service.upload(deps, actor, bytes, filename));
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { auth: 'session' },
      ...inlineFileRoute,
      schema: {
        tags: ['files'],
        summary: 'Open a file your organisation uploaded, inline (case documents open through their case)',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9A-Za-z]{1,64}$' }) }),
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const row = await service.ownFile(deps.db, actor, request.params.id);
      return sendInline(reply, row, service.readBlob(deps, row));
    },
  );
}
