/**
 * The card-reader channel: a registered device submits a signed read (device id, card NIK, fingerprint match,
 * timestamp, nonce). The device is the principal: the server checks registration, signature, freshness
 * (±2 minutes), the NIK, replay (nonces are stored) and the fingerprint, then runs the device's grant through the
 * gateway pipeline like any call and answers the granted elements. Every outcome is recorded — a body that fails
 * the schema too — attributed to the device (and its institution) the read names, when it is registered.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../http/types.js';
import { handleError, sendProblem } from '../../../http/problem.js';
import { RESPON, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import type { Message } from '../../../../domain/errors.js';
import { safeText } from '../audit/audit-log.js';
import { clientIpOf } from '../gateway/client-ip.js';
import { grantPrincipal, refusedPrincipal, serve, type Principal } from '../gateway/gateway.service.js';
import { findDevice, pruneNonces, useNonce } from '../provisioning/grant.repository.js';
import type { AccessRuntime } from '../runtime.js';
import { verifyRead, type ReaderRead } from './signing.js';

/** How far a read's timestamp may be from the server's clock. */
export const READER_FRESHNESS_MS = 2 * 60_000;

const REFUSALS: Record<string, [number, Message]> = {
  device_unknown: [
    401,
    { id: 'Perangkat tidak terdaftar atau dicabut.', en: 'The device is not registered or was revoked.' },
  ],
  signature_invalid: [401, { id: 'Tanda tangan perangkat tidak sah.', en: 'The device signature does not verify.' }],
  stale: [401, { id: 'Waktu pembacaan di luar batas ±2 menit.', en: 'The read is outside the ±2 minute window.' }],
  replay: [409, { id: 'Nonce sudah dipakai (pengulangan).', en: 'The nonce was used before (a replay).' }],
  fingerprint_mismatch: [
    403,
    { id: 'Sidik jari tidak cocok dengan kartu.', en: 'The fingerprint does not match the card.' },
  ],
  nik_invalid: [400, { id: 'NIK tidak sah.', en: 'The NIK is not valid.' }],
};

type Device = NonNullable<Awaited<ReturnType<typeof findDevice>>>;

/** A refused device principal: the device and its institution when it is registered, else the name sent. */
async function refusedDevice(rt: AccessRuntime, device: Device | undefined, name: unknown, reason: string) {
  if (!device)
    return refusedPrincipal({ kind: 'device', id: `unknown:${safeText(name, 64)}` }, null, null, {
      code: null,
      reason,
    });
  const named = await rt.grantById(device.grant_id);
  return refusedPrincipal({ kind: 'device', id: device.id }, device.institution_id, named, { code: null, reason });
}

/**
 * The device behind a read, in the order a forger learns least: registration, signature, freshness, the NIK,
 * replay (the nonce is spent only by a signed, fresh read), fingerprint; then the device's grant.
 */
async function devicePrincipal(rt: AccessRuntime, read: ReaderRead, nikOk: boolean, now: number): Promise<Principal> {
  const device = await findDevice(rt.db, read.deviceId);
  if (!device || device.status !== 'active') return refusedDevice(rt, device, read.deviceId, 'device_unknown');
  if (!verifyRead(read, device.public_key)) return refusedDevice(rt, device, read.deviceId, 'signature_invalid');
  if (!(Math.abs(Date.parse(read.timestamp) - now) <= READER_FRESHNESS_MS))
    return refusedDevice(rt, device, read.deviceId, 'stale');
  if (!nikOk) return refusedDevice(rt, device, read.deviceId, 'nik_invalid');
  if (!(await useNonce(rt.db, device.id, read.nonce, new Date(now).toISOString())))
    return refusedDevice(rt, device, read.deviceId, 'replay');
  if (!read.fingerprintMatch) return refusedDevice(rt, device, read.deviceId, 'fingerprint_mismatch');
  const grant = await rt.grantById(device.grant_id);
  if (!grant) return refusedDevice(rt, device, read.deviceId, 'device_unknown');
  return grantPrincipal(grant, { kind: 'device', id: device.id });
}

