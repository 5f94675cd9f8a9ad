/**
 * The operations dashboard: GET /api/operations, and its series on /metrics. The process's figures
 * (operations.stats.ts) are fed by the audit writer after each commit (app.auditLog.onCommit).
 */
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import type { Metrics } from '../../http/metrics.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { OperationsStats } from './operations.stats.js';
import { installOperationsMetrics } from './operations.metrics.js';
import { OperationsQuerySchema, OperationsResponseSchema } from './operations.schemas.js';
import { operationsDashboard } from './operations.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's operations figures (modules/operations/operations.stats.ts). */
    operationsStats: OperationsStats;
  }
}

/** The operations routes; call after accessRoutes (the audit writer) and with the app's request metrics. */
export function operationsRoutes(app: App, deps: Deps, metrics: Metrics) {
  const stats = new OperationsStats(deps.now);
  app.decorate('operationsStats', stats);
  const stop = app.auditLog.onCommit((batch) => stats.record(batch));
  app.addHook('onClose', async () => stop());
  installOperationsMetrics(deps.db, stats, metrics);

  app.get(
    '/api/operations',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['operations'],
        summary:
          'The operations dashboard: calls per second, refusals by code, latency, audit seal lag and batch size, scheduler runs, anomalies open, top callers today',
        description:
          "Pusat sees every institution, an office its own and its kabupaten/kota offices' institutions; an institution user is answered 404. Calls per second, refusals, latency and the audit figures are this process's (since it started, the last 15 minutes); scheduler runs, anomalies and top callers (the usage ledger, today) are every process's.",
        querystring: OperationsQuerySchema,
        response: { 200: OperationsResponseSchema, ...problemResponses },
      },
    },
    async (request) => operationsDashboard(deps, { stats, metrics }, await actorOf(request, deps)),
  );
}
