/**
 * The versioned API: lookup by NIK, verification by elements, and batch verification (at most
 * V1_BATCH_LIMIT items). Clients authenticate with HTTP Basic (user id : secret) or `Authorization: Bearer
 * userId:secret`. Refusals are problem+json with a stable code and the Dukcapil code in `dukcapilCode`.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../http/types.js';
import { sendProblem } from '../../../http/problem.js';
import { RESPON, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import { isFieldName, type FieldName } from '../../../../domain/elements/elements.js';
import type { AccessRuntime } from '../runtime.js';
import { authenticate, dataCall, recordEarlyRefusal, type CallOutcome } from './gateway.service.js';

/** Most items in one batch verification. */
export const V1_BATCH_LIMIT = 100;

const tags = ['v1'];
const security = 'HTTP Basic `userId:secret`, or `Authorization: Bearer userId:secret`.';

function credentialsOf(request: FastifyRequest): { userId: string; password: string } | null {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^(Basic|Bearer)\s+(.+)$/i.exec(h.trim());
  if (!m) return null;
  const raw =
    (m[1] ?? '').toLowerCase() === 'basic' ? Buffer.from(m[2] ?? '', 'base64').toString('utf8') : (m[2] ?? '');
  const i = raw.indexOf(':');
  if (i <= 0 || i === raw.length - 1) return null;
  return { userId: raw.slice(0, i), password: raw.slice(i + 1) };
}

const PROBLEM: Record<string, [number, string]> = {
  '03': [401, 'login_failed'],
  '04': [403, 'ip_not_allowed'],
  '05': [429, 'quota_exhausted'],
  '06': [403, 'outside_hours'],
  '07': [403, 'element_not_granted'],
  '10': [403, 'ip_invalid'],
  '09': [403, 'ip_missing'],
  '13': [404, 'not_found'],
  '16': [403, 'institution_inactive'],
  '17': [403, 'user_inactive'],
};

function refusal(request: FastifyRequest, reply: FastifyReply, code: ResponseCode, auditId: string, reason: string) {
  const [status, slug] = PROBLEM[code] ?? [400, 'refused'];
  reply.header('x-audit-id', auditId);
  if (status === 401) reply.header('www-authenticate', 'Basic realm="gerbang"');
  return sendProblem(request, reply, status, slug, { id: RESPON[code].id, en: RESPON[code].en }, [], {
    dukcapilCode: code,
    reason,
    auditId,
  });
}

const STATUS_WORD: Partial<Record<ResponseCode, string>> = { '01': 'found', '11': 'deceased', '14': 'inactive' };

function socketIp(request: FastifyRequest) {
  return request.raw.socket.remoteAddress ?? '';
}

const VerifyResult = Type.Object({
  code: Type.String({ description: 'Dukcapil response code' }),
  status: Type.String({ description: 'found, deceased, inactive, not_found or refused' }),
  fields: Type.Optional(
    Type.Array(
      Type.Object({ field: Type.String(), match: Type.Boolean(), score: Type.Union([Type.Integer(), Type.Null()]) }),
    ),
  ),
});
const ClaimedElements = Type.Record(Type.String({ pattern: '^[A-Z_]+$' }), Type.String({ maxLength: 200 }), {
  description: 'Claimed values by field name (NAMA_LGKP, TGL_LHR, …); only these are answered',
  minProperties: 1,
  maxProperties: 42,
});

function claimedOf(elements: Record<string, string>): Partial<Record<FieldName, string>> | null {
  const out: Partial<Record<FieldName, string>> = {};
  for (const [k, v] of Object.entries(elements)) {
    if (!isFieldName(k) || k === 'NIK') return null;
    out[k] = v;
  }
  return out;
}

function verifyResult(out: CallOutcome) {
  return {
    code: out.code,
    status: STATUS_WORD[out.code] ?? (out.code === '13' ? 'not_found' : 'refused'),
    ...(out.verdicts ? { fields: out.verdicts } : {}),
  };
}

