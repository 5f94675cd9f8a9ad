/** Pengawasan's request and response schemas: the filters, an entry, the per-day summary. */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, OneOf } from '../../../http/schemas.js';
import { DATA_CHANNELS, ENTRY_KINDS } from '../../../../domain/audit/actions.js';
import { ACTOR_KINDS } from '../../../../domain/audit/audit.js';

const localDate = (description: string) =>
  Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: `${description}, YYYY-MM-DD in the viewer's office time zone`,
  });

/** The filters both endpoints take. */
export const OversightFilters = {
  from: Type.Optional(localDate('first day of the period (included)')),
  to: Type.Optional(localDate('last day of the period (included)')),
  kind: Type.Optional(
    OneOf(ENTRY_KINDS, {
      description: 'data calls (every channel, the web portal included) or administrative decisions',
    }),
  ),
  channel: Type.Optional(OneOf(DATA_CHANNELS)),
  institutionId: Type.Optional(Id),
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: '^[0-9A-Za-z_:.-]+$' })),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  resultCode: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 80, description: 'part of the action, actor id or name, client IP' })),
};

/** GET /api/access/audit/entries query. */
export const EntriesQuery = Type.Object(
  {
    ...OversightFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    beforeSeq: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'keyset paging: entries older than this seq (the x-next-before-seq of the previous page)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** One audit entry as Pengawasan shows it. */
export const EntryView = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  time: Type.String(),
  action: Type.String(),
  actorKind: OneOf(ACTOR_KINDS),
  actorId: Type.String(),
  actorName: Nullable(Type.String({ description: 'the person: a user deciding, a portal operator looking up' })),
  institutionId: Nullable(Type.String()),
  pksId: Nullable(Type.String()),
  pksVersionHash: Nullable(Type.String()),
  elements: Type.Array(Type.String()),
  resultCode: Type.String(),
  clientIp: Nullable(Type.String()),
  nikHash: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

/** GET /api/access/audit/summary query. */
export const SummaryQuery = Type.Object(OversightFilters, { additionalProperties: false });

const Counts = {
  dataCalls: Type.Integer({ description: 'data calls on every channel, the web portal included' }),
  refusals: Type.Integer({ description: 'data calls refused (any code but 01, 11, 13, 14)' }),
  decisions: Type.Integer({ description: 'administrative decisions (everything that is not a data call)' }),
  throttled: Type.Integer({
    description:
      'credential.throttled signals: failed web-service logins of a user id or address throttled (one when ' +
      'throttling starts, one per count of attempts refused meanwhile); counted among the decisions too',
  }),
};

/** GET /api/access/audit/summary answer. */
export const SummaryView = Type.Object({
  timeZone: Type.String({ description: "the viewer's office time zone the days are counted in" }),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(Type.Object({ day: Type.String(), ...Counts })),
  totals: Type.Object(Counts),
  byCode: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
});
