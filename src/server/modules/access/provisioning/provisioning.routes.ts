/** Provisioning API under /api/access (office staff provision; institutions read their own grants). */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../http/types.js';
import type { Deps } from '../../../deps.js';
import { problemResponses } from '../../../http/problem.js';
import { actorOf } from '../../../http/session.js';
import { ELEMENT_CODES } from '../../../../domain/elements/elements.js';
import { PKS_STATUSES } from '../../../../domain/agreement/pks.js';
import {
  ACCESS_METHODS,
  ENVIRONMENTS,
  GRANT_STATUSES,
  OPERATIONS,
  REGISTRATION_STATUSES,
  TRIAL_RESULTS,
} from '../../../../domain/grant/grant.js';
import { FOLLOW_REVOCATIONS, GRANT_CHANGE_ACTIONS, PKS_CHANGES } from '../../../../domain/grant/follow.js';
import type { AccessRuntime } from '../runtime.js';
import * as service from './provisioning.service.js';
import { Id, Nullable, OneOf } from '../../../http/schemas.js';

const tags = ['access'];
const Hours = Type.Object(
  {
    from: Type.String({ pattern: '^\\d{1,2}:\\d{2}$', description: 'HH:MM' }),
    to: Type.String({ pattern: '^\\d{1,2}:\\d{2}$', description: 'HH:MM, exclusive; before `from` spans midnight' }),
    timezone: Type.String({ description: 'Asia/Jakarta, Asia/Makassar, Asia/Jayapura' }),
  },
  { additionalProperties: false },
);
const Elements = Type.Array(Type.Union(ELEMENT_CODES.map((c) => Type.Literal(c))), { minItems: 1, maxItems: 40 });
const IpAllow = Type.Array(Type.String({ maxLength: 64, description: 'IPv4 or IPv6 address or CIDR' }), {
  maxItems: 100,
});
const ConfirmWide = Type.Boolean({
  description:
    'true confirms ipAllow ranges that are everything (0.0.0.0/0, ::/0), wider than /8 (IPv4) or /32 (IPv6), or ' +
    'link-local (169.254.0.0/16, fe80::/10); without it they are refused (400 ip_range_wide). Recorded with the decision.',
});
const Operations = Type.Array(Type.Union([Type.Literal('lookup'), Type.Literal('verify')]), {
  minItems: 1,
  maxItems: 2,
  uniqueItems: true,
  description:
    'lookup = Cek NIK (CALL_NIK, v1 lookup, card read, portal); verify = Verifikasi elemen (CALL_VERIFY_BY_ELEMEN, ' +
    'v1 verify; web service only). Default: both for web_service, lookup otherwise.',
});
const Quota = Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000 }));
const Expiry = Nullable(Type.String({ format: 'date-time' }));
const GrantView = Type.Object({
  id: Type.String(),
  agreementId: Type.String(),
  institutionId: Type.String(),
  kind: OneOf(ACCESS_METHODS),
  environment: OneOf(ENVIRONMENTS),
  label: Type.String(),
  customerId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  secretExpiresAt: Nullable(Type.String()),
  elements: Type.Array(Type.String()),
  operations: Type.Array(OneOf(OPERATIONS)),
  ipAllow: Type.Array(Type.String()),
  hours: Nullable(Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() })),
  dailyQuota: Nullable(Type.Integer()),
  status: OneOf(GRANT_STATUSES),
  statusReason: Nullable(Type.String()),
  pksVersionHash: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  trial: Nullable(
    Type.Object({ result: OneOf(TRIAL_RESULTS), note: Nullable(Type.String()), recordedAt: Type.String() }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  usedToday: Type.Integer({ description: "Calls counted against today's quota (office-local day)" }),
  changes: Type.Array(
    Type.Object({
      at: Type.String(),
      cause: OneOf(PKS_CHANGES, { description: 'what happened to the PKS' }),
      action: OneOf(GRANT_CHANGE_ACTIONS),
      reason: Nullable(OneOf(FOLLOW_REVOCATIONS, { description: 'why it was revoked' })),
      removedElements: Type.Array(Type.String()),
      removedMethods: Type.Array(Type.String()),
      validFrom: Nullable(Type.Object({ before: Type.String(), after: Type.String() })),
      validTo: Nullable(Type.Object({ before: Type.String(), after: Type.String() })),
      pksVersion: Nullable(Type.Object({ before: Type.String(), after: Type.String() })),
    }),
    { description: 'What changes of the PKS in force did to the grant, and why (oldest first)' },
  ),
});
const WithSecret = Type.Object({
  grant: GrantView,
  secret: Type.Optional(Type.String({ description: 'Shown once; store it now. Only its SHA-256 is kept.' })),
});
const Device = Type.Object({
  id: Type.String(),
  grantId: Type.String(),
  institutionId: Type.String(),
  serial: Type.String(),
  pcid: Type.String(),
  publicKey: Type.String(),
  status: OneOf(REGISTRATION_STATUSES),
  createdAt: Type.String(),
});
const Operator = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  username: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  status: OneOf(REGISTRATION_STATUSES),
  createdAt: Type.String(),
});
const Errors = { ...problemResponses, 409: Type.Ref('Problem') };

