/**
 * No log line carries a NIK or a secret. URLs are logged with every run of 12 or more digits replaced (a NIK or a
 * KK number is 16; the audit log refuses 12 the same way) and with the values of secret-looking query parameters
 * replaced; error messages and every string logged go through the same replacement (a JSON parse error quotes
 * the body it could not read). Headers are not logged at all; the few a serializer could reach are redacted.
 */
import type { FastifyServerOptions } from 'fastify';

/** What stands for a redacted value. */
export const REDACTED = '[redacted]';

/** Query parameters whose values are secrets (or a login): any name containing one of these words. */
const SECRET_PARAM = /pass|pwd|secret|token|key|auth|sig|session|sid|otp|credential|user_?id|nik/i;
const LONG_DIGITS = /\d{12,}/g;

/** A text with every run of 12 or more digits replaced. */
export function redactText(s: string): string {
  return s.replace(LONG_DIGITS, (m) => `[redacted:${m.length}]`);
}

const HAS_LONG_DIGITS = /\d{12}/;

/** A piece of a URL redacted; percent-encoded digits ("%33%32…") are decoded first so they cannot slip through. */
function redactPart(s: string): string {
  if (s.indexOf('%') < 0) return redactText(s);
  let decoded = s;
  try {
    decoded = decodeURIComponent(s);
  } catch {
    // malformed escapes: redact as written
  }
  return HAS_LONG_DIGITS.test(decoded) ? redactText(decoded) : redactText(s);
}

/** A URL (path and query) with NIK-like digit runs and secret query values redacted. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  let out = redactPart(path);
  if (q >= 0) {
    const parts = url
      .slice(q + 1)
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        if (eq < 0) return redactPart(part);
        let name = part.slice(0, eq);
        try {
          name = decodeURIComponent(name);
        } catch {
          // keep it as written
        }
        return SECRET_PARAM.test(name) ? `${part.slice(0, eq)}=${REDACTED}` : redactPart(part);
      });
    out += '?' + parts.join('&');
  }
  return out;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

interface LoggedError {
  name?: string;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  statusCode?: unknown;
  validationContext?: unknown;
}

/** The request as logged: Fastify's default fields, the URL redacted. */
function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** An error as logged: type, message, stack and code, the texts redacted. */
function serializeError(err: LoggedError): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const text = (v: unknown) => (typeof v === 'string' ? redactText(v) : undefined);
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name ?? err.constructor?.name,
    message: text(err.message),
    stack: text(err.stack),
    ...(err.code !== undefined ? { code: String(err.code) } : {}),
    ...(typeof err.statusCode === 'number' ? { statusCode: err.statusCode } : {}),
    ...(typeof err.validationContext === 'string' ? { validationContext: err.validationContext } : {}),
    ...(cause instanceof Error ? { cause: serializeError(cause) } : {}),
  };
}

/** Every string argument of a log call, and every string field of its object, redacted. */
function redactArgs(args: unknown[]): unknown[] {
  return args.map((a) => {
    if (typeof a === 'string') return redactText(a);
    if (typeof a !== 'object' || a === null || Array.isArray(a) || a instanceof Error) return a;
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(a)) {
      if (typeof v === 'string') {
        const r = k === 'url' ? redactUrl(v) : redactText(v);
        if (r !== v) (copy ??= { ...(a as Record<string, unknown>) })[k] = r;
      }
    }
    return copy ?? a;
  });
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/**
 * The app's pino options: the level, the given options (a destination stream in tests), and always the
 * redacting serializers and hook; false stays false (no logging).
 */
export function redactingLogger(level: string, given: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (given === false) return false;
  const base: LoggerOptions = typeof given === 'object' && given !== null ? given : {};
  const b = base as Record<string, unknown>;
  return {
    level,
    ...base,
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'req.headers["x-metrics-token"]',
    ],
    serializers: {
      ...(b.serializers as Record<string, unknown> | undefined),
      req: serializeRequest,
      err: serializeError,
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, redactArgs(args));
      },
    },
  } as LoggerOptions;
}
