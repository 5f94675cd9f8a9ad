/**
 * Serving an uploaded file so that it opens in the browser tab (issue 14: the clerk sees what they decide on),
 * safely: the type is the one its first bytes show (only PDF, PNG and JPEG are ever stored), never the name's or the
 * uploader's; `nosniff` forbids the browser to guess another; the response carries its own Content-Security-Policy
 * in which nothing may run, load or frame it; the name in Content-Disposition is the stored safe name.
 *
 * Images get a full CSP `sandbox` (an opaque origin without scripts, forms or plugins). A PDF gets the same locked
 * policy without the `sandbox` token: Chromium and Firefox refuse to start their PDF viewer in a sandboxed document
 * (the viewer is a plugin there), so a sandboxed PDF would show an empty "blocked" page; what the sandbox guards
 * against (a page's scripts) cannot exist in a response whose sniffed type is application/pdf with nosniff.
 */
import type { FastifyReply, RouteShorthandOptions } from 'fastify';
import type { FileTable } from '../../db/schema.js';
import { sniffType } from '../../../domain/files.js';

/** The policy of an inline image: nothing runs, nothing loads but itself, nothing frames it, opaque origin. */
export const INLINE_IMAGE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The policy of an inline PDF: no sources at all but the PDF itself through the viewer's embed. */
export const INLINE_PDF_CSP =
  "default-src 'none'; object-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers of an uploaded file answered inline, by its sniffed type. */
export function inlineHeaders(filename: string, bytes: Buffer): Record<string, string> {
  const type = sniffType(bytes) ?? 'application/octet-stream';
  const inline = type !== 'application/octet-stream';
  return {
    'content-type': type,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename.replace(/["\\\r\n]/g, '_')}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': type === 'application/pdf' ? INLINE_PDF_CSP : INLINE_IMAGE_CSP,
    'cross-origin-resource-policy': 'same-origin',
  };
}

/**
 * Sends a stored file inline. The app's onSend hook writes the site-wide security headers on every response; the
 * route's own onSend (`inlineFileRoute`), which runs after it, puts the file's policy back.
 */
export function sendInline(reply: FastifyReply, row: Pick<FileTable, 'filename' | 'sha256'>, bytes: Buffer) {
  const headers = inlineHeaders(row.filename, bytes);
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  reply.header('x-content-sha256', row.sha256);
  return reply.send(bytes);
}

/** Route options of a route answering with sendInline: restores the file's policy after the app's headers. */
export const inlineFileRoute: Pick<RouteShorthandOptions, 'onSend'> = {
  onSend: async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (reply.statusCode === 200 && typeof type === 'string' && reply.getHeader('x-content-sha256')) {
      reply.header('content-security-policy', type.startsWith('application/pdf') ? INLINE_PDF_CSP : INLINE_IMAGE_CSP);
    }
    return payload;
  },
};
