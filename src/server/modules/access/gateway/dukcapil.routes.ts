/**
 * The Dukcapil-compatible web service: `POST /dukcapil/get_json/{customerId}/CALL_NIK` and
 * `.../CALL_VERIFY_BY_ELEMEN`. Like the service institutions integrated with, every answer is HTTP 200 with the
 * outcome in content[0] (RESPONSE_CODE, RESPON); bodies that are not JSON, are over 64 KB or are of another
 * content type answer 07 the same way, never a 5xx. The body is parsed here (not by a JSON schema) because
 * the integrations' quirks — user_id or USER_ID, NIK as a number — are part of the contract.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../../http/types.js';
import { SECURITY_HEADERS } from '../../../http/security-headers.js';
import { CODES, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import {
  callNikEnvelope,
  parseCallNikBody,
  parseVerifyBody,
  responEnvelope,
  verifyEnvelope,
} from '../../../../domain/dukcapil/wire.js';
import { VERIFY_CAP_PER_NIK_PER_DAY } from '../../../../domain/grant/grant.js';
import { verdictText } from '../../../../domain/match/verify.js';
import { safeText } from '../audit/audit-log.js';
import type { AccessRuntime } from '../runtime.js';
import { clientIpOf } from './client-ip.js';
import { credentialPrincipal, namedPrincipal, serve } from './gateway.service.js';

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
const params = Type.Object({ customerId: Type.String({ maxLength: 64 }) });

async function sendEnvelope(reply: FastifyReply, body: unknown, auditId: string) {
  reply.header('x-audit-id', auditId);
  return reply.status(200).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** The end of every envelope of one row, after content (the key order JSON.stringify gives page()). */
const ONE_ROW_TAIL =
  '],"lastPage":true,"numberOfElements":1,"sort":null,"totalElements":1,"firstPage":true,"number":0,"size":1}';

