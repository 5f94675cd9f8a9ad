/**
 * The web-portal channel: an institution's operator, logged in to Gerbang and registered on a portal grant, looks a
 * person up in the browser. The operator is the principal; the gateway pipeline decides with the same grant model
 * as the web service (validity, hours, quota, IP allow-list, elements), and every outcome — no portal grant, a bad
 * NIK, a failing check, an answer — is on the record (PORTAL_LOOKUP) before it is sent.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { DomainError } from '../../../../domain/errors.js';
import { RESPON } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import type { AccessRuntime, LiveGrant } from '../runtime.js';
import { clientIpOf } from '../gateway/client-ip.js';
import { grantPrincipal, refusedPrincipal, serve, type Principal } from '../gateway/gateway.service.js';
import { portalGrantIdsOfUser } from '../provisioning/grant.repository.js';

const noPortal = () =>
  new DomainError('forbidden', 'no_portal_access', {
    id: 'Anda belum terdaftar sebagai operator web portal pada hak akses yang aktif.',
    en: 'You are not registered as a web-portal operator on an active grant.',
  });

/** The operator's portal grant in force, or undefined. */
async function portalGrant(rt: AccessRuntime, userId: string): Promise<LiveGrant | undefined> {
  for (const id of await portalGrantIdsOfUser(rt.db, userId)) {
    const g = await rt.grantById(id);
    if (g && g.kind === 'web_portal') return g;
  }
  return undefined;
}

/** The operator as principal: its portal grant of its own institution, or refused (no_portal_access). */
async function operatorPrincipal(
  rt: AccessRuntime,
  actor: { userId: string; orgId: string | null; orgKind: string | null },
): Promise<Principal> {
  const who = { kind: 'operator' as const, id: actor.userId };
  const institutionId = actor.orgKind === 'institution' ? actor.orgId : null;
  const g = institutionId ? await portalGrant(rt, actor.userId) : undefined;
  if (!g || g.institutionId !== institutionId)
    return refusedPrincipal(who, institutionId, null, { code: null, reason: 'no_portal_access' });
  return grantPrincipal(g, who);
}

/** The portal lookup route. */
export function portalRoutes(app: App, deps: Deps, rt: AccessRuntime) {
  app.post(
    '/api/portal/lookup',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['access'],
        summary:
          "Look a person up through the web portal (an institution's registered operator); audited before it answers",
        body: Type.Object({ nik: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            code: Type.String({
              description: 'Dukcapil response code: 01 found, 13 not found, … 20 the prepaid PNBP balance is used up',
            }),
            respon: Type.Object({ id: Type.String(), en: Type.String() }),
            fields: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
            auditId: Type.String(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, deps);
      const nik = readNik(request.body.nik);
      const out = await serve(rt, operatorPrincipal(rt, actor), {
        action: 'PORTAL_LOOKUP',
        method: 'web_portal',
        operation: 'lookup',
        clientIp: clientIpOf(request, 'web_portal'),
        nik: nik.ok ? nik.nik : null,
        refused: nik.ok ? null : { code: nik.code, reason: 'nik_invalid' },
        extra: {},
      });
      reply.header('x-audit-id', out.auditId);
      if (out.code === null) throw noPortal();
      const code = out.code;
      const respon = RESPON[code];
      const fields = (out.fields as Record<string, string> | undefined) ?? null;
      return { code, respon, fields, auditId: out.auditId };
    },
  );
}
