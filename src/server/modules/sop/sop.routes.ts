import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import * as service from './sop.service.js';
import { evaluate } from '../cases/evaluation.service.js';
import { renderSheetPdf } from './sheet-pdf.js';
import { loadLetterhead } from '../directory/letterhead.repository.js';
import { Bilingual, Id, OneOf } from '../../http/schemas.js';
import { ISSUE_SEVERITIES } from '../../../domain/sop/index.js';

const tags = ['sop'];
const Issue = Type.Object(
  {
    severity: OneOf(ISSUE_SEVERITIES),
    code: Type.String(),
    file: Type.String(),
    stepId: Type.Optional(Type.String()),
    path: Type.Optional(Type.String()),
    message: Bilingual,
  },
  { additionalProperties: false },
);
const VersionSummary = Type.Object({
  id: Type.String(),
  officeId: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  effectiveFrom: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  contentHash: Type.String(),
});
const Source = Type.String({
  minLength: 1,
  maxLength: 500_000,
  description: 'The SOP definition as YAML (or JSON) text',
});

/** SOP definitions: list, view, check, publish, evaluate, print. */
export function sopRoutes(app: App, deps: Deps) {
  app.get(
    '/api/sops',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "An office's SOPs with all versions (default: the user's own office)",
        querystring: Type.Object({ officeId: Type.Optional(Id) }, { additionalProperties: false }),
        response: {
          200: Type.Array(
            Type.Object({
              code: Type.String(),
              name: Type.String(),
              versions: Type.Array(Type.Composite([VersionSummary, Type.Object({ current: Type.Boolean() })])),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = await actorOf(request, deps);
      return service.list(deps, request.query.officeId ?? actor.officeId);
    },
  );

  app.get(
    '/api/sops/versions/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'One SOP version: source, definition, warnings, sheet model, totals',
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Composite([
            VersionSummary,
            Type.Object({
              source: Type.String(),
              warnings: Type.Array(Issue),
              definition: Type.Unknown(),
              sheet: Type.Unknown(),
              totals: Type.Object({
                sumTarget: Type.String(),
                sumDeadline: Type.String(),
                declared: Type.Union([Type.String(), Type.Null()]),
                declaredDiffers: Type.Boolean(),
              }),
            }),
          ]),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      await actorOf(request, deps);
      return service.get(deps, request.params.id);
    },
  );

  app.get(
    '/api/sops/versions/:id/sheet.pdf',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'The official SOP AP sheet (Permenpan RB 35/2012) as PDF',
        params: Type.Object({ id: Id }),
      },
    },
    async (request, reply) => {
      await actorOf(request, deps);
      const row = await service.versionRow(deps.db, request.params.id);
      const letterhead = await loadLetterhead(deps.db, deps.config.dataDir, row.office_id);
      const pdf = await renderSheetPdf(service.definitionOf(row), {
        version: row.version,
        effectiveFrom: row.effective_from,
        emblem: letterhead.emblem,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="SOP-${row.code}-v${row.version}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/sops/versions/:id/evaluation',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Per step: completions, median and p90 actual time against the standard, on-time rate, waiting',
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            versionId: Type.String(),
            cases: Type.Object({ total: Type.Integer(), open: Type.Integer(), ended: Type.Integer() }),
            steps: Type.Array(
              Type.Object({
                stepId: Type.String(),
                no: Type.String(),
                kegiatan: Type.String(),
                waktu: Type.String(),
                completions: Type.Integer(),
                standardMinutes: Type.Union([Type.Number(), Type.Null()]),
                medianMinutes: Type.Union([Type.Number(), Type.Null()]),
                p90Minutes: Type.Union([Type.Number(), Type.Null()]),
                onTimeRate: Type.Union([Type.Number(), Type.Null()]),
                returns: Type.Integer(),
                waitingNow: Type.Integer(),
                totalWaitMinutes: Type.Number(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      await actorOf(request, deps);
      return evaluate(deps, request.params.id);
    },
  );

  app.post(
    '/api/sops/check',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Check a definition without publishing it',
        body: Type.Object({ source: Source, officeId: Type.Optional(Id) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ valid: Type.Boolean(), errors: Type.Array(Issue), warnings: Type.Array(Issue) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      await actorOf(request, deps);
      return service.check(deps, request.body.officeId, request.body.source);
    },
  );

  app.post(
    '/api/offices/:id/sops',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Publish a new SOP version for an office (its admin or kadis)',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            source: Source,
            effectiveFrom: Type.Optional(Type.String({ format: 'date-time' })),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Composite([VersionSummary, Type.Object({ warnings: Type.Array(Issue) })]),
          ...problemResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.publish(deps, await actorOf(request, deps), request.params.id, request.body)),
  );

  const PurposeView = Type.Object({
    purpose: OneOf(service.PURPOSES),
    retired: Type.Boolean(),
    chosen: Type.Union([Type.String(), Type.Null()], { description: 'the SOP code the office chose, if it chose' }),
    serving: Type.Union([
      Type.Object({ code: Type.String(), version: Type.Integer(), name: Type.String(), versionId: Type.String() }),
      Type.Null(),
    ]),
    candidates: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  });

  app.get(
    '/api/offices/:id/sop-purposes',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Which SOP serves which purpose in an office (application, PKS change, control, evaluation, report review)',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Array(PurposeView), ...problemResponses },
      },
    },
    async (request) => service.purposes(deps, await actorOf(request, deps), request.params.id),
  );

  app.put(
    '/api/offices/:id/sop-purposes/:purpose',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Choose the SOP that serves a purpose, or retire the purpose (sopCode null); running cases keep their version',
        params: Type.Object({ id: Id, purpose: Type.String({ minLength: 1, maxLength: 40 }) }),
        body: Type.Object(
          { sopCode: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(PurposeView), ...problemResponses },
      },
    },
    async (request) =>
      service.setPurpose(
        deps,
        await actorOf(request, deps),
        request.params.id,
        request.params.purpose,
        request.body.sopCode,
      ),
  );
}
