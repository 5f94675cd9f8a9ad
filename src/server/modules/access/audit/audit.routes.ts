/** Audit API: verification of the whole log and recent entries (office staff; institutions see their own). */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { errors } from '../../../../domain/errors.js';
import type { AccessRuntime } from '../runtime.js';
import { institutionIdsOfOffices, recentEntries } from './audit.repository.js';
import { officeDescendants } from '../../directory/directory.repository.js';
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
        summary:
          'Audit entries, newest first (pusat: all; an office: the institutions it deals with; an institution: its own)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            beforeSeq: Type.Optional(
              Type.Integer({ minimum: 1, description: 'page back: entries older than this seq' }),
            ),
            institutionId: Type.Optional(Type.String({ maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })),
            action: Type.Optional(Type.String({ maxLength: 60 })),
            resultCode: Type.Optional(Type.String({ maxLength: 10 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
          },
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
              actorName: Type.Union([Type.String(), Type.Null()], { description: 'the person, for a user' }),
              institutionId: Type.Union([Type.String(), Type.Null()]),
              pksId: Type.Union([Type.String(), Type.Null()]),
              pksVersionHash: Type.Union([Type.String(), Type.Null()]),
              elements: Type.Array(Type.String()),
              resultCode: Type.String(),
              clientIp: Type.Union([Type.String(), Type.Null()]),
              nikHash: Type.Union([Type.String(), Type.Null()]),
              detail: Type.Record(
                Type.String(),
                Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
              ),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      const q = request.query;
      let institutionIds: string[] | undefined;
      let staffOfOffices: string[] | undefined;
      if (actor.orgKind === 'office' && !actor.atPusat) {
        const offices = await officeDescendants(rt.db, actor.orgId);
        institutionIds = await institutionIdsOfOffices(rt.db, offices);
        staffOfOffices = offices;
      }
      // An institution sees only its own entries, whatever it asks for.
      const rows = await recentEntries(rt.db, {
        institutionId: actor.orgKind === 'institution' ? actor.orgId : q.institutionId,
        institutionIds,
        staffOfOffices,
        beforeSeq: q.beforeSeq,
        action: q.action,
        resultCode: q.resultCode,
        from: q.from,
        to: q.to,
        limit: q.limit ?? 100,
      });
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: r.id,
        time: r.time,
        action: r.action,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        institutionId: r.institution_id,
        pksId: r.pks_id,
        pksVersionHash: r.pks_version_hash,
        elements: JSON.parse(r.elements) as string[],
        resultCode: r.result_code,
        clientIp: r.client_ip,
        nikHash: r.nik_hash,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, string | number | boolean | null>) : {},
      }));
    },
  );
}
