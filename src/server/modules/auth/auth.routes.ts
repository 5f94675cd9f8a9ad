import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { clearSessionCookie, sessionOf, setSessionCookie } from '../../http/session.js';
import { DomainError } from '../../../domain/errors.js';
import * as service from './auth.service.js';
import { me } from './me.service.js';
import { SignInGuard } from './sign-in-guard.js';
import { DEVICE_COOKIE, setDeviceCookie } from './device-cookie.js';
import {
  ChangePasswordBody,
  ChangePasswordReply,
  EndedReply,
  LoginBody,
  LoginReply,
  MeReply,
  SessionList,
  SessionParams,
  TotpCodeBody,
  TotpSetupReply,
} from './auth.schemas.js';

const tags = ['auth'];
const Stage = Type.Object({ stage: LoginReply.properties.stage });
const throttled = { 429: Type.Ref('Problem') };

function clientOf(request: FastifyRequest): service.ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}

/** Runs a TOTP step; when it ends the half-signed session, the cookie goes too. */
async function clearingOnEnd<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && err.code === service.TOTP_SESSION_ENDED) clearSessionCookie(reply);
    throw err;
  }
}

/** Login, logout, the current user, password change, TOTP, and the user's own sessions. */
export function authRoutes(app: App, deps: Deps) {
  const guard = SignInGuard.fromConfig(deps.config);

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Log in with username and password; sets the session cookie',
        description:
          'Failed attempts are throttled per account and per client address with growing waits: 429 `login_throttled` with Retry-After. A browser that signed in to the account before (device cookie `gerbang_device`, set on every success) is throttled by its own key instead of the account-wide one.',
        body: LoginBody,
        response: { 200: LoginReply, ...problemResponses, ...throttled },
      },
    },
    async (request, reply) => {
      const result = await service.login(deps, guard, request.body, clientOf(request), request.cookies[DEVICE_COOKIE]);
      setSessionCookie(reply, request, result.token, deps);
      setDeviceCookie(reply, request, result.deviceCookie, deps);
      request.log.info({ userId: result.userId, stage: result.stage }, 'login');
      return { stage: result.stage };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { auth: 'session', stages: ['totp', 'totp_enroll', 'password_change'] },
      schema: { tags, summary: 'Log out', response: { 204: Type.Null(), ...problemResponses } },
    },
    async (request, reply) => {
      await service.logout(deps, sessionOf(request).id);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { auth: 'session', stages: ['totp', 'totp_enroll', 'password_change'] },
      schema: {
        tags,
        summary: 'The logged-in user, their organisation and roles',
        response: { 200: MeReply, ...problemResponses },
      },
    },
    async (request) => me(deps, sessionOf(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { auth: 'session', stages: ['password_change', 'totp_enroll'] },
      schema: {
        tags,
        summary: 'Change the password; ends the other sessions and replaces this one (new cookie, new CSRF token)',
        description: 'Wrong current passwords are throttled per user: 429 `login_throttled` with Retry-After.',
        body: ChangePasswordBody,
        response: { 200: ChangePasswordReply, ...problemResponses, ...throttled },
      },
    },
    async (request, reply) => {
      const result = await service.changePassword(deps, guard, sessionOf(request), request.body, clientOf(request));
      setSessionCookie(reply, request, result.token, deps);
      return { stage: result.stage, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/totp/verify',
    {
      config: { auth: 'session', stages: ['totp'] },
      schema: {
        tags,
        summary: 'Give the second factor at login',
        description:
          'Each code is good once. Throttled per user (429 `totp_throttled`); the fifth wrong code ends the session (401 `totp_attempts_exhausted`).',
        body: TotpCodeBody,
        response: { 200: Stage, ...problemResponses, 409: Type.Ref('Problem'), ...throttled },
      },
    },
    async (request, reply) =>
      clearingOnEnd(reply, async () => ({
        stage: await service.verifyLoginTotp(deps, guard, sessionOf(request), request.body.code),
      })),
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { auth: 'session', stages: ['totp_enroll'] },
      schema: {
        tags,
        summary: 'Start authenticator enrolment',
        response: { 200: TotpSetupReply, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) => service.setupTotp(deps, guard, sessionOf(request)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { auth: 'session', stages: ['totp_enroll'] },
      schema: {
        tags,
        summary: 'Confirm enrolment with a first code',
        body: TotpCodeBody,
        response: { 200: Stage, ...problemResponses, 409: Type.Ref('Problem'), ...throttled },
      },
    },
    async (request, reply) =>
      clearingOnEnd(reply, async () => ({
        stage: await service.enableTotp(deps, guard, sessionOf(request), request.body.code),
      })),
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The signed-in user's live sessions (this one marked current)",
        response: { 200: SessionList, ...problemResponses },
      },
    },
    async (request) => service.listSessions(deps, sessionOf(request)),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'End one of your sessions (your current one: log out)',
        params: SessionParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { current } = await service.endSession(deps, sessionOf(request), request.params.id);
      if (current) clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/auth/sessions',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'End all your sessions except this one',
        response: { 200: EndedReply, ...problemResponses },
      },
    },
    async (request) => ({ ended: await service.endOtherSessions(deps, sessionOf(request)) }),
  );
}
