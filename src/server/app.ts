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
import { handleError, handleNotFound, ProblemSchema } from './http/problem.js';
import { installSessions } from './http/session.js';
import { installMetrics, Metrics } from './http/metrics.js';
import { SECURITY_HEADERS } from './http/security-headers.js';
import type { App } from './http/types.js';
import { newId } from './lib/ids.js';
import { VERSION } from './version.js';
import { MAX_UPLOAD_BYTES } from '../domain/files.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { sopRoutes } from './modules/sop/sop.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { caseRoutes } from './modules/cases/case.routes.js';
import { accessRoutes } from './modules/access/access.routes.js';
import { institutionRoutes } from './modules/institutions/institution.routes.js';
import { applicationRoutes } from './modules/applications/application.routes.js';
import { agreementRoutes } from './modules/agreements/agreement.routes.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { configuredClock } from './lib/clock.js';
import { Scheduler } from './scheduler/scheduler.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Time-driven work (src/server/scheduler); the server starts it, tests run `app.scheduler.runDue(now)`. */
    scheduler: Scheduler;
  }
}

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
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
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
  // Callback style, not async: an async hook costs a promise and a microtask hop on every response.
  app.addHook('onSend', (request, reply, _payload, done) => {
    reply.header('x-request-id', String(request.id));
    reply.header('x-content-type-options', SECURITY_HEADERS['x-content-type-options']);
    reply.header('referrer-policy', SECURITY_HEADERS['referrer-policy']);
    reply.header('x-frame-options', SECURITY_HEADERS['x-frame-options']);
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
  installMetrics(app, metrics);
  installSessions(app, deps);

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
