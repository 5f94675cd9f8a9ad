/**
 * The audit log's anchors, public (ADR 0008): the signed tree heads, newest first, and the signing keys pinned
 * outside the database with their fingerprints. Anyone may save a head and later hold the operator to it
 * (`gerbang audit verify --since`), or check an inclusion proof against it.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../../http/types.js';
import { problemResponses } from '../../../http/problem.js';
import { errors } from '../../../../domain/errors.js';
import { formatFingerprint } from '../../../../domain/audit/heads.js';
import type { AccessRuntime } from '../runtime.js';
import { lastHead, listHeads, publicHead } from './audit.repository.js';

const Head = Type.Object(
  {
    treeSize: Type.Integer({ description: 'entries in the log under this head' }),
    rootHash: Type.String({ description: 'RFC 6962 Merkle tree hash of those entries, hex' }),
    timestamp: Type.String({ description: 'when it was signed (ISO 8601)' }),
    keyId: Type.String(),
    signature: Type.String({ description: 'Ed25519 over the canonical head, base64' }),
  },
  { description: 'a signed tree head (ADR 0008)' },
);

/** GET /api/audit/heads, /api/audit/heads/latest, /api/audit/keys. */
export function auditHeadRoutes(app: App, rt: AccessRuntime) {
  app.get(
    '/api/audit/heads/latest',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'The newest signed tree head of the audit log (public)',
        response: { 200: Head, ...problemResponses },
      },
    },
    async () => {
      const h = await lastHead(rt.db);
      if (!h) throw errors.notFound({ id: 'Kepala pohon log audit', en: 'An audit tree head' });
      return publicHead(h);
    },
  );

  app.get(
    '/api/audit/heads',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Signed tree heads of the audit log, newest first (public; one per sealed batch)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
            beforeSize: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: Number.MAX_SAFE_INTEGER,
                description: 'page back: heads smaller than this',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ heads: Type.Array(Head) }), ...problemResponses },
      },
    },
    async (request) => {
      const heads = await listHeads(rt.db, { beforeSize: request.query.beforeSize, limit: request.query.limit ?? 100 });
      return { heads: heads.map(publicHead) };
    },
  );

  app.get(
    '/api/audit/keys',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'The audit signing keys pinned outside the database, with fingerprints (public)',
        response: {
          200: Type.Object({
            signingKeyId: Type.String({ description: 'the key signing now' }),
            keys: Type.Array(
              Type.Object({
                keyId: Type.String(),
                fingerprint: Type.String({ description: 'SHA-256 of the SPKI, hex' }),
                display: Type.String({ description: 'the fingerprint as printed at start: SHA256:abcd …' }),
                publicKey: Type.String({ description: 'SPKI PEM' }),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async () => ({
      signingKeyId: rt.keys.signer.keyId,
      keys: rt.keys.pinned.keys.map((k) => ({
        keyId: k.keyId,
        fingerprint: k.fingerprint,
        display: formatFingerprint(k.fingerprint),
        publicKey: k.publicKey,
      })),
    }),
  );
}
