/**
 * The one source of the client address a grant's IP allow-list is checked against and the audit records, on
 * every channel (the compatible web service, v1, the card reader, the web portal): `request.ip`.
 *
 * Without TRUST_PROXY that is the TCP peer of the socket, and no header is ever consulted. With TRUST_PROXY naming
 * the reverse proxies (config.ts; Fastify's `trustProxy` gets the same list), X-Forwarded-For is read only when the
 * socket peer is one of them, walking it from the right and stopping at the first hop that is not a configured
 * proxy: that hop is the client. A client's own X-Forwarded-For, sent straight to Gerbang or appended to by the
 * proxy, never decides: its entries lie left of the hop the proxy added. A hop that is not an IP address (a proxy
 * that passes garbage through) yields '' — refused as an invalid address, never matched against the proxy's.
 */
import type { FastifyRequest } from 'fastify';
import type { AccessMethod } from '../../../../domain/grant/grant.js';
import { isIp } from '../../../../domain/grant/ip.js';

/** The client address of a data call (see the module comment); the channel does not change the rule. */
export function clientIpOf(request: FastifyRequest, _method: AccessMethod): string {
  const ip = request.ip;
  if (ip === undefined) return '';
  // Without a proxy this is the socket's own address, already an IP; a forwarded one is checked.
  return ip === request.raw.socket.remoteAddress || isIp(ip) ? ip : '';
}
