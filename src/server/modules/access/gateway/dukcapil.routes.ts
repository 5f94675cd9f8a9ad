/**
 * The Dukcapil-compatible web service: `POST /dukcapil/get_json/{customerId}/CALL_NIK` and
 * `.../CALL_VERIFY_BY_ELEMEN`. Like the service institutions integrated with, every answer is HTTP 200 with the
 * outcome in content[0] (RESPONSE_CODE, RESPON); bodies that cannot be read or are over 64 KB answer 07 the same
 * way, never a 5xx. The body is read here (domain/dukcapil/body.ts, not by a JSON schema) because the
 * integrations' quirks are part of the contract: JSON or PHP form-encoded whatever the declared content type, a
 * byte-order mark, keys in any letter case, a NIK as a JSON number (above 2^53 for provinces 91–96). These
 * parsers are registered in this plugin only: the rest of the API stays JSON-only and strict. Any other path under
 * `/dukcapil/get_json/` — a trailing slash, a customer id longer than the router's parameters, an unknown
 * operation — is answered by one catch-all route in the same envelope.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../../http/types.js';
import { SECURITY_HEADERS } from '../../../http/security-headers.js';
import { CODES, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { readWireBody } from '../../../../domain/dukcapil/body.js';
import {
  grantedRowJson,
  pick,
  parseCallNikBody,
  parseVerifyBody,
  responEnvelope,
  verifyEnvelope,
} from '../../../../domain/dukcapil/wire.js';
import type { FieldName } from '../../../../domain/elements/elements.js';
import { VERIFY_CAP_PER_NIK_PER_DAY } from '../../../../domain/grant/grant.js';
import { verdictText } from '../../../../domain/match/verify.js';
import { safeText } from '../audit/audit-log.js';
import type { AccessRuntime } from '../runtime.js';
import { clientIpOf } from './client-ip.js';
import { credentialPrincipal, guardedPrincipal, serve } from './gateway.service.js';

/** Largest body the compatible endpoints read. */
export const DUKCAPIL_BODY_LIMIT = 64 * 1024;

const tags = ['dukcapil'];
const Envelope = Type.Object(
  {
    content: Type.Array(Type.Record(Type.String(), Type.String())),
    lastPage: Type.Boolean(),
    numberOfElements: Type.Integer(),
    sort: Type.Null(),
    totalElements: Type.Integer(),
    firstPage: Type.Boolean(),
    number: Type.Integer(),
    size: Type.Integer(),
  },
  { additionalProperties: true },
);
// No length limit here: a customer id that matches no credential (however long) is a failed login, answered 03.
const params = Type.Object({ customerId: Type.String() });

/** The two operations, by their path segment. */
type Operation = 'CALL_NIK' | 'CALL_VERIFY_BY_ELEMEN';
const OPERATIONS = new Set<string>(['CALL_NIK', 'CALL_VERIFY_BY_ELEMEN']);

async function sendEnvelope(reply: FastifyReply, body: unknown, auditId: string) {
  if (auditId) reply.header('x-audit-id', auditId);
  return reply.status(200).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** The end of every envelope of one row, after content (the key order JSON.stringify gives page()). */
const ONE_ROW_TAIL =
  '],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1}';

/**
 * The JSON of callNikEnvelope for the granted values as read (`fields` and the raw row in their order), written
 * without building the envelope or the row.
 */
export function callNikJson(fields: readonly FieldName[], values: readonly (string | number)[]): string {
  return '{"content":[' + grantedRowJson(fields, values) + ONE_ROW_TAIL;
}

const responJsonCache = new Map<ResponseCode, string>();
/** The JSON of responEnvelope(code), built once per code. */
export function responJson(code: ResponseCode): string {
  let s = responJsonCache.get(code);
  if (s === undefined) {
    s = JSON.stringify(responEnvelope(code));
    responJsonCache.set(code, s);
  }
  return s;
}

/**
 * The hot path's send: status, headers and body written straight to the socket, bypassing the reply pipeline
 * (content-type parsing, onSend hooks, serialisation). It writes what that pipeline would — the app's
 * x-request-id and security headers (app.ts onSend), the content type, x-audit-id — and the onResponse hooks
 * (metrics) still run when the response finishes. No cookie is ever set on these routes.
 */
const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS).flat();

function sendJson(request: FastifyRequest, reply: FastifyReply, json: string, auditId: string): void {
  reply.hijack();
  // A flat [name, value, …] list: Node writes it as is, without walking an object's keys.
  reply.raw.writeHead(200, [
    'content-type',
    'application/json; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(json)),
    'x-audit-id',
    auditId,
    'x-request-id',
    String(request.id),
    ...SECURITY_HEADER_LIST,
  ]);
  reply.raw.end(json);
}

