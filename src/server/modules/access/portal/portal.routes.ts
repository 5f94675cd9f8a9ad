/**
 * The web-portal channel: an institution's operator, logged in to Gerbang and registered on a portal grant, looks a
 * person up in the browser. The same grant model as the web service decides (validity, hours, quota, IP allow-list,
 * elements), and the answer is audited before it is sent.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { DomainError } from '../../../../domain/errors.js';
import { project } from '../../../../domain/grant/grant.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import { RESPON } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import type { AccessRuntime, LiveGrant } from '../runtime.js';
import { admit, readResident } from '../gateway/gateway.service.js';
import { fieldsOfRow } from '../population/population.repository.js';
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
            code: Type.String({ description: 'Dukcapil response code: 01 found, 13 not found, …' }),
            respon: Type.Object({ id: Type.String(), en: Type.String() }),
            fields: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
            auditId: Type.String(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      if (actor.orgKind !== 'institution') throw noPortal();
      const g = await portalGrant(rt, actor.userId);
      if (!g || g.institutionId !== actor.orgId) throw noPortal();
      const nik = readNik(request.body.nik);
      const now = deps.now().getTime();
      const clientIp = canonicalIp(request.ip) ?? request.ip;
      let code = nik.ok ? '01' : nik.code;
      let fields: Record<string, string> | null = null;
      if (nik.ok) {
        const refused = await admit(rt, g, { clientIp, method: 'web_portal' }, now);
        if (refused) code = refused.code;
        else {
          const found = await readResident(rt, g, nik.nik);
          code = found.code;
          if (code === '01' && found.row) {
            fields = project(fieldsOfRow(found.row, g.compiled.fields), g.compiled) as Record<string, string>;
          }
        }
      }
      const auditId = await rt.audit.append({
        time: new Date(now).toISOString(),
        action: 'PORTAL_LOOKUP',
        actor: { kind: 'operator', id: actor.userId },
        institutionId: g.institutionId,
        pksId: g.compiled.pksId,
        pksVersionHash: g.compiled.pksVersionHash,
        elements: fields ? g.compiled.elements : [],
        resultCode: code,
        clientIp,
        nikHash: nik.ok ? rt.hashNik(nik.nik) : null,
        detail: { grantId: g.id, environment: g.environment },
      });
      const respon = RESPON[code as keyof typeof RESPON] ?? { id: code, en: code };
      return { code, respon, fields, auditId };
    },
  );
}
