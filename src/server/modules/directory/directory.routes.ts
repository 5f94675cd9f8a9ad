import { officeRegions } from '../../../domain/nik/regions.js';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import * as service from './directory.service.js';
import { letterheadRoutes } from './letterhead.routes.js';
import { Bilingual, Id, Line, OneOf } from '../../http/schemas.js';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES } from '../../../domain/institution.js';
import { OFFICE_LEVELS } from '../../../domain/office.js';

const tags = ['directory'];
const OrgKind = Type.Union([Type.Literal('office'), Type.Literal('institution')]);

const Office = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: OneOf(OFFICE_LEVELS),
  parentId: Type.Union([Type.String(), Type.Null()]),
  timezone: Type.String(),
  headTitle: Type.String(),
  requireTotp: Type.Boolean(),
  letterFormat: Type.String({ description: 'Letter number format: {seq} {kind} {code} {year} {roman}' }),
  reportDeadlineDays: Type.Integer({ description: "Days after a semester's end its usage report is due" }),
});
const Role = Type.Object({ code: Type.String(), name: Bilingual, builtIn: Type.Boolean() });
const InstitutionSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: OneOf(INSTITUTION_TYPES),
  profitOriented: Type.Boolean(),
  status: OneOf(INSTITUTION_STATUSES),
  officeId: Type.String(),
  officeName: Type.String(),
});
const Institution = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: OneOf(INSTITUTION_TYPES),
  profitOriented: Type.Boolean(),
  status: OneOf(INSTITUTION_STATUSES),
  officeId: Type.String(),
  address: Type.String(),
  contacts: Type.Array(
    Type.Object({ name: Type.String(), position: Type.String(), email: Type.String(), phone: Type.String() }),
  ),
});
const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
    description: 'active (Aktif) or disabled (Nonaktif)',
  }),
  roles: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
});

/** Offices, their roles, institutions and the people in them. */
export function directoryRoutes(app: App, deps: Deps) {
  letterheadRoutes(app, deps);
  app.get(
    '/api/regions',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Kemendagri regions an office can serve (provinces and kabupaten/kota of the reference table)',
        response: {
          200: Type.Array(
            Type.Object({
              code: Type.String(),
              name: Type.String(),
              level: Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten'), Type.Literal('kota')]),
              parentCode: Type.Union([Type.String(), Type.Null()]),
              timeZone: Type.String(),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async () => officeRegions(),
  );

  app.get(
    '/api/offices',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The office hierarchy (public: institutions choose their office when registering)',
        response: { 200: Type.Array(Office), ...problemResponses },
      },
    },
    async () => service.listOffices(deps),
  );

  app.post(
    '/api/offices',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Create an office (Directorate General admins)',
        body: Type.Object(
          {
            code: Type.String({ minLength: 2, maxLength: 5, description: 'Kemendagri region code, e.g. 17 or 33.05' }),
            name: Line({ minLength: 3, maxLength: 200 }),
            level: Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten'), Type.Literal('kota')]),
            parentId: Id,
            timezone: Type.String({ description: 'Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)' }),
            headTitle: Line({ minLength: 3, maxLength: 120, description: 'e.g. Bupati Kebumen' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Office, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createOffice(deps, await actorOf(request, deps), request.body)),
  );

  app.patch(
    '/api/offices/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Change an office's settings (its admin)",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            requireTotp: Type.Optional(Type.Boolean({ description: 'Staff must use a TOTP second factor' })),
            timezone: Type.Optional(Type.String()),
            headTitle: Type.Optional(Type.String({ minLength: 3, maxLength: 120 })),
            letterFormat: Type.Optional(
              Type.String({ minLength: 5, maxLength: 120, description: 'e.g. 470/{seq}/Disdukcapil/{roman}/{year}' }),
            ),
            reportDeadlineDays: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 180, description: "Days after a semester's end its report is due" }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Office, ...problemResponses },
      },
    },
    async (request) => service.updateOffice(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.get(
    '/api/offices/:id/roles',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "An office's roles: built-in and its own",
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Role), ...problemResponses },
      },
    },
    async (request) => service.listOfficeRoles(deps, request.params.id),
  );

  app.post(
    '/api/offices/:id/roles',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Add an office-specific role (office admin)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: 'lower_snake_case, 2-40 characters' }),
            nameId: Type.String({ minLength: 2, maxLength: 120 }),
            nameEn: Type.String({ minLength: 2, maxLength: 120 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Role, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const role = await service.addOfficeRole(deps, await actorOf(request, deps), request.params.id, request.body);
      return reply.status(201).send(role);
    },
  );

  const Permission = Type.Object({
    capability: Type.String(),
    roles: Type.Array(Type.String()),
    isDefault: Type.Boolean(),
    defaultRoles: Type.Array(Type.String()),
  });

  app.get(
    '/api/offices/:id/permissions',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          "Which of an office's roles may verify institutions, provision access, sign for the office, review reports…",
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Permission), ...problemResponses },
      },
    },
    async (request) => service.getPermissions(deps, await actorOf(request, deps), request.params.id),
  );

  app.put(
    '/api/offices/:id/permissions/:capability',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Set the roles that hold one capability in an office (its admin, or a pusat admin)',
        params: Type.Object({ id: Id, capability: Type.String({ minLength: 1, maxLength: 60 }) }),
        body: Type.Object(
          { roles: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }), { maxItems: 30 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Permission), ...problemResponses },
      },
    },
    async (request) =>
      service.setPermission(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.capability,
        request.body.roles,
      ),
  );

  app.get(
    '/api/institutions',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Institutions visible to the user',
        response: { 200: Type.Array(InstitutionSummary), ...problemResponses },
      },
    },
    async (request) => service.listInstitutions(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/institutions/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'One institution with its contacts',
        params: Type.Object({ id: Id }),
        response: { 200: Institution, ...problemResponses },
      },
    },
    async (request) => service.getInstitution(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/institutions/:id/roles',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "An institution's roles",
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(Role), ...problemResponses },
      },
    },
    async (request) => service.listInstitutionRoles(deps, await actorOf(request, deps), request.params.id),
  );

  app.get(
    '/api/users',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'The people of an organisation (its admins only)',
        querystring: Type.Object({ orgKind: OrgKind, orgId: Id }, { additionalProperties: false }),
        response: { 200: Type.Array(User), ...problemResponses },
      },
    },
    async (request) =>
      service.listUsers(deps, await actorOf(request, deps), request.query.orgKind, request.query.orgId),
  );

  app.post(
    '/api/users',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Create a user; the one-time password is shown once',
        body: Type.Object(
          {
            orgKind: OrgKind,
            orgId: Id,
            username: Type.String({
              pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]{2,59}$',
              description: '3-60 letters, digits, dot, dash, underscore',
            }),
            displayName: Line({ minLength: 2, maxLength: 120 }),
            roles: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }), { minItems: 1, maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), username: Type.String(), oneTimePassword: Type.String() }),
          ...problemResponses,
          409: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createUser(deps, await actorOf(request, deps), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          "Deactivate or reactivate a user (their organisation's own admin; never oneself or the last active admin). " +
          'Deactivation ends their sessions and withdraws their portal-operator registrations at once',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
          { additionalProperties: false },
        ),
        response: { 200: User, ...problemResponses, 409: Type.Ref('Problem') },
      },
    },
    async (request) =>
      service.setUserStatus(deps, await actorOf(request, deps), request.params.id, request.body.status),
  );
}
