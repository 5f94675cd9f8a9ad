import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { clearSessionCookie, sessionOf, setSessionCookie } from '../../http/session.js';
import * as service from './auth.service.js';
import { me } from './me.service.js';
import { ChangePasswordBody, LoginBody, LoginReply, MeReply, TotpCodeBody, TotpSetupReply } from './auth.schemas.js';

const tags = ['auth'];
const Stage = Type.Object({ stage: LoginReply.properties.stage });

/** Login, logout, the current user, password change and TOTP. */
export function authRoutes(app: App, deps: Deps) {
  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Log in with username and password; sets the session cookie',
        body: LoginBody,
        response: { 200: LoginReply, ...problemResponses, 423: Type.Ref('Problem'), 429: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const result = await service.login(deps, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, request, result.token, deps);
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
        summary: 'Change the password',
        body: ChangePasswordBody,
        response: { 200: Stage, ...problemResponses },
      },
    },
    async (request) => ({ stage: await service.changePassword(deps, sessionOf(request), request.body) }),
  );

  app.post(
    '/api/auth/totp/verify',
    {
      config: { auth: 'session', stages: ['totp'] },
      schema: {
        tags,
        summary: 'Give the second factor at login',
        body: TotpCodeBody,
        response: { 200: Stage, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) => ({ stage: await service.verifyLoginTotp(deps, sessionOf(request), request.body.code) }),
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
    async (request) => service.setupTotp(deps, sessionOf(request)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { auth: 'session', stages: ['totp_enroll'] },
      schema: {
        tags,
        summary: 'Confirm enrolment with a first code',
        body: TotpCodeBody,
        response: { 200: Stage, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) => ({ stage: await service.enableTotp(deps, sessionOf(request), request.body.code) }),
  );
}
