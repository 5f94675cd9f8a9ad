import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError, type ErrorKind, type FieldIssue, type Message } from '../../domain/errors.js';
import { controlCharacterIssue, ELEMENT_CODE_PATTERN, LINE_PATTERN } from './validation.js';
import { applySecurityHeaders, BASE_SECURITY_HEADERS, SECURITY_HEADERS } from './security-headers.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  locked: 423,
  rate_limited: 429,
};

/** The JSON schema of every error body (RFC 9457 problem details plus our code and bilingual message). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable code' }),
    detail: Type.String({ description: 'The message in the requested language' }),
    message: Type.Object({ id: Type.String(), en: Type.String() }),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    issues: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.Object({ id: Type.String(), en: Type.String() }) })),
    ),
  },
  { $id: 'Problem', additionalProperties: true },
);

/** The standard error responses a route declares besides its success. */
export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

function prefersEnglish(request: FastifyRequest): boolean {
  const lang = request.headers['accept-language'];
  return typeof lang === 'string' && /^en\b/i.test(lang.trim());
}

/** Sends an RFC 9457 problem+json body. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: Message,
  issues: FieldIssue[] = [],
  extra: Record<string, unknown> = {},
): FastifyReply {
  const body = {
    type: `https://gerbang.dukcapil.example/problems/${code}`,
    title: message.en,
    status,
    code,
    detail: prefersEnglish(request) ? message.en : message.id,
    message,
    // The route's pattern, never the request's own path: nothing of the request is echoed (issue 15).
    ...(request.routeOptions.url ? { instance: request.routeOptions.url } : {}),
    requestId: String(request.id),
    ...(issues.length ? { issues } : {}),
    ...extra,
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(body);
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string; pattern?: string };
}

/** A single-line field (schemas.ts `Line`) holding a line break. */
const isLineBreak = (v: ValidationIssue) => v.keyword === 'pattern' && v.params?.pattern === LINE_PATTERN;

/** Turns Ajv's validation output into per-field bilingual issues. */
function validationIssues(error: FastifyError): FieldIssue[] {
  const list = (error.validation ?? []) as ValidationIssue[];
  const context = error.validationContext ?? 'body';
  return list.map((v) => {
    const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (v.params?.missingProperty) {
      const field = [base, v.params.missingProperty].filter(Boolean).join('.');
      return { field: `${context}.${field}`, message: { id: 'wajib diisi', en: 'is required' } };
    }
    if (v.params?.additionalProperty) {
      const field = [base, v.params.additionalProperty].filter(Boolean).join('.');
      return { field: `${context}.${field}`, message: { id: 'tidak dikenal', en: 'is not allowed' } };
    }
    const field = base ? `${context}.${base}` : context;
    if (isLineBreak(v)) return controlCharacterIssue(field, true);
    if (v.keyword === 'pattern' && v.params?.pattern === ELEMENT_CODE_PATTERN) {
      return { field, message: { id: 'bukan kode elemen data yang dikenal', en: 'is not a known data-element code' } };
    }
    if (v.keyword === 'enum') return { field, message: { id: 'bukan nilai yang dikenal', en: 'is not a known value' } };
    return { field, message: { id: `tidak valid (${v.message ?? ''})`, en: v.message ?? 'is invalid' } };
  });
}

