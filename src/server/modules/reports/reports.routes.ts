import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../http/problem.js';
import { actorOf } from '../../http/session.js';
import { Bilingual, Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { ENTRY_STATUSES, FIELD_MAX, REVIEW_DECISIONS } from '../../../domain/reports/report.js';
import { LADDER_STATES } from '../../../domain/reports/ladder.js';
import { NOTICE_KINDS } from '../../../domain/reports/notices.js';
import * as service from './reports.service.js';
import { overview } from './reports.overview.js';
import { myNotices } from './notices.js';
// The owner of report-review cases registers itself on load.
import './report.subject.js';

const tags = ['reports'];
const Conflict = { 409: Type.Ref('Problem') };

// An id-shaped string: a malformed semester is a 404 of the service, like an unknown id.
const Semester = Type.String({
  minLength: 6,
  maxLength: 6,
  pattern: '^[0-9A-Za-z_-]+$',
  description: '2026-1 (January–June) or 2026-2 (July–December)',
});
const Params = Type.Object({ agreementId: Id, semester: Semester });

const Status = OneOf(ENTRY_STATUSES, {
  description: 'current: the semester is still running; owed: over and not yet submitted',
});

const Entry = Type.Object({
  id: Nullable(Type.String()),
  agreementId: Type.String(),
  agreementNumber: Type.String(),
  institution: Type.Object({ id: Type.String(), name: Type.String() }),
  office: Type.Object({ id: Type.String(), name: Type.String() }),
  semester: Type.String(),
  label: Bilingual,
  periodStart: Type.String(),
  periodEnd: Type.String(),
  dueDate: Type.String({ description: 'office-local date; late from the day after' }),
  status: Status,
  late: Type.Boolean(),
  daysLate: Type.Integer(),
  sanctionable: Type.Boolean({ description: 'more than three months overdue' }),
  reminded: Type.Boolean(),
  warned: Type.Boolean(),
  warningDocumentId: Nullable(Type.String()),
  notes: Nullable(Type.String({ description: "the reviewer's notes while returned" })),
  caseId: Nullable(Type.String()),
  documentId: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
});

const Content = Type.Object(
  {
    purposes: Type.String({ maxLength: FIELD_MAX, description: 'what the data was used for' }),
    services: Type.String({ maxLength: FIELD_MAX, description: 'services delivered with it' }),
    dataBalikan: Type.String({ maxLength: FIELD_MAX, description: 'data balikan delivered' }),
    incidents: Type.String({ maxLength: FIELD_MAX, description: 'security incidents ("Tidak ada" when none)' }),
    changes: Type.String({ maxLength: FIELD_MAX, description: 'changes of operators or network' }),
  },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer());
const Figures = Type.Object({
  calls: Type.Integer(),
  answered: Type.Integer(),
  refused: Type.Integer(),
  byChannel: Counts,
  byElement: Counts,
  refusalsByReason: Counts,
  operators: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), calls: Type.Integer() })),
  residentsServed: Type.Integer(),
});

const Detail = Type.Intersect([
  Entry,
  Type.Object({
    content: Content,
    figures: Figures,
    figuresFrozen: Type.Boolean({ description: 'true once submitted: the figures as they were at submission' }),
    returnedNotes: Nullable(Type.String()),
    canEdit: Type.Boolean(),
    canSubmit: Type.Boolean(),
    canReview: Type.Boolean(),
  }),
]);

