/**
 * The anomaly detector's place in the app: decorated as `app.anomalyDetector` (tests call `catchUp()` or feed
 * events with `observe()`), started by the server once listening (server.ts), stopped on close. The decision
 * entries a finding writes are sealed into the signed log right after its commit.
 */
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { AnomalyDetector } from './detector.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The anomaly detector's follower (modules/anomalies/detector.ts). */
    anomalyDetector: AnomalyDetector;
  }
}

/** Decorates the app with the detector (registered after the access routes, whose audit writer seals). */
export function anomalyDetectorPlugin(app: App, deps: Deps) {
  const detector = new AnomalyDetector(deps.db, deps.now, {
    log: (message, err) => app.log.error({ err }, message),
    afterRaise: async () => {
      if (app.hasDecorator('auditLog')) await app.auditLog.collectPending();
    },
  });
  app.decorate('anomalyDetector', detector);
  app.addHook('onClose', async () => detector.stop());
}
