/**
 * The versioned API: lookup by NIK, verification by elements, and batch verification (at most
 * V1_BATCH_LIMIT items). Clients authenticate with HTTP Basic (user id : secret) or `Authorization: Bearer
 * userId:secret`. Refusals are problem+json with a stable code and the Dukcapil code in `dukcapilCode`; every
 * refusal — missing credentials, a body that fails the schema, a bad NIK, an unknown field — is on the record,
 * attributed to the credential the caller named. Verification answers `match` per sent field and never a score.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../http/types.js';
import { handleError, sendProblem } from '../../../http/problem.js';
import { errors } from '../../../../domain/errors.js';
import { CODES, RESPON, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import { isFieldName, type FieldName } from '../../../../domain/elements/elements.js';
import type { Message } from '../../../../domain/errors.js';
import { VERIFY_CAP_PER_NIK_PER_DAY, type Operation } from '../../../../domain/grant/grant.js';
import { DEFAULT_THRESHOLD, MIN_THRESHOLD, thresholdOf } from '../../../../domain/match/verify.js';
import type { AccessRuntime } from '../runtime.js';
import { clientIpOf } from './client-ip.js';
import {
  credentialPrincipal,
  guardedPrincipal,
  namedPrincipal,
  refusedPrincipal,
  serve,
  type CallOutcome,
  type GatewayCall,
  type Principal,
  type Refusal,
} from './gateway.service.js';

/** Most items in one batch verification. */
export const V1_BATCH_LIMIT = 100;

const tags = ['v1'];
const security =
  'HTTP Basic `userId:secret`, or `Authorization: Bearer userId:secret`, checked before the body is read ' +
  '(401 login_failed). Failed logins are throttled per user id and client address: 429 credential_throttled ' +
  'with Retry-After, the right secret included, until the wait has passed.';

/** The user id and secret of a v1 request (HTTP Basic or Bearer userId:secret), or null; also read by data balikan's v1 route. */
export function credentialsOf(request: FastifyRequest): { userId: string; password: string } | null {
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
  '18': [403, 'element_not_granted'],
  '10': [403, 'ip_invalid'],
  '09': [403, 'ip_missing'],
  '13': [404, 'not_found'],
  '16': [403, 'institution_inactive'],
  '17': [403, 'user_inactive'],
  // The institution's prepaid PNBP balance cannot cover the call (issue 12): nothing was read or charged.
  '20': [402, 'balance_exhausted'],
};

/** Refusals whose reason says more than their Dukcapil code. */
const BY_REASON: Record<string, [number, string, Message]> = {
  operation_not_granted: [
    403,
    'operation_not_granted',
    {
      id: 'Hak akses ini tidak mencakup operasi tersebut (cek NIK atau verifikasi elemen).',
      en: 'This grant does not include that operation (NIK lookup or verification by elements).',
    },
  ],
  balance_exhausted: [
    402,
    'balance_exhausted',
    {
      id: 'Saldo PNBP prabayar lembaga tidak mencukupi untuk panggilan ini; tidak ada data yang dibaca. Lakukan pembayaran dan minta Dinas mencatatnya.',
      en: "The institution's prepaid PNBP balance does not cover this call; nothing was read. Pay and ask the office to record the payment.",
    },
  ],
  verify_cap_reached: [
    429,
    'verify_cap_reached',
    {
      id: `Batas ${VERIFY_CAP_PER_NIK_PER_DAY} verifikasi NIK ini hari ini telah tercapai.`,
      en: `The limit of ${VERIFY_CAP_PER_NIK_PER_DAY} verifications of this NIK today is reached.`,
    },
  ],
};

function refusal(request: FastifyRequest, reply: FastifyReply, code: ResponseCode, auditId: string, reason: string) {
  return refusalOf(request, reply, { code, auditId, reason });
}

