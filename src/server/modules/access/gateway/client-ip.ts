/**
 * The one source of the client address a grant's IP allow-list is checked against and the audit records.
 *
 * - Machine channels (the compatible web service, v1, the card reader): the TCP peer of the socket, always. No
 *   header is consulted, not even with TRUST_PROXY set: institutions connect to the service directly (or through
 *   Dukcapil's own network, which preserves addresses), and a forwarded-for header is whatever the caller writes.
 * - The web portal: `request.ip`, i.e. the socket peer, or the address the configured trusted proxy reports when
 *   TRUST_PROXY is set — browsers reach the SPA through the site's reverse proxy, whose address would otherwise be
 *   every operator's.
 */
import type { FastifyRequest } from 'fastify';
import type { AccessMethod } from '../../../../domain/grant/grant.js';

/** The client address of a data call on the given channel (see the module comment). */
export function clientIpOf(request: FastifyRequest, method: AccessMethod): string {
  if (method === 'web_portal') return request.ip;
  return request.raw.socket.remoteAddress ?? '';
}
