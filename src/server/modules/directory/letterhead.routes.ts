import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { Id, Line, Nullable } from '../../http/schemas.js';
import { readBlob } from '../files/files.service.js';
import { inlineFileRoute, sendInline } from '../files/inline.js';
import * as service from './letterhead.service.js';

const tags = ['directory'];

const Letterhead = Type.Object({
  officeId: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  website: Type.String(),
  headName: Type.String({ description: 'The head who signs the letters' }),
  headNip: Type.String({ description: "The head's NIP (18 digits), '' when not set" }),
  headRank: Type.String({ description: "The head's rank (pangkat/golongan)" }),
  emblem: Nullable(
    Type.Object(
      { fileId: Type.String(), contentType: Type.String(), size: Type.Integer() },
      { description: 'PNG or JPEG' },
    ),
  ),
});

const Nip = Type.String({ pattern: '^[0-9]*$', maxLength: 18, description: "18 digits, or '' for none" });

const Profile = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  nip: Type.String(),
  position: Type.String({ description: 'Jabatan' }),
  rank: Type.String({ description: 'Pangkat/golongan' }),
});

const ProfileBody = Type.Object(
  {
    nip: Type.Optional(Nip),
    position: Type.Optional(Line({ maxLength: 160 })),
    rank: Type.Optional(Line({ maxLength: 80 })),
  },
  { additionalProperties: false },
);

/** The kop surat of an office and the details printed under a person's signature (issue 14). */
export function letterheadRoutes(app: App, deps: Deps) {
  app.get(
    '/api/offices/:id/letterhead',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "An office's letterhead: address, phone, e-mail, website, the signing head, the emblem",
        params: Type.Object({ id: Id }),
        response: { 200: Letterhead, ...problemResponses },
      },
    },
    async (request) => service.getLetterhead(deps, await actorOf(request, deps), request.params.id),
  );

  app.patch(
    '/api/offices/:id/letterhead',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Change an office's letterhead (its admin, or a pusat admin)",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            address: Type.Optional(Line({ maxLength: 300 })),
            phone: Type.Optional(Line({ maxLength: 40 })),
            email: Type.Optional(Line({ maxLength: 120 })),
            website: Type.Optional(Line({ maxLength: 120 })),
            headName: Type.Optional(Line({ maxLength: 120 })),
            headNip: Type.Optional(Nip),
            headRank: Type.Optional(Line({ maxLength: 80 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Letterhead, ...problemResponses },
      },
    },
    async (request) => service.updateLetterhead(deps, await actorOf(request, deps), request.params.id, request.body),
  );

  app.put(
    '/api/offices/:id/letterhead/emblem',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          "Set the office's emblem to a PNG or JPEG uploaded with POST /api/files (at most 1 MB), or remove it with null",
        params: Type.Object({ id: Id }),
        body: Type.Object({ fileId: Nullable(Id) }, { additionalProperties: false }),
        response: { 200: Letterhead, ...problemResponses },
      },
    },
    async (request) => service.setEmblem(deps, await actorOf(request, deps), request.params.id, request.body.fileId),
  );

  app.get(
    '/api/offices/:id/letterhead/emblem',
    {
      config: { auth: 'session' },
      ...inlineFileRoute,
      schema: {
        tags,
        summary: "The office's emblem image, inline",
        params: Type.Object({ id: Id }),
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const row = await service.emblemFile(deps, await actorOf(request, deps), request.params.id);
      return sendInline(reply, row, readBlob(deps, row));
    },
  );

  app.get(
    '/api/account/signatory',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Your own NIP, position and rank, printed under your signature',
        response: { 200: Profile, ...problemResponses },
      },
    },
    async (request) => service.myProfile(deps, await actorOf(request, deps)),
  );

  app.patch(
    '/api/account/signatory',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Change your own NIP (18 digits), position and rank',
        body: ProfileBody,
        response: { 200: Profile, ...problemResponses },
      },
    },
    async (request) => service.updateMyProfile(deps, await actorOf(request, deps), request.body),
  );

  app.patch(
    '/api/users/:id/signatory',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Change a person's NIP, position and rank (their organisation's admin)",
        params: Type.Object({ id: Id }),
        body: ProfileBody,
        response: { 200: Profile, ...problemResponses },
      },
    },
    async (request) => service.updateUserProfile(deps, await actorOf(request, deps), request.params.id, request.body),
  );
}
