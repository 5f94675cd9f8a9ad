/** GET /api/access/usage: the strict query and the answer's shape. */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, OneOf } from '../../http/schemas.js';
import { DATA_CHANNELS } from '../../../domain/audit/actions.js';
import { USAGE_BY } from '../../../domain/usage/query.js';

const localDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description}, YYYY-MM-DD, office-local` });

/** The query: filters, period, grouping and format; anything else is refused. */
export const UsageQuerySchema = Type.Object(
  {
    institutionId: Type.Optional(Id),
    agreementId: Type.Optional(Id),
    grantId: Type.Optional(Id),
    channel: Type.Optional(OneOf(DATA_CHANNELS)),
    from: Type.Optional(localDate('first day (included); default: 29 days before `to`')),
    to: Type.Optional(localDate('last day (included); default: today')),
    by: Type.Optional(
      Type.Union(
        USAGE_BY.map((b) => Type.Literal(b)),
        { description: 'the grouping; default day' },
      ),
    ),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'default json' })),
  },
  { additionalProperties: false },
);

const Counts = {
  calls: Type.Integer(),
  answered: Type.Integer(),
  refused: Type.Integer(),
};

/** The answer (JSON). */
export const UsageResponseSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  by: OneOf(USAGE_BY),
  asOf: Nullable(Type.String({ description: 'time of the newest audit entry the ledger has folded' })),
  rows: Type.Array(
    Type.Object({
      key: Type.String({
        description: 'the day, month, element code, channel, result code, actor id or institution id',
      }),
      label: Type.String({ description: 'a plain-Indonesian name' }),
      ...Counts,
      dailyLimit: Type.Optional(
        Nullable(
          Type.Integer({ description: "by=institution: the institution's summed daily quota (null: unlimited)" }),
        ),
      ),
    }),
  ),
  totals: Type.Object(Counts),
  quota: Nullable(
    Type.Object({
      dailyLimit: Nullable(Type.Integer()),
      usedToday: Type.Integer(),
      remainingToday: Nullable(Type.Integer()),
    }),
  ),
});