/** The v1 routes. */
export function v1Routes(app: App, rt: AccessRuntime) {
  const config = { auth: 'credential' as const };

  /** Reads credentials or answers 401 (recorded). */
  async function creds(request: FastifyRequest, reply: FastifyReply, action: string) {
    const c = credentialsOf(request);
    if (c) return c;
    const auditId = await recordEarlyRefusal(rt, { action, clientIp: socketIp(request) }, '09', 'no_credentials');
    await refusal(request, reply, '03', auditId, 'no_credentials');
    return null;
  }

  app.get(
    '/api/v1/residents/:nik',
    {
      config,
      schema: {
        tags,
        summary: 'Look a resident up by NIK (granted elements only)',
        description: security,
        params: Type.Object({ nik: Type.String({ maxLength: 32 }) }),
        response: {
          200: Type.Object({
            code: Type.String(),
            status: Type.String(),
            fields: Type.Optional(Type.Record(Type.String(), Type.String())),
          }),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const c = await creds(request, reply, 'v1.lookup');
      if (!c) return reply;
      const nik = readNik(request.params.nik);
      if (!nik.ok) {
        const auditId = await recordEarlyRefusal(
          rt,
          { action: 'v1.lookup', clientIp: socketIp(request), userId: c.userId },
          nik.code,
          'nik_invalid',
        );
        return refusal(request, reply, nik.code, auditId, 'nik_invalid');
      }
      const out = await dataCall(rt, { action: 'v1.lookup', ...c, clientIp: socketIp(request), nik: nik.nik });
      const word = STATUS_WORD[out.code];
      if (!word) return refusal(request, reply, out.code, out.auditId, out.reason);
      reply.header('x-audit-id', out.auditId);
      return { code: out.code, status: word, ...(out.fields ? { fields: out.fields as Record<string, string> } : {}) };
    },
  );

  app.post(
    '/api/v1/verify',
    {
      config,
      schema: {
        tags,
        summary: 'Verify claimed elements of a resident ("match" per field, score for names, places, addresses)',
        description: security + ' Discloses no stored value.',
        body: Type.Object(
          {
            nik: Type.String({ maxLength: 32 }),
            threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 90 })),
            elements: ClaimedElements,
          },
          { additionalProperties: false },
        ),
        response: {
          200: VerifyResult,
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const c = await creds(request, reply, 'v1.verify');
      if (!c) return reply;
      const nik = readNik(request.body.nik);
      const claimed = claimedOf(request.body.elements);
      if (!nik.ok || !claimed) {
        const code: ResponseCode = nik.ok ? '07' : nik.code;
        const auditId = await recordEarlyRefusal(
          rt,
          { action: 'v1.verify', clientIp: socketIp(request), userId: c.userId },
          code,
          nik.ok ? 'unknown_field' : 'nik_invalid',
        );
        reply.header('x-audit-id', auditId);
        return sendProblem(
          request,
          reply,
          400,
          nik.ok ? 'unknown_field' : 'nik_invalid',
          nik.ok
            ? { id: 'Nama elemen tidak dikenal.', en: 'Unknown field name.' }
            : { id: RESPON[code].id, en: RESPON[code].en },
          [{ field: nik.ok ? 'body.elements' : 'body.nik', message: { id: 'tidak valid', en: 'is invalid' } }],
          { dukcapilCode: code },
        );
      }
      const out = await dataCall(rt, {
        action: 'v1.verify',
        ...c,
        clientIp: socketIp(request),
        nik: nik.nik,
        claimed,
        threshold: request.body.threshold ?? 90,
      });
      if (!STATUS_WORD[out.code]) return refusal(request, reply, out.code, out.auditId, out.reason);
      reply.header('x-audit-id', out.auditId);
      return verifyResult(out);
    },
  );

  app.post(
    '/api/v1/verify/batch',
    {
      config,
      schema: {
        tags,
        summary: `Verify up to ${V1_BATCH_LIMIT} residents in one request`,
        description:
          security +
          ` At most ${V1_BATCH_LIMIT} items; each counts against the daily quota and is recorded on its own. ` +
          'Per-item outcomes carry the Dukcapil code (refusals such as 05 quota appear per item).',
        body: Type.Object(
          {
            threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 90 })),
            items: Type.Array(
              Type.Object(
                { nik: Type.String({ maxLength: 32 }), elements: ClaimedElements },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: V1_BATCH_LIMIT },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ results: Type.Array(VerifyResult) }),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const c = await creds(request, reply, 'v1.verify');
      if (!c) return reply;
      const now = rt.deps.now().getTime();
      if (!(await authenticate(rt, c.userId, c.password, undefined, now))) {
        const auditId = await recordEarlyRefusal(
          rt,
          { action: 'v1.verify', clientIp: socketIp(request), userId: c.userId },
          '03',
          'login_failed',
        );
        return refusal(request, reply, '03', auditId, 'login_failed');
      }
      const results = await Promise.all(
        request.body.items.map(async (item) => {
          const nik = readNik(item.nik);
          const claimed = claimedOf(item.elements);
          if (!nik.ok || !claimed) {
            const code: ResponseCode = nik.ok ? '07' : nik.code;
            await recordEarlyRefusal(
              rt,
              { action: 'v1.verify', clientIp: socketIp(request), userId: c.userId },
              code,
              'item_invalid',
            );
            return { code, status: 'refused' };
          }
          const out = await dataCall(rt, {
            action: 'v1.verify',
            ...c,
            clientIp: socketIp(request),
            nik: nik.nik,
            claimed,
            threshold: request.body.threshold ?? 90,
          });
          return verifyResult(out);
        }),
      );
      return { results };
    },
  );
}