function ctx(request: FastifyRequest): service.DecisionContext {
  return { clientIp: request.ip };
}

/** The provisioning routes. */
export function provisioningRoutes(app: App, deps: Deps, rt: AccessRuntime) {
  const d = { rt, now: deps.now };
  const cfg = { auth: 'session' as const };

  app.get(
    '/api/access/agreements/:id',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'A PKS with the grants compiled from it',
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            agreement: Type.Object({
              id: Type.String(),
              institutionId: Type.String(),
              officeId: Type.String(),
              status: OneOf(PKS_STATUSES),
              versionHash: Type.String(),
              elements: Type.Array(Type.String()),
              methods: Type.Array(OneOf(ACCESS_METHODS)),
              startDate: Type.String(),
              endDate: Type.String(),
              juknisApproved: Type.Boolean(),
              canProvision: Type.Boolean(),
            }),
            grants: Type.Array(GrantView),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => service.agreementAccess(d, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/access/institutions/:id/grants',
    {
      config: cfg,
      schema: {
        tags,
        summary: "An institution's grants (read-only for its members)",
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(GrantView), ...problemResponses },
      },
    },
    async (request) => service.institutionGrants(d, await actorOf(request, deps), request.params.id),
  );

  app.post(
    '/api/access/agreements/:id/grants',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Provision a grant under an active PKS with approved juknis',
        description:
          'kind web_service creates a credential (customer id, user id, secret shown once); card_reader and ' +
          'web_portal grants take devices and operators. Production needs a passed trial of the same PKS.',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('web_service'), Type.Literal('card_reader'), Type.Literal('web_portal')]),
            environment: Type.Union([Type.Literal('trial'), Type.Literal('production')]),
            label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            elements: Elements,
            operations: Type.Optional(Operations),
            ipAllow: Type.Optional(IpAllow),
            confirmWideRanges: Type.Optional(ConfirmWide),
            hours: Type.Optional(Nullable(Hours)),
            dailyQuota: Type.Optional(Quota),
            customerId: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z_-]{3,64}$' })),
            userId: Type.Optional(
              Type.String({
                pattern: service.USER_ID_PATTERN,
                description:
                  '3–64 characters: a letter, then letters, digits, ".", "_" or "-"; never 12 digits in a row ' +
                  '(nothing that reads as a NIK or KK number). Default: generated.',
              }),
            ),
            secretExpiresAt: Type.Optional(Expiry),
          },
          { additionalProperties: false },
        ),
        response: { 201: WithSecret, ...Errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createGrant(d, await actorOf(request, deps), ctx(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/api/access/grants/:id',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'One grant',
        params: Type.Object({ id: Id }),
        response: { 200: GrantView, ...problemResponses },
      },
    },
    async (request) => service.getGrant(d, await actorOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/access/grants/:id',
    {
      config: cfg,
      schema: {
        tags,
        summary: "Change a grant's elements, IP allow-list, hours, quota or secret expiry (recompiled from the PKS)",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            elements: Type.Optional(Elements),
            operations: Type.Optional(Operations),
            ipAllow: Type.Optional(IpAllow),
            confirmWideRanges: Type.Optional(ConfirmWide),
            hours: Type.Optional(Nullable(Hours)),
            dailyQuota: Type.Optional(Quota),
            secretExpiresAt: Type.Optional(Expiry),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: GrantView, ...Errors },
      },
    },
    async (request) =>
      service.updateGrant(d, await actorOf(request, deps), ctx(request), request.params.id, request.body),
  );

  app.post(
    '/api/access/grants/:id/rotate',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Rotate a web-service secret (the new one is shown once; the old one stops at once)',
        params: Type.Object({ id: Id }),
        body: Type.Object({ secretExpiresAt: Type.Optional(Expiry) }, { additionalProperties: false }),
        response: { 200: WithSecret, ...Errors },
      },
    },
    async (request) =>
      service.rotateSecret(
        d,
        await actorOf(request, deps),
        ctx(request),
        request.params.id,
        request.body.secretExpiresAt,
      ),
  );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
    ['revoke', 'revoked'],
  ] as const) {
    app.post(
      `/api/access/grants/:id/${verb}`,
      {
        config: cfg,
        schema: {
          tags,
          summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} a grant (effective on the next request)`,
          params: Type.Object({ id: Id }),
          body: Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
          response: { 200: GrantView, ...Errors },
        },
      },
      async (request) =>
        service.setGrantStatus(
          d,
          await actorOf(request, deps),
          ctx(request),
          request.params.id,
          status,
          request.body.reason ?? null,
        ),
    );
  }

  app.post(
    '/api/access/grants/:id/trial',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Record the result of a trial (uji coba); production grants need a passed one',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { passed: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: GrantView, ...Errors },
      },
    },
    async (request) =>
      service.recordTrial(
        d,
        await actorOf(request, deps),
        ctx(request),
        request.params.id,
        request.body.passed,
        request.body.note ?? null,
      ),
  );

  app.get(
    '/api/access/grants/:id/devices',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Card-reader devices of a grant',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Device), ...problemResponses },
      },
    },
    async (request) => service.listDevices(d, await actorOf(request, deps), request.params.id),
  );

  app.post(
    '/api/access/grants/:id/devices',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Register a card-reader device (serial, PCID, Ed25519 public key PEM)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            serial: Type.String({ minLength: 1, maxLength: 64 }),
            pcid: Type.String({ pattern: '^[0-9A-Za-z_-]{4,64}$' }),
            publicKey: Type.String({ minLength: 40, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Device, ...Errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addDevice(d, await actorOf(request, deps), ctx(request), request.params.id, request.body)),
  );

  app.post(
    '/api/access/devices/:id/revoke',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Revoke a card-reader device',
        params: Type.Object({ id: Id }),
        response: { 200: Device, ...Errors },
      },
    },
    async (request) => service.revokeDevice(d, await actorOf(request, deps), ctx(request), request.params.id),
  );

  app.get(
    '/api/access/grants/:id/operators',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Web-portal operators of a grant',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Operator), ...problemResponses },
      },
    },
    async (request) => service.listOperators(d, await actorOf(request, deps), request.params.id),
  );

  app.post(
    '/api/access/grants/:id/operators',
    {
      config: cfg,
      schema: {
        tags,
        summary: "Allow one of the institution's users to use the web portal",
        params: Type.Object({ id: Id }),
        body: Type.Object({ userId: Id }, { additionalProperties: false }),
        response: { 201: Operator, ...Errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addOperator(
            d,
            await actorOf(request, deps),
            ctx(request),
            request.params.id,
            request.body.userId,
          ),
        ),
  );

  app.post(
    '/api/access/operators/:id/remove',
    {
      config: cfg,
      schema: {
        tags,
        summary: 'Withdraw a web-portal operator',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Object({ id: Type.String(), status: OneOf(REGISTRATION_STATUSES) }), ...Errors },
      },
    },
    async (request) => service.removeOperator(d, await actorOf(request, deps), ctx(request), request.params.id),
  );
}
