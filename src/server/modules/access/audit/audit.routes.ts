/** Audit API: verification of the whole log (office staff); Pengawasan's entries and per-day summary (audit-query.service). */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { errors } from '../../../../domain/errors.js';
import { PROBLEM_KINDS } from '../../../../domain/audit/audit.js';
import { OneOf } from '../../../http/schemas.js';
import type { AccessRuntime } from '../runtime.js';
import { EntriesQuery, EntryView, SummaryQuery, SummaryView } from './audit-query.schemas.js';
import { oversightEntries, oversightSummary } from './audit-query.service.js';
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
                kind: OneOf(PROBLEM_KINDS),
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
      const r = await verifyDatabaseLog(rt.db, rt.keys.pinned, rt.keys.files.witnessFile);
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
          'Audit entries, newest first, filtered over the whole log (pusat: all; an office: the institutions it deals with and its staff; an institution: its own)',
        description:
          "Dates are office-local (the viewer's office time zone). The next page: `beforeSeq` = the `x-next-before-seq` header, absent on the last page.",
        querystring: EntriesQuery,
        response: { 200: Type.Array(EntryView), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const { limit, beforeSeq, ...filters } = request.query;
      const page = await oversightEntries(rt.db, actor, filters, { beforeSeq, limit: limit ?? 100 });
      if (page.next !== null) reply.header('x-next-before-seq', String(page.next));
      return page.rows.map((r) => ({
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

  app.get(
    '/api/access/audit/summary',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['access'],
        summary: "Per-day counts of data calls, refusals and decisions in the viewer's office time zone",
        description:
          'Computed over the whole log with the same filters and visibility as the entries. Without dates: the last 30 days; at most 366.',
        querystring: SummaryQuery,
        response: { 200: SummaryView, ...problemResponses },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      return oversightSummary(rt.db, actor, request.query, deps.now());
    },
  );
}