/** The compatible endpoints. */
export function dukcapilRoutes(app: App, rt: AccessRuntime) {
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // Every body — JSON, a form, or anything else — is read as text and parsed here (domain/dukcapil/body.ts);
    // what does not parse is answered 07 by the handler, so no parser error reaches a 4xx/5xx. Not Fastify's
    // prototype-poisoning scan: the wire parsers read named members only and never merge the body into another
    // object (a form body has no prototype at all).
    const parseBody = (_req: FastifyRequest, body: string | Buffer, done: (e: Error | null, v?: unknown) => void) => {
      done(null, readWireBody(String(body)));
    };
    scope.removeContentTypeParser('application/json');
    const asText = { parseAs: 'string' as const, bodyLimit: DUKCAPIL_BODY_LIMIT };
    scope.addContentTypeParser('application/json', asText, parseBody);
    scope.addContentTypeParser('application/x-www-form-urlencoded', asText, parseBody);
    scope.addContentTypeParser('*', asText, parseBody);

    /**
     * The principal of a refusal found before the credentials were checked: counted by the login throttle like a
     * failed login (gateway.service.ts guardedPrincipal), so a flood naming a credential is answered 19 without
     * an audit entry each.
     */
    function earlyPrincipal(
      request: FastifyRequest,
      customerId: string | undefined,
      refusal: { code: ResponseCode; reason: string },
      clientIp: string,
    ) {
      const body = request.body;
      const password =
        typeof body === 'object' && body !== null
          ? pick(body as Record<string, unknown>, 'password', 'PASSWORD')
          : undefined;
      return guardedPrincipal(rt, userIdOf(body), password, customerId, refusal, clientIp, rt.deps.now().getTime());
    }

    /** Records a refusal found before the credentials were checked and answers it in the envelope. */
    async function refuseEarly(
      request: FastifyRequest,
      reply: FastifyReply,
      action: Operation,
      code: ResponseCode,
      reason: string,
      customerId: string | null,
    ) {
      const clientIp = clientIpOf(request, 'web_service');
      const out = await serve(rt, earlyPrincipal(request, customerId ?? undefined, { code, reason }, clientIp), {
        action,
        method: 'web_service',
        operation: action === 'CALL_NIK' ? 'lookup' : 'verify',
        clientIp,
        nik: null,
        extra: { customerId: customerId === null ? null : safeText(customerId, 64) },
      });
      if (out.retryAfterMs !== undefined) return sendThrottled(reply, out.retryAfterMs);
      return sendEnvelope(reply, responEnvelope(code), out.auditId);
    }

    const errorHandler = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const action: Operation = /CALL_VERIFY_BY_ELEMEN\/?(\?|$)/.test(request.url)
        ? 'CALL_VERIFY_BY_ELEMEN'
        : 'CALL_NIK';
      const reason =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'body_too_large'
          : error.validation
            ? 'invalid'
            : 'unreadable_body';
      try {
        return await refuseEarly(request, reply, action, CODES.INCOMPLETE_PARAMETERS, reason, customerIdOf(request));
      } catch {
        return reply.status(503).send({ message: 'audit unavailable' });
      }
    };
    const common = {
      config: { auth: 'credential' as const },
      bodyLimit: DUKCAPIL_BODY_LIMIT,
      errorHandler,
    };

    /** A refusal of the login throttle: no audit entry of its own; Retry-After tells a client that reads it. */
    function sendThrottled(reply: FastifyReply, retryAfterMs: number) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return sendEnvelope(reply, responEnvelope(CODES.LOGIN_THROTTLED), '');
    }

    async function callNik(request: FastifyRequest, reply: FastifyReply, customerId: string) {
      const clientIp = clientIpOf(request, 'web_service');
      const parsed = parseCallNikBody(request.body);
      if (!parsed.ok) {
        const refusal = { code: parsed.code, reason: `field:${parsed.field}` };
        const out = await serve(rt, earlyPrincipal(request, customerId, refusal, clientIp), {
          action: 'CALL_NIK',
          method: 'web_service',
          operation: 'lookup',
          clientIp,
          nik: null,
          extra: { customerId: safeText(customerId, 64) },
        });
        if (out.retryAfterMs !== undefined) return sendThrottled(reply, out.retryAfterMs);
        return sendJson(request, reply, responJson(parsed.code), out.auditId);
      }
      const v = parsed.value;
      const now = rt.deps.now().getTime();
      const out = await serve(rt, credentialPrincipal(rt, v.userId, v.password, customerId, now, clientIp), {
        action: 'CALL_NIK',
        method: 'web_service',
        operation: 'lookup',
        clientIp,
        now,
        ipUser: v.ipUser,
        nik: v.nik,
        rowOnly: true,
      });
      if (out.retryAfterMs !== undefined) return sendThrottled(reply, out.retryAfterMs);
      const row = out.code === '01' ? out.row : undefined;
      const json = row ? callNikJson(row.fields, row.values) : responJson(out.code ?? '07');
      return sendJson(request, reply, json, out.auditId);
    }

    async function verify(request: FastifyRequest, reply: FastifyReply, customerId: string) {
      const clientIp = clientIpOf(request, 'web_service');
      const parsed = parseVerifyBody(request.body);
      if (!parsed.ok) {
        const refusal = { code: parsed.code, reason: `field:${parsed.field}` };
        const out = await serve(rt, earlyPrincipal(request, customerId, refusal, clientIp), {
          action: 'CALL_VERIFY_BY_ELEMEN',
          method: 'web_service',
          operation: 'verify',
          clientIp,
          nik: null,
          extra: { customerId: safeText(customerId, 64) },
        });
        if (out.retryAfterMs !== undefined) return sendThrottled(reply, out.retryAfterMs);
        return sendEnvelope(reply, responEnvelope(parsed.code), out.auditId);
      }
      const v = parsed.value;
      const now = rt.deps.now().getTime();
      const out = await serve(rt, credentialPrincipal(rt, v.userId, v.password, customerId, now, clientIp), {
        action: 'CALL_VERIFY_BY_ELEMEN',
        method: 'web_service',
        operation: 'verify',
        clientIp,
        now,
        ipUser: v.ipUser,
        nik: v.nik,
        claimed: v.claimed,
        threshold: v.threshold,
      });
      if (out.retryAfterMs !== undefined) return sendThrottled(reply, out.retryAfterMs);
      if (out.code === '01' && out.verdicts) {
        const verdicts: Record<string, string> = {};
        for (const x of out.verdicts) verdicts[x.field] = verdictText(x);
        return sendEnvelope(reply, verifyEnvelope(verdicts, out.quota ?? { limit: null, used: 0 }), out.auditId);
      }
      return sendEnvelope(reply, responEnvelope(out.code ?? CODES.INCOMPLETE_PARAMETERS), out.auditId);
    }

    scope.post(
      '/dukcapil/get_json/:customerId/CALL_NIK',
      {
        ...common,
        schema: {
          tags,
          summary: 'Dukcapil-compatible lookup by NIK',
          description:
            'Body `{ "NIK", "user_id", "password", "ip_user" }` as JSON or form-encoded (PHP `http_build_query`), ' +
            'keys in any letter case, an optional UTF-8 byte-order mark, the NIK as a string or a JSON number (read ' +
            'from its digits, also above 2^53). A trailing slash is accepted. Always HTTP 200; ' +
            'content[0] holds the granted fields, or RESPONSE_CODE and RESPON (03 login failed or a verify-only ' +
            'credential, 04 IP not allowed, ' +
            '05 quota, 06 hours, 07 parameters, 08/15 NIK, 09 empty credentials, 10 invalid IP, 11 deceased, ' +
            '13 not found, 14 inactive, 16 institution/PKS inactive, 17 user inactive, 19 failed logins of this ' +
            'user id or address throttled — retry after `Retry-After` seconds, 20 the prepaid PNBP balance does not ' +
            'cover the call). Body limit 64 KB.',
          params,
          response: { 200: Envelope },
        },
      },
      async (request, reply) => callNik(request, reply, request.params.customerId),
    );

    scope.post(
      '/dukcapil/get_json/:customerId/CALL_VERIFY_BY_ELEMEN',
      {
        ...common,
        schema: {
          tags,
          summary: 'Dukcapil-compatible verification by elements',
          description:
            'Body `{ "USER_ID", "PASSWORD", "IP_USER", "TRESHOLD", "NIK", ...claimed fields }`, read as CALL_NIK ' +
            'reads its body. Answers per sent ' +
            'field "Sesuai" / "Tidak Sesuai" only — never a score or a stored value. TRESHOLD 0–100 (a number or ' +
            'numeric string; absent, null or "" is 90; below 80 is raised to 80; anything else answers 07). ' +
            `At most ${VERIFY_CAP_PER_NIK_PER_DAY} verifications of one NIK per credential per day (then 05). ` +
            'A claimed field outside the grant answers 18. The envelope adds `quotaLimiter` (the calls left today, ' +
            'an integer; 2147483647 without a daily quota), as Dukcapil sends it, and `quota` {limit, used, remaining}.',
          params,
          response: { 200: Envelope },
        },
      },
      async (request, reply) => verify(request, reply, request.params.customerId),
    );

    // Everything else under get_json: `{customerId}/{operation}/` (a trailing slash), a customer id longer than the
    // router reads as a parameter, an unknown operation. Answered in the envelope like the routes above.
    scope.post(
      '/dukcapil/get_json/*',
      { ...common, schema: { hide: true } },
      async (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
        const parts = request.params['*'].split('/');
        if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
        const [customerId = '', op = ''] = parts;
        if (parts.length === 2 && OPERATIONS.has(op))
          return op === 'CALL_NIK' ? callNik(request, reply, customerId) : verify(request, reply, customerId);
        const action: Operation = op === 'CALL_VERIFY_BY_ELEMEN' ? op : 'CALL_NIK';
        return refuseEarly(request, reply, action, CODES.INCOMPLETE_PARAMETERS, 'unknown_path', customerId);
      },
    );
  });
}

function customerIdOf(request: FastifyRequest): string | null {
  const params = request.params as { customerId?: unknown; '*'?: unknown } | undefined;
  if (params?.customerId !== undefined) return safeText(params.customerId, 64);
  if (typeof params?.['*'] === 'string') return safeText(params['*'].split('/')[0], 64);
  return null;
}

function userIdOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  return pick(body as Record<string, unknown>, 'user_id', 'USER_ID');
}
