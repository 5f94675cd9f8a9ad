import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { Deps } from './deps.js';
import {
  handleClientError,
  handleError,
  handleFrameworkError,
  handleNotFound,
  ProblemSchema,
  uriTooLong,
} from './http/problem.js';
import { installControlCharacterCheck, strictBodyValidators } from './http/validation.js';
import { installRateLimits } from './http/rate-limit.js';
import { installSessions } from './http/session.js';
import { installMetrics, Metrics } from './http/metrics.js';
import { applySecurityHeaders } from './http/security-headers.js';
import { redactingLogger } from './http/log-redaction.js';
import type { App } from './http/types.js';
import { newId } from './lib/ids.js';
import { VERSION } from './version.js';
import { MAX_UPLOAD_BYTES } from '../domain/files.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { sopRoutes } from './modules/sop/sop.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { caseRoutes } from './modules/cases/case.routes.js';
import { accessRoutes } from './modules/access/access.routes.js';
import { billingRoutes } from './modules/billing/billing.routes.js';
import { institutionRoutes } from './modules/institutions/institution.routes.js';
import { applicationRoutes } from './modules/applications/application.routes.js';
import { agreementRoutes } from './modules/agreements/agreement.routes.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { usageRoutes } from './modules/usage/usage.routes.js';
import { balikanRoutes } from './modules/balikan/balikan.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { anomaliesRoutes } from './modules/anomalies/anomalies.routes.js';
import { anomalyDetectorPlugin } from './modules/anomalies/detector.plugin.js';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes.js';
import { residentRoutes } from './modules/resident/resident.routes.js';
import { operationsRoutes } from './modules/operations/operations.routes.js';
import { integrationRoutes } from './modules/integration/integration.routes.js';
import { workRoutes } from './modules/work/work.routes.js';
import { configuredClock } from './lib/clock.js';
import { Scheduler } from './scheduler/scheduler.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Time-driven work (src/server/scheduler); the server starts it, tests run `app.scheduler.runDue(now)`. */
    scheduler: Scheduler;
  }
}

/** find-my-way's default limit on one path parameter (Fastify's `routerOptions.maxParamLength`). */
const ROUTER_MAX_PARAM_LENGTH = 100;

/** What buildApp needs. */
export interface AppOptions {
  config: Config;
  database: Database;
  /** The clock; default: the real one, or GERBANG_NOW's (config.clockStart). */
  now?: () => Date;
  /** Pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the HTTP application (not listening). */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, database } = options;
  const app = Fastify({
    // NIKs and secrets never reach a log line (http/log-redaction.ts), whatever logger options are given.
    logger: redactingLogger(config.logLevel, options.logger),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    // Only the configured proxies' X-Forwarded-For/-Proto are believed (right-most untrusted hop): request.ip,
    // request.protocol, and through them the gateway's allow-list and the audit (gateway/client-ip.ts).
    trustProxy: config.trustProxy.length ? [...config.trustProxy] : false,
    bodyLimit: 1024 * 1024,
    // Strict input (http/validation.ts): bodies are validated without coercion; query strings and path
    // parameters may still be read as numbers and booleans.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    schemaController: { compilersFactory: { buildValidator: strictBodyValidators() } },
    // The router's and the HTTP parser's own refusals answer problem+json too, echoing nothing (problem.ts).
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const deps: Deps = { db: database.db, config, now: options.now ?? configuredClock(config) };
  // Not started here: the server starts it once listening (server.ts); it stops before the database closes.
  const scheduler = new Scheduler(deps, (message, err) => app.log.error({ err }, message));
  app.decorate('scheduler', scheduler);
  app.addHook('onClose', async () => scheduler.stop());

  // The API speaks JSON only (multipart uploads are registered per route); text/plain would reach validation as a string.
  app.removeContentTypeParser('text/plain');
  app.addSchema(ProblemSchema);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the SPA: any GET for a page outside the API answers index.html.
    const wantsPage = request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '');
    // Read per request: a rebuilt web app must not leave a running server pointing at deleted assets.
    const spaIndex = wantsPage && !/^\/(api|dukcapil)(\/|$)/.test(request.url) ? readSpaIndex(config) : undefined;
    if (spaIndex) {
      return reply.type('text/html; charset=utf-8').send(spaIndex);
    }
    return handleNotFound(request, reply);
  });
  // Unknown /api addresses never reach the SPA's static files (whose wildcard would otherwise take a path whose
  // parameter is over the router's length limit): 414 for such a path, 404 for the rest; problem+json either way.
  app.all('/api/*', { config: { auth: 'public', csrf: false }, schema: { hide: true } }, (request, reply) =>
    (request.url.split('?')[0] ?? '').split('/').some((segment) => segment.length > ROUTER_MAX_PARAM_LENGTH)
      ? uriTooLong(request, reply)
      : handleNotFound(request, reply),
  );
  // Callback style, not async: an async hook costs a promise and a microtask hop on every response.
  app.addHook('onSend', (request, reply, _payload, done) => {
    reply.header('x-request-id', String(request.id));
    applySecurityHeaders(request, reply);
    done();
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gerbang API',
        version: VERSION,
        description:
          'Access rights to Indonesian population data: SOP workflows, agreements, data access and oversight. ' +
          'Errors are application/problem+json with a stable `code` and a message in Indonesian and English.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gerbang_sid' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const metrics = new Metrics();
  installMetrics(app, metrics, { metricsToken: config.metricsToken, trustProxy: config.trustProxy });
  installSessions(app, deps);
  // After the session hook: an anonymous caller is refused before anything about the body is said.
  installControlCharacterCheck(app);
  installRateLimits(app, deps);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  systemRoutes(app, { ...deps, databaseKind: database.kind });
  authRoutes(app, deps);
  directoryRoutes(app, deps);
  filesRoutes(app, deps);
  calendarRoutes(app, deps);
  sopRoutes(app, deps);
  caseRoutes(app, deps);
  institutionRoutes(app, deps);
  applicationRoutes(app, deps);
  agreementRoutes(app, deps);
  documentRoutes(app, deps);
  accessRoutes(app, deps);
  usageRoutes(app, deps);
  billingRoutes(app, deps);
  balikanRoutes(app, deps);
  reportsRoutes(app, deps);
  anomalyDetectorPlugin(app, deps);
  anomaliesRoutes(app, deps);
  campaignsRoutes(app, deps);
  residentRoutes(app, deps);
  operationsRoutes(app, deps, metrics);
  integrationRoutes(app, deps);
  workRoutes(app, deps);

  serveWeb(app, config);
  return app;
}

/** The built SPA's index.html, or undefined when the web app is not built. */
function readSpaIndex(config: Config): string | undefined {
  const index = path.join(config.webDir, 'index.html');
  return fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : undefined;
}

/** Serves the built SPA's assets; pages fall back to index.html in the not-found handler. */
function serveWeb(app: App, config: Config) {
  if (!readSpaIndex(config)) return;
  void app.register(fastifyStatic, { root: config.webDir, prefix: '/', wildcard: true, index: ['index.html'] });
}
