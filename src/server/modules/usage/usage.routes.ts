/**
 * The usage ledger's API (GET /api/access/usage, JSON or CSV) and its in-process follower: decorated as
 * `app.usageLedger` (tests call `app.usageLedger.catchUp()`), started by the server once listening, stopped on close.
 */
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { UsageLedger } from './ledger.js';
import { UsageQuerySchema, UsageResponseSchema } from './usage.schemas.js';
import { usageCsv, usageReport } from './usage.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The usage ledger's follower (modules/usage/ledger.ts): `start()` by the server, `catchUp()` in tests. */
    usageLedger: UsageLedger;
  }
}

/** The usage routes and the ledger's follower. */
export function usageRoutes(app: App, deps: Deps) {
  const ledger = new UsageLedger(deps.db, deps.now, (message, err) => app.log.error({ err }, message));
  app.decorate('usageLedger', ledger);
  app.addHook('onClose', async () => ledger.stop());

  app.get(
    '/api/access/usage',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['access'],
        summary:
          'Usage figures from the ledger: calls, answered and refused, grouped by day, month, element, channel, result, operator or institution (JSON or CSV)',
        description:
          "The scope is the caller's: pusat all institutions, an office its own and its kabupaten/kota offices' institutions, an institution its own; an institution, PKS or grant outside it is 404. Dates are office-local, both included; default the last 30 days, at most 400. `quota` is given when the scope is one institution.",
        querystring: UsageQuerySchema,
        response: { 200: UsageResponseSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const { format, ...q } = request.query;
      const report = await usageReport(deps, actor, q);
      if (format !== 'csv') return report;
      const csv = usageCsv(report);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .send(csv.body);
    },
  );
}
