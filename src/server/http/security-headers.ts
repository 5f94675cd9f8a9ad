/**
 * The security headers of every response, and which responses must never be stored by a browser or a proxy.
 *
 * - Content-Security-Policy: the SPA is Vite-built module scripts and stylesheets from 'self'; Mantine writes
 *   inline styles ('unsafe-inline' for styles only, never for scripts); images may be data:/blob: URLs; nothing
 *   may frame any page (`frame-ancestors 'none'`, with X-Frame-Options for older browsers).
 * - Permissions-Policy: no camera, microphone, geolocation, payment or device APIs for any page.
 * - Strict-Transport-Security: only on a response to a request that came over TLS (`request.protocol`, which
 *   reads X-Forwarded-Proto only from a configured TRUST_PROXY peer), never over plain HTTP.
 * - Cache-Control `no-store`: every `/api`, `/dukcapil` and `/metrics` response (personal data, one-time secrets,
 *   sessions, audit entries, documents), except the API docs' static assets. The SPA's own assets keep caching.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The Content-Security-Policy of every response. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The policy of a PDF answered inline (documents, SOP sheets, case files): Chrome shows it through an embed in a
 * synthetic page that the response's own object-src governs, so that one source is 'self' there; nothing else changes.
 */
export const PDF_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("object-src 'none'", "object-src 'self'");

/** Browser features no page of Gerbang uses. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'midi=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'display-capture=()',
].join(', ');

/** HSTS for responses over TLS: one year, subdomains included. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers every response carries, whatever its path. */
export const BASE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'permissions-policy': PERMISSIONS_POLICY,
  'cross-origin-opener-policy': 'same-origin',
} as const;

/**
 * Headers of every API response (app.ts sets them in onSend; the gateway's raw fast path writes them itself, so
 * the compatible endpoints' answers are never stored either).
 */
export const SECURITY_HEADERS = { ...BASE_SECURITY_HEADERS, 'cache-control': 'no-store' } as const;

const BASE_ENTRIES = Object.entries(BASE_SECURITY_HEADERS);

/**
 * True when a response to this URL must not be stored: every `/api`, `/dukcapil` and `/metrics` path, but the
 * API docs' static files (public, large, no data).
 */
export function mustNotStore(url: string): boolean {
  const c = url.charCodeAt(1);
  // '/a…', '/d…', '/m…': anything else is the SPA or its assets.
  if (c !== 97 && c !== 100 && c !== 109) return false;
  if (!/^\/(api|dukcapil|metrics)(\/|\?|$)/.test(url)) return false;
  return !url.startsWith('/api/docs/static/');
}

/**
 * The percent-decoded path of a request URL, an absolute-form `http://host/api/…` reduced to its path: what the
 * router matched (`/%61pi/auth/me` is the `/api/auth/me` it served).
 */
export function decodedPath(url: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = absolute ? url.slice(absolute[0].length) || '/' : url;
  const path = rest.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * True when the response to this request must not be stored: judged on the raw URL, the matched route's pattern
 * (`request.routeOptions.url`) and the decoded path, so no spelling of an API path escapes it.
 */
export function requestMustNotStore(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return mustNotStore(request.url) || (!!route && mustNotStore(route)) || mustNotStore(decodedPath(request.url));
}

/** Sets the security headers on a response (app.ts's onSend hook). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of BASE_ENTRIES) reply.header(name, value);
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('application/pdf'))
    reply.header('content-security-policy', PDF_CONTENT_SECURITY_POLICY);
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  if (requestMustNotStore(request)) reply.header('cache-control', 'no-store');
}
