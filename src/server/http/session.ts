import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionTable } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../../domain/authz.js';
import { DomainError, errors } from '../../domain/errors.js';
import * as auth from '../modules/auth/auth.service.js';
import { loadActor } from '../modules/directory/actor.repository.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'gerbang_sid';

/**
 * Every route declares who may reach it; a route without `config.auth` is refused at start-up (deny by default).
 * - 'public': anyone;
 * - 'session': a logged-in user whose session is complete (or in one of `stages`);
 * - 'credential': machine clients authenticated by the route itself (web service).
 */
export interface RouteAuth {
  auth: 'public' | 'session' | 'credential';
  /** Session stages besides 'full' that may use this route (e.g. changing a forced password). */
  stages?: SessionTable['stage'][];
  /** Skip the CSRF header check (only for login, which creates the session). */
  csrf?: false;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionTable | null;
    actorCache: Actor | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth['auth'];
    stages?: RouteAuth['stages'];
    csrf?: RouteAuth['csrf'];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets the session cookie with the hardened attributes. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  deps: Pick<Deps, 'config'>,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure || request.protocol === 'https',
    maxAge: deps.config.sessionIdleMinutes * 60,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session of this request, or 401. */
export function sessionOf(request: FastifyRequest): SessionTable {
  if (!request.session) throw errors.unauthenticated();
  return request.session;
}

/** The fully signed-in actor of this request, or 401/403. Loaded once per request. */
export async function actorOf(request: FastifyRequest, deps: Pick<Deps, 'db'>): Promise<Actor> {
  if (request.actorCache) return request.actorCache;
  const session = sessionOf(request);
  const actor = await loadActor(deps.db, session.user_id);
  if (!actor) throw errors.unauthenticated();
  request.actorCache = { ...actor, clientIp: request.ip };
  return request.actorCache;
}

/** Installs the session hooks: cookie → session, route auth levels, CSRF on state-changing calls. */
export function installSessions(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('session', null);
  app.decorateRequest('actorCache', null);

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') && !url.startsWith('/dukcapil/')) return;
    if (url.startsWith('/api/docs')) return;
    const auth = route.config?.auth;
    if (!auth) throw new Error(`route ${String(route.method)} ${url} declares no config.auth`);
  });

  // Callback style: routes that authenticate themselves ('credential', the web-service hot path) and routes
  // outside the API pass without a promise or a microtask hop; the others run the async check below.
  // preValidation, not preHandler: the caller is authenticated before the body is validated, so an anonymous
  // caller learns nothing of a route's fields (the body is parsed and the cookies read by then).
  app.addHook('preValidation', (request, _reply, done) => {
    const level = request.routeOptions.config?.auth;
    if (!level || level === 'credential') return done();
    checkSession(request).then(() => done(), done);
  });

  async function checkSession(request: FastifyRequest) {
    const config = request.routeOptions.config;
    const level = config.auth;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = (await auth.resume(deps, token)) ?? null;
    if (level === 'public') {
      if (request.session && !SAFE.has(request.method) && config.csrf !== false) checkCsrf(request);
      return;
    }
    const session = request.session;
    if (!session) throw errors.unauthenticated();
    if (session.stage !== 'full' && !(config.stages ?? []).includes(session.stage)) {
      throw new DomainError(
        'forbidden',
        'session_incomplete',
        {
          id: 'Selesaikan proses masuk terlebih dahulu.',
          en: 'Finish logging in first.',
        },
        [],
        { stage: session.stage },
      );
    }
    if (!SAFE.has(request.method) && config.csrf !== false) checkCsrf(request);
  }
}

function checkCsrf(request: FastifyRequest) {
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || header !== request.session?.csrf_token) {
    throw new DomainError('forbidden', 'csrf_failed', {
      id: 'Token keamanan (CSRF) tidak ada atau salah. Muat ulang halaman.',
      en: 'The security (CSRF) token is missing or wrong. Reload the page.',
    });
  }
}
