/**
 * Data balikan through the versioned API: an institution's system delivers a CSV with its web-service credential
 * (HTTP Basic or Bearer userId:secret, as every v1 route). The credential is resolved by the gateway's own
 * functions, checked before the body is read; a refusal (no credentials, a wrong secret, the login throttle) is
 * answered and recorded exactly as the other v1 refusals are, attributed to the credential named.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import { readSingleFile } from '../../http/upload.js';
import { DomainError } from '../../../domain/errors.js';
import { CODES } from '../../../domain/dukcapil/codes.js';
import { canonicalIp } from '../../../domain/grant/ip.js';
import { checkRequest } from '../../../domain/grant/grant.js';
import type { AccessRuntime } from '../access/runtime.js';
import { clientIpOf } from '../access/gateway/client-ip.js';
import { credentialsOf, refusalOf } from '../access/gateway/v1.routes.js';
import {
  credentialPrincipal,
  guardedPrincipal,
  refusedPrincipal,
  serve,
  type GatewayCall,
  type Principal,
  type Refusal,
} from '../access/gateway/gateway.service.js';
import * as service from './balikan.service.js';
import { DeliveryQuery, DeliveryView, UPLOAD_DESCRIPTION } from './balikan.schemas.js';

const LOGIN_FAILED: Refusal = { code: CODES.LOGIN_FAILED, reason: 'login_failed' };

/** The audit action of a v1 data balikan request refused before its credential was proven. */
export const V1_BALIKAN_ACTION = 'v1.data_balikan';

/** The v1 data balikan route; registered beside the other v1 routes (it needs the access runtime). */
export function balikanV1Routes(app: App, rt: AccessRuntime) {
  const call = (request: FastifyRequest): GatewayCall => ({
    action: V1_BALIKAN_ACTION,
    method: 'web_service',
    // No person's data is asked for; the operation only attributes a refusal.
    operation: 'lookup',
    clientIp: clientIpOf(request, 'web_service'),
    nik: null,
  });

  const principals = new WeakMap<FastifyRequest, Principal>();
  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const clientIp = clientIpOf(request, 'web_service');
    const now = rt.deps.now().getTime();
    const c = credentialsOf(request);
    if (!c) {
      const refused: Refusal = { code: CODES.EMPTY_CREDENTIALS, reason: 'no_credentials' };
      const principal = guardedPrincipal(rt, undefined, undefined, undefined, refused, clientIp, now);
      const out = await serve(rt, principal, { ...call(request), refused });
      if (out.retryAfterMs !== undefined) return refusalOf(request, reply, out);
      return refusalOf(request, reply, { code: CODES.LOGIN_FAILED, auditId: out.auditId, reason: 'no_credentials' });
    }
    const principal = await credentialPrincipal(rt, c.userId, c.password, undefined, now, clientIp);
    if (principal.refusal || !principal.grant)
      return refusalOf(request, reply, await serve(rt, principal, call(request)));
    // The credential's own terms hold here as on every data call: status, the institution's standing, the PKS
    // in force, the address allow-list, validity and hours (no quota: nothing is read).
    const g = principal.grant;
    const check = g.pksInForce
      ? checkRequest(g.compiled, {
          now,
          ip: clientIp,
          usedToday: 0,
          method: 'web_service',
          institutionActive: g.institutionActive,
        })
      : null;
    if (!check || !check.ok) {
      const refused: Refusal = check
        ? { code: check.code, reason: check.reason }
        : { code: CODES.INSTITUTION_INACTIVE, reason: 'pks_not_in_force' };
      return refusalOf(request, reply, await serve(rt, principal, { ...call(request), refused }));
    }
    principals.set(request, principal);
  }

  app.post(
    '/api/v1/data-balikan',
    {
      config: { auth: 'credential' },
      onRequest: authenticate,
      schema: {
        tags: ['v1'],
        summary: "Deliver data balikan for a period with the institution's web-service credential",
        description:
          'HTTP Basic `userId:secret`, or `Authorization: Bearer userId:secret`, checked before the body is read ' +
          '(401 login_failed, recorded; 429 credential_throttled while failed logins are throttled). The delivery ' +
          "is for the credential's own PKS. " +
          UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        querystring: DeliveryQuery,
        response: {
          201: DeliveryView,
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          409: Type.Ref('Problem'),
          413: Type.Ref('Problem'),
          415: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const g = principals.get(request)?.grant;
      // authenticate proved a grant or answered already: deny by default should it be missing.
      if (!g)
        return refusalOf(
          request,
          reply,
          await serve(
            rt,
            refusedPrincipal({ kind: 'credential', id: 'unknown:' }, null, null, LOGIN_FAILED),
            call(request),
          ),
        );
      if (g.environment !== 'production') {
        throw new DomainError('forbidden', 'balikan_trial_credential', {
          id: 'Data balikan diserahkan dengan kredensial produksi, bukan kredensial uji coba.',
          en: 'Data balikan is delivered with a production credential, not a trial one.',
        });
      }
      const { bytes, filename } = await readSingleFile(request);
      const ip = clientIpOf(request, 'web_service');
      const out = await service.submit(
        rt.deps,
        {
          channel: 'v1',
          grantId: g.id,
          institutionId: g.institutionId,
          agreementId: g.agreementId,
          clientIp: ip ? (canonicalIp(ip) ?? null) : null,
        },
        { kind: request.query.kind ?? '', period: request.query.period ?? '', bytes, filename },
      );
      // Machine channels are not sealed by the session routes' onSend: the decision is sealed before the answer.
      await rt.audit.collectPending();
      return reply.status(201).send(out);
    },
  );
}