/** The one map from any thrown error to a problem response; never leaks internals. */
export function handleError(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const retryAfter = error.extra.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return sendProblem(request, reply, STATUS[error.kind], error.code, error.messages, error.issues, error.extra);
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    // Only line breaks in single-line fields: the same refusal as any other control character.
    if (fe.validation.length && (fe.validation as ValidationIssue[]).every(isLineBreak)) {
      return sendProblem(
        request,
        reply,
        400,
        'control_character',
        {
          id: 'Masukan memuat karakter kendali yang tidak diizinkan.',
          en: 'The input contains a control character that is not allowed.',
        },
        validationIssues(fe),
      );
    }
    return sendProblem(
      request,
      reply,
      400,
      'validation_failed',
      { id: 'Masukan tidak valid.', en: 'The input is invalid.' },
      validationIssues(fe),
    );
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(request, reply, 413, 'body_too_large', {
        id: 'Isi permintaan terlalu besar.',
        en: 'The request body is too large.',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(request, reply, 415, 'unsupported_media_type', {
        id: 'Jenis konten tidak didukung; kirim application/json.',
        en: 'Unsupported content type; send application/json.',
      });
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return sendProblem(request, reply, 413, 'file_too_large', {
        id: 'Berkas terlalu besar atau terlalu banyak; maksimal satu berkas 10 MB.',
        en: 'The file is too large or there are too many; at most one file of 10 MB.',
      });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return sendProblem(request, reply, 415, 'unsupported_media_type', {
        id: 'Kirim berkas sebagai multipart/form-data.',
        en: 'Send the file as multipart/form-data.',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendProblem(request, reply, 400, 'invalid_json', {
        id: 'Isi permintaan bukan JSON yang valid.',
        en: 'The request body is not valid JSON.',
      });
    default:
      break;
  }
  if (isMalformedMultipart(fe)) {
    return sendProblem(request, reply, 400, 'malformed_multipart', MALFORMED_MULTIPART);
  }
  if (error instanceof SyntaxError || (fe.statusCode === 400 && fe.code?.startsWith('FST_ERR_CTP'))) {
    return sendProblem(request, reply, 400, 'invalid_json', {
      id: 'Isi permintaan bukan JSON yang valid.',
      en: 'The request body is not valid JSON.',
    });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendProblem(request, reply, fe.statusCode, 'bad_request', {
      id: 'Permintaan tidak dapat diproses.',
      en: 'The request cannot be processed.',
    });
  }
  if (isUniqueViolation(error)) {
    // Two requests raced past the service's own "already exists?" check; the unique index decided and the loser's
    // transaction rolled back whole. Logged, since a service should normally have said so itself.
    request.log.warn({ err: error }, 'unique constraint raced');
    return sendProblem(request, reply, 409, 'concurrent_change', {
      id: 'Data yang sama baru saja dibuat atau diubah oleh permintaan lain. Muat ulang lalu coba lagi.',
      en: 'The same record was just created or changed by another request. Reload and try again.',
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 500, 'internal_error', {
    id: 'Terjadi kesalahan pada server. Silakan coba lagi.',
    en: 'Something went wrong on the server. Please try again.',
  });
}

/** 404 for any route that does not exist, in the same form; the request's method and path are not echoed. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 404, 'route_not_found', {
    id: 'Alamat ini tidak ada.',
    en: 'No route at this address.',
  });
}

const MALFORMED_MULTIPART: Message = {
  id: 'Isi multipart/form-data rusak atau terpotong; kirim ulang berkasnya.',
  en: 'The multipart/form-data body is malformed or truncated; send the file again.',
};

/**
 * The parser errors of @fastify/busboy (plain Errors without a code, thrown by `request.file()` or its stream):
 * a missing or empty boundary, an over-long one, a body that ends early. The client's fault, so 400.
 */
const BUSBOY_MESSAGES =
  /^(Multipart: Boundary not found|Boundary required|Missing Content-Type|Unsupported Content-Type|The needle (cannot be an empty|cannot have a length bigger)|Unexpected end of (multipart data|form|file)|.* terminated early due to unexpected end of multipart data|Malformed (part )?header)/;

function isMalformedMultipart(error: FastifyError | Error): boolean {
  return !('code' in error && error.code) && BUSBOY_MESSAGES.test(error.message);
}

/** The map the upload helpers use: true for the parser errors of a malformed multipart body. */
export function malformedMultipart(error: unknown): DomainError | undefined {
  return error instanceof Error && isMalformedMultipart(error)
    ? new DomainError('invalid', 'malformed_multipart', MALFORMED_MULTIPART)
    : undefined;
}

/** 414 for an address with a path segment longer than the router takes; the address is not echoed. */
export function uriTooLong(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 414, 'uri_too_long', {
    id: 'Alamat terlalu panjang.',
    en: 'The address is too long.',
  });
}

/**
 * The router's own refusals (Fastify's `frameworkErrors`): a URL that does not decode, a path parameter over
 * the router's length limit. Answered as problem+json through the reply, so the onSend hook adds the headers.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // These replies skip the onSend hooks (Fastify builds them outside any route): set the headers here.
  reply.header('x-request-id', String(request.id));
  applySecurityHeaders(request, reply);
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return uriTooLong(request, reply);
    case 'FST_ERR_BAD_URL':
      return sendProblem(request, reply, 400, 'bad_url', {
        id: 'Alamat tidak valid.',
        en: 'The address is not valid.',
      });
    default:
      return handleError(error, request, reply);
  }
}

/**
 * What the HTTP parser refuses before any request exists (Fastify's `clientErrorHandler`): an unknown method, a
 * malformed request line, headers too large, a request too slow. Written to the socket as problem+json with
 * the security headers; nothing of the request is echoed.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, string, Message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', { id: 'Permintaan terlalu lama.', en: 'The request took too long.' }]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'headers_too_large',
            { id: 'Header permintaan terlalu besar.', en: 'The request headers are too large.' },
          ]
        : [400, 'bad_request', { id: 'Permintaan tidak dapat diproses.', en: 'The request cannot be processed.' }];
  const body = JSON.stringify({
    type: `https://gerbang.dukcapil.example/problems/${code}`,
    title: message.en,
    status,
    code,
    detail: message.id,
    message,
  });
  const headers = Object.entries({ ...BASE_SECURITY_HEADERS, 'cache-control': SECURITY_HEADERS['cache-control'] })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n` +
        `content-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n${headers}\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * True for a unique or primary-key violation from either database (PostgreSQL 23505; SQLite's
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY), as thrown when a transaction commits second in a race.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
