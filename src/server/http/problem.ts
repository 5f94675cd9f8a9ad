import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError, type ErrorKind, type FieldIssue, type Message } from '../../domain/errors.js';

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
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...(issues.length ? { issues } : {}),
    ...extra,
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(body);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

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
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 500, 'internal_error', {
    id: 'Terjadi kesalahan pada server. Silakan coba lagi.',
    en: 'Something went wrong on the server. Please try again.',
  });
}

/** 404 for any route that does not exist, in the same form. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 404, 'route_not_found', {
    id: `Alamat ${request.method} ${request.url.split('?')[0]} tidak ada.`,
    en: `No route ${request.method} ${request.url.split('?')[0]}.`,
  });
}
