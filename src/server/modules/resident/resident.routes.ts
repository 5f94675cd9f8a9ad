/**
 * The resident's view (issue 13), public: identification (rate-limited per client address and per NIK), then,
 * with the resident session cookie (`gerbang_warga`, HttpOnly, SameSite=Strict, 15 minutes, scoped to one NIK
 * hash), the accesses to their data, inclusion proofs and reports. Also decorates the app with the index's
 * follower (`app.residentIndex`: `start()` by the server, `catchUp()` in tests), stopped on close.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { nikHasher } from '../../../domain/nik/hash.js';
import { RESIDENT_SESSION_MINUTES } from '../../../domain/resident/resident.js';
import { MemoryThrottle } from '../../lib/throttle.js';
import { loadAccessKeys } from '../access/audit/keys.js';
import { warehouseIdentifier } from './identifier.js';
import { ResidentIndex } from './resident-index.js';
import * as service from './resident.service.js';
import {
  AccessListView,
  EntryParams,
  IdentifyBody,
  IdentifyReply,
  ProofQuery,
  ProofView,
  ProofsView,
  ReportBody,
  ReportReply,
} from './resident.schemas.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The resident index's follower (modules/resident/resident-index.ts). */
    residentIndex: ResidentIndex;
  }
}

/** The resident session cookie. */
export const RESIDENT_COOKIE = 'gerbang_warga';
const COOKIE_PATH = '/api/resident';

const tags = ['resident'];
const throttled = { 409: Type.Ref('Problem'), 429: Type.Ref('Problem') };
// Public: no staff session is needed or used; the resident session is this module's own cookie. State-changing
// calls skip the staff CSRF header: the cookie is SameSite=Strict and bodies are JSON only.
const open = { auth: 'public' as const, csrf: false as const };

/** Reports per resident: 5, then a wait of 1 minute doubling to 1 hour. */
const REPORT_THROTTLE = { free: 5, baseMs: 60_000, maxMs: 3_600_000, forgetMs: 24 * 3_600_000 };

/** The resident routes and the index's follower. */
export function residentRoutes(app: App, deps: Deps) {
  const index = new ResidentIndex(deps.db, deps.now, (message, err) => app.log.error({ err }, message));
  app.decorate('residentIndex', index);
  app.addHook('onClose', async () => index.stop());

  const ctx: service.ResidentContext = {
    db: deps.db,
    now: deps.now,
    hashNik: nikHasher(loadAccessKeys(deps.config).nikKey),
    nikThrottle: new MemoryThrottle(service.NIK_THROTTLE),
  };
  const reports = new MemoryThrottle(REPORT_THROTTLE);
  const identifier = warehouseIdentifier(deps.db);
  const tokenOf = (request: FastifyRequest) => request.cookies[RESIDENT_COOKIE];
  const residentOf = (request: FastifyRequest) => service.residentOf(deps, tokenOf(request));
  const setCookie = (reply: FastifyReply, request: FastifyRequest, token: string) =>
    reply.setCookie(RESIDENT_COOKIE, token, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.cookieSecure || request.protocol === 'https',
      maxAge: RESIDENT_SESSION_MINUTES * 60,
    });

  app.post(
    '/api/resident/identify',
    {
      config: { ...open, rateLimit: 'resident' },
      schema: {
        tags,
        summary:
          'A resident identifies themselves (demo: NIK, No KK, date of birth, mother’s name); sets the resident session',
        description:
          'Any mismatch is 401 `resident_not_matched` with one message, whichever field was wrong. Failures are throttled per client address (429 `rate_limited`) and per NIK (429 `resident_throttled`), with Retry-After. Every attempt is a decision on the signed record with the keyed NIK hash. The session (cookie `gerbang_warga`) lasts 15 minutes and reads only that NIK’s accesses.',
        body: IdentifyBody,
        response: { 200: IdentifyReply, ...problemResponses, ...throttled },
      },
    },
    async (request, reply) => {
      const s = await service.identify(ctx, identifier, request.body, request.ip, request.body.nik);
      setCookie(reply, request, s.token);
      return { expiresAt: s.expiresAt };
    },
  );

  app.post(
    '/api/resident/logout',
    {
      config: open,
      schema: { tags, summary: 'Ends the resident session', response: { 204: Type.Null(), ...problemResponses } },
    },
    async (request, reply) => {
      await service.endSession(deps, tokenOf(request));
      reply.clearCookie(RESIDENT_COOKIE, { path: COOKIE_PATH });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/resident/accesses',
    {
      config: open,
      schema: {
        tags,
        summary: 'The accesses to the identified resident’s data, newest first, in words (resident session)',
        description:
          'Exactly the data calls on every channel whose signed entry carries the resident’s keyed NIK hash, refusals included, from the index kept off the request path; with the newest signed tree head their proofs lead to.',
        response: { 200: AccessListView, ...problemResponses },
      },
    },
    async (request) => service.accesses(deps, await residentOf(request)),
  );

  app.get(
    '/api/resident/proofs',
    {
      config: { ...open, rateLimit: 'proof' },
      schema: {
        tags,
        summary: 'Inclusion proofs of all the resident’s accesses in the newest signed head, computed in one pass',
        description: 'Throttled per client address (429 `rate_limited`, Retry-After): each proof walks the log.',
        response: { 200: ProofsView, ...problemResponses, ...throttled },
      },
    },
    async (request) => ({ proofs: await service.proofs(deps, await residentOf(request)) }),
  );

  app.get(
    '/api/resident/accesses/:id/proof',
    {
      config: { ...open, rateLimit: 'proof' },
      schema: {
        tags,
        summary: 'The inclusion proof of one access, as `gerbang audit verify-proof` reads it (a download)',
        description:
          'An entry that is not the resident’s is 404; one not yet under a signed head is 409 `proof_not_ready`. Throttled per client address (429 `rate_limited`).',
        params: EntryParams,
        querystring: ProofQuery,
        response: { 200: ProofView, ...problemResponses, ...throttled, 409: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const nikHash = await residentOf(request);
      const [proof] = await service.proofs(deps, nikHash, request.params.id, request.query.treeSize);
      reply.header('content-disposition', `attachment; filename="bukti-akses-${request.params.id}.json"`);
      return proof;
    },
  );

  app.post(
    '/api/resident/accesses/:id/report',
    {
      config: open,
      schema: {
        tags,
        summary: 'Reports an access the resident does not recognise; it becomes a finding for the office',
        description:
          'Once per access (409 `already_reported`); 10–1000 characters (400 `report_text_invalid`); throttled per resident (429 `resident_report_throttled`).',
        params: EntryParams,
        body: ReportBody,
        response: { 201: ReportReply, ...problemResponses, ...throttled },
      },
    },
    async (request, reply) => {
      const nikHash = await residentOf(request);
      const now = deps.now().getTime();
      const wait = reports.wait(nikHash, now);
      if (wait > 0) throw service.reportThrottled(wait);
      const r = await service.report(deps, nikHash, request.params.id, request.body.text, request.ip);
      reports.count(nikHash, now);
      return reply.status(201).send({ id: r.id });
    },
  );
}
