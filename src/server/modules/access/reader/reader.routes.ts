/**
 * The card-reader channel: a registered device submits a signed read (device id, card NIK, fingerprint match,
 * timestamp, nonce). The server checks registration, signature, freshness (±2 minutes) and replay (nonces are
 * stored), then the device's grant like any call, and answers the granted elements. Every outcome is recorded.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../http/types.js';
import { sendProblem } from '../../../http/problem.js';
import { RESPON, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { readNik } from '../../../../domain/dukcapil/wire.js';
import { project } from '../../../../domain/grant/grant.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import type { Message } from '../../../../domain/errors.js';
import { safeText } from '../audit/audit-log.js';
import { admit, readResident } from '../gateway/gateway.service.js';
import { fieldsOfRow } from '../population/population.repository.js';
import { findDevice, pruneNonces, useNonce } from '../provisioning/grant.repository.js';
import type { AccessRuntime, LiveGrant } from '../runtime.js';
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

/** The reader route. */
export function readerRoutes(app: App, rt: AccessRuntime) {
  let lastPrune = 0;
  app.post(
    '/api/reader/read',
    {
      config: { auth: 'credential' },
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
          403: Type.Ref('Problem'),
          409: Type.Ref('Problem'),
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const read = request.body as ReaderRead;
      const now = rt.deps.now().getTime();
      const clientIp = request.raw.socket.remoteAddress ?? '';
      const nik = readNik(read.nik);
      const device = await findDevice(rt.db, read.deviceId);
      let grant: LiveGrant | null = null;
      let reason: string | null = null;
      let code: ResponseCode | null = null;
      if (!device || device.status !== 'active') reason = 'device_unknown';
      else if (!verifyRead(read, device.public_key)) reason = 'signature_invalid';
      else if (!(Math.abs(Date.parse(read.timestamp) - now) <= READER_FRESHNESS_MS)) reason = 'stale';
      else if (!nik.ok) reason = 'nik_invalid';
      else if (!(await useNonce(rt.db, device.id, read.nonce, new Date(now).toISOString()))) reason = 'replay';
      else if (!read.fingerprintMatch) reason = 'fingerprint_mismatch';
      else {
        grant = await rt.grantById(device.grant_id);
        if (!grant) reason = 'device_unknown';
      }
      let fields: Record<string, string> | undefined;
      if (!reason && grant && nik.ok) {
        const refused = await admit(rt, grant, { clientIp, method: 'card_reader' }, now);
        if (refused) ({ code, reason } = refused);
        else {
          const found = await readResident(rt, grant, nik.nik);
          code = found.code;
          if (code === '01' && found.row)
            fields = project(fieldsOfRow(found.row, grant.compiled.fields), grant.compiled) as Record<string, string>;
        }
      }
      const auditId = await rt.audit.append({
        time: new Date(now).toISOString(),
        action: 'reader.read',
        actor: { kind: 'device', id: device ? device.id : `unknown:${safeText(read.deviceId, 64)}` },
        institutionId: device?.institution_id ?? null,
        pksId: grant?.compiled.pksId ?? null,
        pksVersionHash: grant?.compiled.pksVersionHash ?? null,
        elements: fields && grant ? grant.compiled.elements : [],
        resultCode: code ?? reason ?? 'refused',
        clientIp: canonicalIp(clientIp) ?? null,
        nikHash: nik.ok ? rt.hashNik(nik.nik) : null,
        detail: { reason: reason ?? (code === '01' ? 'ok' : 'lookup'), fingerprintMatch: read.fingerprintMatch },
      });
      reply.header('x-audit-id', auditId);
      if (now - lastPrune > 60_000) {
        lastPrune = now;
        void pruneNonces(rt.db, new Date(now - 2 * READER_FRESHNESS_MS).toISOString()).catch(() => undefined);
      }
      if (code) {
        if (code === '01' || code === '11' || code === '13' || code === '14')
          return { code, respon: RESPON[code].id, ...(fields ? { fields } : {}) };
        return refuse(request, reply, code === '05' ? 429 : 403, reason ?? 'refused', RESPON[code], code);
      }
      const [status, message] = REFUSALS[reason ?? 'device_unknown'] ?? [403, RESPON['03']];
      return refuse(request, reply, status, reason ?? 'refused', message, null);
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