/** The JSON of callNikEnvelope(projected), written without stringifying the fixed envelope each time. */
export function callNikJson(projected: Parameters<typeof callNikEnvelope>[0]): string {
  const env = callNikEnvelope(projected);
  return '{"content":[' + JSON.stringify(env.content[0]) + ONE_ROW_TAIL;
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
    // Every body — JSON or not — is read as text and parsed here; what does not parse is answered 07 by the
    // handler, so no parser error reaches a 4xx/5xx. Plain JSON.parse, not Fastify's prototype-poisoning scan:
    // the wire parsers read named members only and never merge the body into another object.
    const parseBody = (_req: FastifyRequest, body: string | Buffer, done: (e: Error | null, v?: unknown) => void) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(null, undefined);
      }
    };
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: DUKCAPIL_BODY_LIMIT }, parseBody);
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: DUKCAPIL_BODY_LIMIT }, parseBody);
    const errorHandler = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const action = request.url.endsWith('CALL_VERIFY_BY_ELEMEN') ? 'CALL_VERIFY_BY_ELEMEN' : 'CALL_NIK';
      const reason =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'body_too_large'
          : error.validation
            ? 'invalid'
            : 'unreadable_body';
      try {
        const refusal = { code: CODES.INCOMPLETE_PARAMETERS, reason };
        const out = await serve(rt, namedPrincipal(rt, undefined, refusal), {
          action,
          method: 'web_service',
          operation: action === 'CALL_NIK' ? 'lookup' : 'verify',
          clientIp: clientIpOf(request, 'web_service'),
          nik: null,
          extra: { customerId: customerIdOf(request) },
        });
        return await sendEnvelope(reply, responEnvelope(CODES.INCOMPLETE_PARAMETERS), out.auditId);
      } catch {
        return reply.status(503).send({ message: 'audit unavailable' });
      }
    };
    const common = {
      config: { auth: 'credential' as const },
      bodyLimit: DUKCAPIL_BODY_LIMIT,
      errorHandler,
    };

    scope.post(
      '/dukcapil/get_json/:customerId/CALL_NIK',
      {
        ...common,
        schema: {
          tags,
          summary: 'Dukcapil-compatible lookup by NIK',
          description:
            'Body `{ "NIK", "user_id", "password", "ip_user" }` (USER_ID/PASSWORD/IP_USER accepted). Always HTTP 200; ' +
            'content[0] holds the granted fields, or RESPONSE_CODE and RESPON (03 login failed or a verify-only ' +
            'credential, 04 IP not allowed, ' +
            '05 quota, 06 hours, 07 parameters, 08/15 NIK, 09 empty credentials, 10 invalid IP, 11 deceased, ' +
            '13 not found, 14 inactive, 16 institution/PKS inactive, 17 user inactive). Body limit 64 KB.',
          params,
          response: { 200: Envelope },
        },
      },
      async (request, reply) => {
        const clientIp = clientIpOf(request, 'web_service');
        const parsed = parseCallNikBody(request.body);
        if (!parsed.ok) {
          const refusal = { code: parsed.code, reason: `field:${parsed.field}` };
          const out = await serve(rt, namedPrincipal(rt, userIdOf(request.body), refusal), {
            action: 'CALL_NIK',
            method: 'web_service',
            operation: 'lookup',
            clientIp,
            nik: null,
            extra: { customerId: safeText(request.params.customerId, 64) },
          });
          return sendJson(request, reply, responJson(parsed.code), out.auditId);
        }
        const v = parsed.value;
        const now = rt.deps.now().getTime();
        const out = await serve(rt, credentialPrincipal(rt, v.userId, v.password, request.params.customerId, now), {
          action: 'CALL_NIK',
          method: 'web_service',
          operation: 'lookup',
          clientIp,
          now,
          ipUser: v.ipUser,
          nik: v.nik,
        });
        const json = out.code === '01' && out.fields ? callNikJson(out.fields) : responJson(out.code ?? '07');
        return sendJson(request, reply, json, out.auditId);
      },
    );

    scope.post(
      '/dukcapil/get_json/:customerId/CALL_VERIFY_BY_ELEMEN',
      {
        ...common,
        schema: {
          tags,
          summary: 'Dukcapil-compatible verification by elements',
          description:
            'Body `{ "USER_ID", "PASSWORD", "IP_USER", "TRESHOLD", "NIK", ...claimed fields }`. Answers per sent ' +
            'field "Sesuai" / "Tidak Sesuai" only — never a score or a stored value. TRESHOLD 0–100 (a number or ' +
            'numeric string; absent, null or "" is 90; below 80 is raised to 80; anything else answers 07). ' +
            `At most ${VERIFY_CAP_PER_NIK_PER_DAY} verifications of one NIK per credential per day (then 05). ` +
            'The envelope adds `quota` {limit, used, remaining}.',
          params,
          response: { 200: Envelope },
        },
      },
      async (request, reply) => {
        const clientIp = clientIpOf(request, 'web_service');
        const parsed = parseVerifyBody(request.body);
        if (!parsed.ok) {
          const refusal = { code: parsed.code, reason: `field:${parsed.field}` };
          const out = await serve(rt, namedPrincipal(rt, userIdOf(request.body), refusal), {
            action: 'CALL_VERIFY_BY_ELEMEN',
            method: 'web_service',
            operation: 'verify',
            clientIp,
            nik: null,
            extra: { customerId: safeText(request.params.customerId, 64) },
          });
          return sendEnvelope(reply, responEnvelope(parsed.code), out.auditId);
        }
        const v = parsed.value;
        const now = rt.deps.now().getTime();
        const out = await serve(rt, credentialPrincipal(rt, v.userId, v.password, request.params.customerId, now), {
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
        if (out.code === '01' && out.verdicts) {
          const verdicts: Record<string, string> = {};
          for (const x of out.verdicts) verdicts[x.field] = verdictText(x);
          return sendEnvelope(reply, verifyEnvelope(verdicts, out.quota ?? { limit: null, used: 0 }), out.auditId);
        }
        return sendEnvelope(reply, responEnvelope(out.code ?? CODES.INCOMPLETE_PARAMETERS), out.auditId);
      },
    );
  });
}

function customerIdOf(request: FastifyRequest): string | null {
  const params = request.params as { customerId?: unknown } | undefined;
  return params?.customerId !== undefined ? safeText(params.customerId, 64) : null;
}

function userIdOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  return b.user_id ?? b.USER_ID;
}
