import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { AccessRuntime } from './runtime.js';
import { provisioningRoutes } from './provisioning/provisioning.routes.js';
import { dukcapilRoutes } from './gateway/dukcapil.routes.js';
import { v1Routes } from './gateway/v1.routes.js';
import { readerRoutes } from './reader/reader.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { portalRoutes } from './portal/portal.routes.js';

/** Data access: provisioning, the web service (compatible and v1), the card-reader channel, audit. */
export function accessRoutes(app: App, deps: Deps) {
  const rt = new AccessRuntime(deps, { warn: (message) => app.log.warn(message) });
  app.addHook('onReady', async () => rt.init());
  app.addHook('onClose', async () => rt.close());
  provisioningRoutes(app, deps, rt);
  dukcapilRoutes(app, rt);
  v1Routes(app, rt);
  readerRoutes(app, rt);
  auditRoutes(app, deps, rt);
  portalRoutes(app, deps, rt);
}