/** The reader route. */
export function readerRoutes(app: App, rt: AccessRuntime) {
  let lastPrune = 0;

  /** A read that fails the schema is recorded against the device it names, then answered 400 as anywhere. */
  async function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    try {
      const body = request.body as { deviceId?: unknown } | undefined;
      const name = typeof body?.deviceId === 'string' && body.deviceId.length <= 64 ? body.deviceId : undefined;
      const device = name ? await findDevice(rt.db, name) : undefined;
      const reason = error.validation ? 'invalid' : 'unreadable_body';
      const out = await serve(rt, refusedDevice(rt, device, name ?? '', reason), {
        action: 'reader.read',
        method: 'card_reader',
        operation: 'lookup',
        clientIp: clientIpOf(request, 'card_reader'),
        nik: null,
      });
      reply.header('x-audit-id', out.auditId);
    } catch (e) {
      request.log.error({ err: e }, 'recording a reader refusal failed');
      return sendProblem(request, reply, 503, 'audit_unavailable', {
        id: 'Catatan audit tidak tersedia; coba lagi.',
        en: 'The audit log is unavailable; try again.',
      });
    }
    return handleError(error, request, reply);
  }

  app.post(
    '/api/reader/read',
    {
      config: { auth: 'credential' },
      errorHandler,
      schema: {
        tags: ['reader'],
        summary: 'A signed KTP-el read from a registered card-reader device',
        description:
          'Signature: Ed25519 over "gerbang-reader-v1\\n{deviceId}\\n{nik}\\n{1|0}\\n{timestamp}\\n{nonce}" (UTF-8), base64. ' +
          'Timestamp within ±2 minutes; a nonce is accepted once per device.',
        body: Type.Object(
          {
            deviceId: Type.String({ minLength: 1, maxLength: 64 }),
            nik: Type.String({ maxLength: 32 }),
            fingerprintMatch: Type.Boolean(),
            timestamp: Type.String({ maxLength: 40 }),
            nonce: Type.String({ minLength: 8, maxLength: 128 }),
            signature: Type.String({ maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            code: Type.String(),
            respon: Type.String(),
            fields: Type.Optional(Type.Record(Type.String(), Type.String())),
          }),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          402: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
          409: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const read = request.body as ReaderRead;
      const now = rt.deps.now().getTime();
      const nik = readNik(read.nik);
      const out = await serve(rt, devicePrincipal(rt, read, nik.ok, now), {
        action: 'reader.read',
        method: 'card_reader',
        operation: 'lookup',
        clientIp: clientIpOf(request, 'card_reader'),
        nik: nik.ok ? nik.nik : null,
        extra: { fingerprintMatch: read.fingerprintMatch },
      });
      reply.header('x-audit-id', out.auditId);
      if (now - lastPrune > 60_000) {
        lastPrune = now;
        void pruneNonces(rt.db, new Date(now - 2 * READER_FRESHNESS_MS).toISOString()).catch(() => undefined);
      }
      const code = out.code;
      const fields = out.fields as Record<string, string> | undefined;
      if (code) {
        if (code === '01' || code === '11' || code === '13' || code === '14')
          return { code, respon: RESPON[code].id, ...(fields ? { fields } : {}) };
        const status = code === '05' ? 429 : code === '20' ? 402 : 403;
        return refuse(request, reply, status, out.reason, RESPON[code], code);
      }
      const [status, message] = REFUSALS[out.reason] ?? [403, RESPON['03']];
      return refuse(request, reply, status, out.reason, message, null);
    },
  );
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  slug: string,
  message: Message,
  code: ResponseCode | null,
) {
  return sendProblem(request, reply, status, slug, message, [], code ? { dukcapilCode: code } : {});
}