/** The problem answer of a refused outcome; the login throttle's is 429 with Retry-After (no audit entry). */
export function refusalOf(
  request: FastifyRequest,
  reply: FastifyReply,
  out: { code: ResponseCode | null; auditId: string; reason: string; retryAfterMs?: number },
) {
  if (out.retryAfterMs !== undefined) {
    const wait = out.retryAfterMs;
    return handleError(
      errors.rateLimited('credential_throttled', wait, {
        id: `Terlalu banyak login gagal dari user id atau alamat ini. Coba lagi dalam ${Math.max(1, Math.ceil(wait / 1000))} detik.`,
        en: `Too many failed logins from this user id or address. Try again in ${Math.max(1, Math.ceil(wait / 1000))} seconds.`,
      }),
      request,
      reply,
    );
  }
  const code = out.code ?? CODES.INCOMPLETE_PARAMETERS;
  const { auditId, reason } = out;
  const special = BY_REASON[reason];
  const [status, slug] = special ? [special[0], special[1]] : (PROBLEM[code] ?? [400, 'refused']);
  const message = special ? special[2] : { id: RESPON[code].id, en: RESPON[code].en };
  reply.header('x-audit-id', auditId);
  if (status === 401) reply.header('www-authenticate', 'Basic realm="gerbang"');
  return sendProblem(request, reply, status, slug, message, [], { dukcapilCode: code, reason, auditId });
}

const STATUS_WORD: Partial<Record<ResponseCode, string>> = { '01': 'found', '11': 'deceased', '14': 'inactive' };

const VerifyResult = Type.Object({
  code: Type.String({ description: 'Dukcapil response code' }),
  status: Type.String({ description: 'found, deceased, inactive, not_found or refused' }),
  fields: Type.Optional(
    Type.Array(
      Type.Object(
        { field: Type.String(), match: Type.Boolean() },
        { description: 'match per sent field; no score is ever given (it would let a caller climb to the value)' },
      ),
    ),
  ),
});
const Threshold = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: 100,
    default: DEFAULT_THRESHOLD,
    description:
      `A JSON number 0–100; absent is ${DEFAULT_THRESHOLD}, below ${MIN_THRESHOLD} is raised to ${MIN_THRESHOLD}; ` +
      'null, a string or a boolean is a 400 (never read as 0)',
  }),
);
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
  const code = out.code ?? CODES.INCOMPLETE_PARAMETERS;
  return {
    code,
    status: STATUS_WORD[code] ?? (code === '13' ? 'not_found' : 'refused'),
    ...(out.verdicts ? { fields: out.verdicts.map((v) => ({ field: v.field, match: v.match })) } : {}),
  };
}

/**
 * A threshold that is present but not a JSON number fails the schema as such: Fastify's type coercion would
 * otherwise read null, "" and false as 0 (and "85" as 85) before the handler sees it.
 */
async function strictThreshold(request: FastifyRequest) {
  const body = request.body;
  if (typeof body !== 'object' || body === null || !Object.prototype.hasOwnProperty.call(body, 'threshold')) return;
  const t = (body as { threshold?: unknown }).threshold;
  if (typeof t === 'number') return;
  throw Object.assign(new Error('body/threshold must be number'), {
    statusCode: 400,
    validation: [{ instancePath: '/threshold', message: 'must be number' }],
    validationContext: 'body',
  });
}

const ACTION_OF: Record<string, [string, Operation]> = {
  '/api/v1/residents/:nik': ['v1.lookup', 'lookup'],
  '/api/v1/verify': ['v1.verify', 'verify'],
  '/api/v1/verify/batch': ['v1.verify', 'verify'],
};