const Counter = Type.Object({
  institutions: Type.Integer(),
  due: Type.Integer({ description: 'owed, semester over, not yet late' }),
  late: Type.Integer(),
  warned: Type.Integer(),
  sanctioned: Type.Integer({ description: 'access suspended by the ladder now' }),
  reactivated: Type.Integer({ description: 'suspended by the ladder and reactivated since' }),
  accepted: Type.Integer(),
});
const Overview = Type.Object({
  totals: Counter,
  offices: Type.Array(Type.Intersect([Type.Object({ id: Type.String(), name: Type.String() }), Counter])),
  institutions: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      office: Type.Object({ id: Type.String(), name: Type.String() }),
      state: OneOf(LADDER_STATES),
      overdue: Type.Array(Type.Object({ label: Type.String(), dueDate: Type.String(), daysLate: Type.Integer() })),
      sanctionedOn: Nullable(Type.String()),
      sanctionLetterId: Nullable(Type.String()),
      reactivatedOn: Nullable(Type.String()),
      reactivationLetterId: Nullable(Type.String()),
    }),
  ),
});

const Notice = Type.Object({
  id: Type.String(),
  kind: OneOf(NOTICE_KINDS),
  title: Bilingual,
  body: Bilingual,
  link: Nullable(Type.String()),
  documentId: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** Semester usage reports, their review, the ladder's overview and the notices of an organisation. */
export function reportsRoutes(app: App, deps: Deps) {
  app.get(
    '/api/reports',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Semester reports in scope (the institution its own; the office its institutions and those below; pusat all)',
        querystring: Type.Object(
          {
            institutionId: Type.Optional(Id),
            officeId: Type.Optional(Id),
            status: Type.Optional(Type.Union([Status, Type.Literal('late')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Entry), ...problemResponses },
      },
    },
    async (request) => service.listReports(deps, await actorOf(request, deps), request.query),
  );

  app.get(
    '/api/reports/overview',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Who is due, late, warned, sanctioned and reactivated, per office (offices and pusat)',
        response: { 200: Overview, ...problemResponses },
      },
    },
    async (request) => overview(deps, await actorOf(request, deps)),
  );

  app.get(
    '/api/reports/:agreementId/:semester',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "One semester report: the ledger's figures and the institution's text",
        params: Params,
        response: { 200: Detail, ...problemResponses },
      },
    },
    async (request) =>
      service.getReport(deps, await actorOf(request, deps), request.params.agreementId, request.params.semester),
  );

  app.put(
    '/api/reports/:agreementId/:semester',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "Save the institution's draft (its pimpinan or admin)",
        params: Params,
        body: Content,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) =>
      service.saveDraft(
        deps,
        await actorOf(request, deps),
        request.params.agreementId,
        request.params.semester,
        request.body,
      ),
  );

  app.post(
    '/api/reports/:agreementId/:semester/submit',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Sign and submit (or resubmit) the report: figures frozen, numbered PDF, review case (pimpinan only)',
        params: Params,
        body: Content,
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) =>
      service.submit(
        deps,
        await actorOf(request, deps),
        request.params.agreementId,
        request.params.semester,
        request.body,
      ),
  );

  app.post(
    '/api/reports/:agreementId/:semester/review',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The office's review: accept, or return with notes (completes the review step of its case)",
        params: Params,
        body: Type.Object(
          {
            decision: OneOf(REVIEW_DECISIONS),
            notes: Type.Optional(Line({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Detail, ...problemResponses, ...Conflict },
      },
    },
    async (request) =>
      service.review(
        deps,
        await actorOf(request, deps),
        request.params.agreementId,
        request.params.semester,
        request.body,
      ),
  );

  app.get(
    '/api/reports/:agreementId/:semester/pdf',
    {
      config: { auth: 'session' },
      schema: { tags, summary: "The report's signed PDF (newest version)", params: Params },
    },
    async (request, reply) => {
      const { filename, bytes } = await service.reportPdf(
        deps,
        await actorOf(request, deps),
        request.params.agreementId,
        request.params.semester,
      );
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(bytes);
    },
  );

  app.get(
    '/api/notices',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: "The newest notices to the signed-in user's organisation (reminders, letters sent, sanctions)",
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Notice), ...problemResponses },
      },
    },
    async (request) => myNotices(deps, await actorOf(request, deps), request.query.limit ?? 20),
  );
}
