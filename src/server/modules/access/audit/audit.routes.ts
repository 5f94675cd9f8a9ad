/** Audit API: verification of the whole log and recent entries (office staff; institutions see their own). */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { errors } from '../../../../domain/errors.js';
import type { AccessRuntime } from '../runtime.js';
import { recentEntries } from './audit.repository.js';
import { verifyDatabaseLog } from './audit.verify.js';

/** The audit routes. */
export function auditRoutes(app: App, deps: Deps, rt: AccessRuntime) {
  app.get(
    '/api/access/audit/verify',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['access'],
        summary: 'Verify the whole audit log (office staff)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            batches: Type.Integer(),
            sealedEntries: Type.Integer(),
            unsealed: Type.Integer(),
            problems: Type.Array(
              Type.Object({
                kind: Type.String(),
                seq: Type.Optional(Type.Integer()),
                batchSeq: Type.Optional(Type.Integer()),
                message: Type.Object({ id: Type.String(), en: Type.String() }),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      if (actor.orgKind !== 'office') throw errors.forbidden();
      await rt.audit.drain();
      const r = await verifyDatabaseLog(rt.db);
      return {
        ok: r.ok,
        batches: r.batches,
        sealedEntries: r.sealedEntries,
        unsealed: r.unsealed,
        problems: r.problems,
      };
    },
  );

  app.get(
    '/api/access/audit/entries',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['access'],
        summary: 'Recent audit entries (office staff: all; institution members: their own)',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              seq: Type.Integer(),
              id: Type.String(),
              time: Type.String(),
              action: Type.String(),
              actorKind: Type.String(),
              actorId: Type.String(),
              institutionId: Type.Union([Type.String(), Type.Null()]),
              pksId: Type.Union([Type.String(), Type.Null()]),
              elements: Type.Array(Type.String()),
              resultCode: Type.String(),
              clientIp: Type.Union([Type.String(), Type.Null()]),
              nikHash: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      const rows = await recentEntries(rt.db, {
        institutionId: actor.orgKind === 'institution' ? actor.orgId : undefined,
        limit: request.query.limit ?? 100,
      });
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: r.id,
        time: r.time,
        action: r.action,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        institutionId: r.institution_id,
        pksId: r.pks_id,
        elements: JSON.parse(r.elements) as string[],
        resultCode: r.result_code,
        clientIp: r.client_ip,
        nikHash: r.nik_hash,
      }));
    },
  );
}
