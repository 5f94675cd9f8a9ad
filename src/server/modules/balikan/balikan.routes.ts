/** Data balikan in the web: the catalogue, deliveries (upload, list, one, its bad-row report) and the duties. */
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { readSingleFile } from '../../http/upload.js';
import * as service from './balikan.service.js';
import {
  DeliveryParams,
  DeliveryView,
  DutyView,
  KindView,
  UPLOAD_DESCRIPTION,
  WebDeliveryQuery,
} from './balikan.schemas.js';

const tags = ['data-balikan'];
const config = { auth: 'session' as const };

/** The session routes of data balikan (the v1 route is in balikan.v1.routes.ts). */
export function balikanRoutes(app: App, deps: Deps) {
  app.get(
    '/api/data-balikan/kinds',
    {
      config,
      schema: {
        tags,
        summary: 'The kinds of data balikan a PKS can name, with the columns of their CSV',
        response: { 200: Type.Array(KindView), ...problemResponses },
      },
    },
    async () => service.kinds(),
  );

  app.get(
    '/api/data-balikan/duties',
    {
      config,
      schema: {
        tags,
        summary:
          'Data balikan duties of the PKS in force and each owed period: delivered, due, or missing past its due date ' +
          '(the institution its own, an office its institutions, pusat all)',
        response: { 200: Type.Array(DutyView), ...problemResponses },
      },
    },
    async (request) => service.duties(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/data-balikan/deliveries',
    {
      config,
      schema: {
        tags,
        summary:
          'Deliveries the user may see, newest first (the institution its own, an office its institutions, pusat all)',
        response: { 200: Type.Array(DeliveryView), ...problemResponses },
      },
    },
    async (request) => service.listDeliveries(deps, await actorOf(request, deps)),
  );

  app.post(
    '/api/data-balikan/deliveries',
    {
      config: { auth: 'session', rateLimit: 'upload' },
      schema: {
        tags,
        summary: "Deliver data balikan for a period (the institution's pimpinan or admin)",
        description: UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        querystring: WebDeliveryQuery,
        response: {
          201: DeliveryView,
          ...problemResponses,
          409: Type.Ref('Problem'),
          413: Type.Ref('Problem'),
          415: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      // Who may deliver is decided before the file is read.
      service.assertMayDeliver(actor);
      const { bytes, filename } = await readSingleFile(request);
      const q = request.query;
      const out = await service.submit(
        deps,
        { channel: 'web', actor },
        {
          kind: q.kind ?? '',
          period: q.period ?? '',
          ...(q.agreementId ? { agreementId: q.agreementId } : {}),
          bytes,
          filename,
        },
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/data-balikan/deliveries/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One delivery with its first bad rows and their reasons',
        params: DeliveryParams,
        response: { 200: DeliveryView, ...problemResponses },
      },
    },
    async (request) => service.getDelivery(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/data-balikan/deliveries/:id/bad-rows',
    {
      config,
      schema: {
        tags,
        summary: 'The bad-row report of a delivery as CSV (line, masked NIK, column, reason)',
        params: DeliveryParams,
        produces: ['text/csv'],
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await service.badRowsCsv(deps, await actorOf(request, deps), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