/** The v1 routes. */
export function v1Routes(app: App, rt: AccessRuntime) {
  const config = { auth: 'credential' as const };

  /** The call of a v1 request; `refused` when it was refused before its credentials were checked. */
  function callOf(request: FastifyRequest, action: string, operation: Operation, nik: string | null): GatewayCall {
    return { action, method: 'web_service', operation, clientIp: clientIpOf(request, 'web_service'), nik };
  }

  /** Records a refusal found before the credentials were checked, attributed to the credential named. */
  async function recordRefusal(request: FastifyRequest, refused: Refusal, action: string, operation: Operation) {
    const c = credentialsOf(request);
    const principal: Principal | Promise<Principal> = c
      ? namedPrincipal(rt, c.userId, refused)
      : refusedPrincipal({ kind: 'credential', id: 'unknown:' }, null, null, refused);
    const out = await serve(rt, principal, { ...callOf(request, action, operation, null), refused });
    return out.auditId;
  }

  /** Schema refusals (400 validation_failed, unreadable JSON …) are recorded, then answered as anywhere else. */
  async function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const [action, operation] = ACTION_OF[request.routeOptions.url ?? ''] ?? ['v1.verify', 'verify'];
    const reason = error.validation
      ? 'invalid'
      : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : 'unreadable_body';
    try {
      const auditId = await recordRefusal(request, { code: CODES.INCOMPLETE_PARAMETERS, reason }, action, operation);
      reply.header('x-audit-id', auditId);
    } catch (e) {
      request.log.error({ err: e }, 'recording a v1 refusal failed');
      return sendProblem(request, reply, 503, 'audit_unavailable', {
        id: 'Catatan audit tidak tersedia; coba lagi.',
        en: 'The audit log is unavailable; try again.',
      });
    }
    return handleError(error, request, reply);
  }

  /** Reads credentials or answers 401 (recorded). */
  async function creds(request: FastifyRequest, reply: FastifyReply, action: string, operation: Operation) {
    const c = credentialsOf(request);
    if (c) return c;
    // Counted by the login throttle per address (no user id): a flood of calls without credentials is answered
    // 429 without an audit entry each.
    const refused: Refusal = { code: CODES.EMPTY_CREDENTIALS, reason: 'no_credentials' };
    const clientIp = clientIpOf(request, 'web_service');
    const principal = guardedPrincipal(rt, undefined, undefined, undefined, refused, clientIp, rt.deps.now().getTime());
    const out = await serve(rt, principal, { ...callOf(request, action, operation, null), refused });
    if (out.retryAfterMs !== undefined) {
      await refusalOf(request, reply, out);
      return null;
    }
    await refusal(request, reply, '03', out.auditId, 'no_credentials');
    return null;
  }

  // Authenticate first: the credentials are checked in onRequest, before the body is parsed or validated, so a
  // caller without a valid credential learns nothing about a route's fields (a 401 or 429, recorded). The handler
  // takes the proven principal from here.
  const principals = new WeakMap<FastifyRequest, Principal>();
  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const [action, operation] = ACTION_OF[request.routeOptions.url ?? ''] ?? ['v1.verify', 'verify'];
    const c = await creds(request, reply, action, operation);
    if (!c) return reply;
    const now = rt.deps.now().getTime();
    const clientIp = clientIpOf(request, 'web_service');
    const principal = await credentialPrincipal(rt, c.userId, c.password, undefined, now, clientIp);
    if (principal.refusal) {
      const out = await serve(rt, principal, callOf(request, action, operation, null));
      return refusalOf(request, reply, out);
    }
    principals.set(request, principal);
  }
  /** The principal authenticate proved (deny by default should it be missing). */
  const principalOf = (request: FastifyRequest): Principal =>
    principals.get(request) ??
    refusedPrincipal({ kind: 'credential', id: 'unknown:' }, null, null, {
      code: CODES.LOGIN_FAILED,
      reason: 'login_failed',
    });

  app.get(
    '/api/v1/residents/:nik',
    {
      config,
      errorHandler,
      onRequest: authenticate,
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
          402: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const nik = readNik(request.params.nik);
      if (!nik.ok) {
        const auditId = await recordRefusal(request, { code: nik.code, reason: 'nik_invalid' }, 'v1.lookup', 'lookup');
        return refusal(request, reply, nik.code, auditId, 'nik_invalid');
      }
      const out = await serve(rt, principalOf(request), callOf(request, 'v1.lookup', 'lookup', nik.nik));
      const code = out.code ?? CODES.INCOMPLETE_PARAMETERS;
      const word = STATUS_WORD[code];
      if (!word) return refusalOf(request, reply, out);
      reply.header('x-audit-id', out.auditId);
      return { code, status: word, ...(out.fields ? { fields: out.fields as Record<string, string> } : {}) };
    },
  );

  app.post(
    '/api/v1/verify',
    {
      config,
      errorHandler,
      onRequest: authenticate,
      preValidation: strictThreshold,
      schema: {
        tags,
        summary: 'Verify claimed elements of a resident ("match" per sent field, never a score)',
        description:
          security +
          ' Discloses no stored value and no similarity. ' +
          `At most ${VERIFY_CAP_PER_NIK_PER_DAY} verifications of one NIK per credential per day ` +
          '(then 429 verify_cap_reached, Dukcapil code 05). A credential without the verify operation is refused ' +
          '(403 operation_not_granted). A profit-oriented institution whose prepaid PNBP balance cannot cover the ' +
          'call is refused 402 balance_exhausted (Dukcapil code 20).',
        body: Type.Object(
          {
            nik: Type.String({ maxLength: 32 }),
            threshold: Threshold,
            elements: ClaimedElements,
          },
          { additionalProperties: false },
        ),
        response: {
          200: VerifyResult,
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          402: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const nik = readNik(request.body.nik);
      const claimed = claimedOf(request.body.elements);
      if (!nik.ok || !claimed) {
        const code: ResponseCode = nik.ok ? '07' : nik.code;
        const reason = nik.ok ? 'unknown_field' : 'nik_invalid';
        const auditId = await recordRefusal(request, { code, reason }, 'v1.verify', 'verify');
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
      const out = await serve(rt, principalOf(request), {
        ...callOf(request, 'v1.verify', 'verify', nik.nik),
        claimed,
        threshold: thresholdOf(request.body.threshold, false) ?? DEFAULT_THRESHOLD,
      });
      const code = out.code ?? CODES.INCOMPLETE_PARAMETERS;
      if (!STATUS_WORD[code]) return refusalOf(request, reply, out);
      reply.header('x-audit-id', out.auditId);
      return verifyResult(out);
    },
  );

  app.post(
    '/api/v1/verify/batch',
    {
      config,
      errorHandler,
      onRequest: authenticate,
      preValidation: strictThreshold,
      schema: {
        tags,
        summary: `Verify up to ${V1_BATCH_LIMIT} residents in one request`,
        description:
          security +
          ` At most ${V1_BATCH_LIMIT} items; each counts against the daily quota and is recorded on its own. ` +
          'Per-item outcomes carry the Dukcapil code (refusals such as 05 quota or 20 PNBP balance appear per item).',
        body: Type.Object(
          {
            threshold: Threshold,
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
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, _reply) => {
      const principal = principalOf(request);
      const threshold = thresholdOf(request.body.threshold, false) ?? DEFAULT_THRESHOLD;
      const results = await Promise.all(
        request.body.items.map(async (item) => {
          const nik = readNik(item.nik);
          const claimed = claimedOf(item.elements);
          if (!nik.ok || !claimed) {
            const code: ResponseCode = nik.ok ? '07' : nik.code;
            await serve(rt, principal, {
              ...callOf(request, 'v1.verify', 'verify', nik.ok ? nik.nik : null),
              refused: { code, reason: 'item_invalid' },
            });
            return { code, status: 'refused' };
          }
          const out = await serve(rt, principal, {
            ...callOf(request, 'v1.verify', 'verify', nik.nik),
            claimed,
            threshold,
          });
          return verifyResult(out);
        }),
      );
      return { results };
    },
  );
}
