import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { AccessRuntime } from './runtime.js';
import { settleAccessChanges } from './runtime/access-changes.js';
import { provisioningRoutes } from './provisioning/provisioning.routes.js';
import { dukcapilRoutes } from './gateway/dukcapil.routes.js';
import { v1Routes } from './gateway/v1.routes.js';
import { balikanV1Routes } from '../balikan/balikan.v1.routes.js';
import { readerRoutes } from './reader/reader.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { auditHeadRoutes } from './audit/heads.routes.js';
import { portalRoutes } from './portal/portal.routes.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's audit writer: its commit listeners count committed calls (modules/operations). */
    auditLog: AccessRuntime['audit'];
  }
}

/** Data access: provisioning, the web service (compatible and v1), the card-reader channel, audit. */
export function accessRoutes(app: App, deps: Deps) {
  const rt = new AccessRuntime(deps, { warn: (message) => app.log.warn(message) });
  app.decorate('auditLog', rt.audit);
  app.addHook('onReady', async () => rt.init());
  app.addHook('onClose', async () => rt.close());
  // The scheduler's decisions (PKS in force, expiry, notices) are sealed as soon as its tick commits them.
  app.scheduler.afterRun(() => rt.audit.collectPending());
  // Decisions are committed with their audit entries (audit/decisions.ts); a state-changing request answers only
  // once those entries are sealed into the signed log. Machine channels record through the group commit directly.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (SAFE.has(request.method) || request.routeOptions.config.auth === 'credential') return done(null, payload);
    // The handler's transaction has committed: an access change it announced leaves this process's caches now,
    // before the answer (runtime/access-changes.ts; other processes hear it from PostgreSQL).
    settleAccessChanges();
    rt.audit.collectPending().then(
      () => done(null, payload),
      (e: unknown) => {
        request.log.error({ err: e }, 'sealing decision entries failed; they stay in audit_pending');
        done(null, payload);
      },
    );
  });
  provisioningRoutes(app, deps, rt);
  dukcapilRoutes(app, rt);
  v1Routes(app, rt);
  balikanV1Routes(app, rt);
  readerRoutes(app, rt);
  auditRoutes(app, deps, rt);
  auditHeadRoutes(app, rt);
  portalRoutes(app, deps, rt);
}
