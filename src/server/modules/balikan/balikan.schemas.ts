/** Shapes of the data balikan API. */
import { Type } from '@sinclair/typebox';
import { Bilingual, Id, Nullable, OneOf } from '../../http/schemas.js';
import { BALIKAN_MAX_BYTES, BALIKAN_MAX_ROWS, ROW_PROBLEM_CODES } from '../../../domain/balikan/rows.js';
import { BALIKAN_FIELD_TYPES, BALIKAN_FREQUENCIES, BALIKAN_KINDS } from '../../../domain/balikan/kinds.js';
import { DELIVERY_CHANNELS, DUTY_PERIOD_STATES } from '../../../domain/balikan/tracking.js';

const Frequency = OneOf(BALIKAN_FREQUENCIES);

/** The query of a delivery: kind and period are required by the service (a precise 400 when missing or wrong). */
export const DeliveryQuery = Type.Object(
  {
    kind: Type.Optional(
      Type.String({ maxLength: 40, pattern: '^[a-z_]+$', description: 'a kind code of GET /api/data-balikan/kinds' }),
    ),
    period: Type.Optional(
      Type.String({
        maxLength: 16,
        pattern: '^[0-9A-Za-z-]+$',
        description: 'monthly 2026-11, quarterly 2026-Q4, semester 2026-1 (Jan–Jun) or 2026-2 (Jul–Dec)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The query of a delivery through the web: also which PKS, when the institution has several with this duty. */
export const WebDeliveryQuery = Type.Object(
  { ...DeliveryQuery.properties, agreementId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** A bad row with its reasons. */
export const BadRow = Type.Object({
  line: Type.Integer({ description: 'the line of the file the row starts on (the header is line 1)' }),
  nikMasked: Nullable(Type.String({ description: "the row's NIK, masked" })),
  problems: Type.Array(
    Type.Object({
      field: Type.String({ description: 'the column, or "" for the whole row' }),
      code: OneOf(ROW_PROBLEM_CODES, { description: 'why the row was refused' }),
      message: Bilingual,
    }),
  ),
});

/** A delivery (with its first bad rows on the answer of an upload and in the single view). */
export const DeliveryView = Type.Object({
  id: Type.String(),
  agreementId: Type.String(),
  agreementNumber: Type.String(),
  institution: Type.Object({ id: Type.String(), name: Type.String() }),
  kind: Type.String(),
  kindName: Bilingual,
  frequency: Frequency,
  period: Type.String(),
  periodLabel: Bilingual,
  channel: OneOf(DELIVERY_CHANNELS),
  submittedAt: Type.String(),
  filename: Type.String(),
  totalRows: Type.Integer(),
  goodRows: Type.Integer(),
  badRows: Type.Integer(),
  supersedesId: Nullable(Type.String({ description: 'the earlier delivery of this period that this one corrects' })),
  supersededBy: Nullable(Type.String({ description: 'the later delivery that corrects this one' })),
  badRowList: Type.Optional(Type.Array(BadRow, { description: 'the first 500 bad rows; the CSV report holds all' })),
});

/** The duties of one PKS in force and where each owed period stands. */
export const DutyView = Type.Object({
  agreementId: Type.String(),
  agreementNumber: Type.String(),
  institution: Type.Object({ id: Type.String(), name: Type.String() }),
  duties: Type.Array(
    Type.Object({
      kind: Type.String(),
      kindName: Bilingual,
      frequency: Frequency,
      periods: Type.Array(
        Type.Object({
          period: Type.String(),
          label: Bilingual,
          start: Type.String(),
          end: Type.String(),
          dueDate: Type.String(),
          state: OneOf(DUTY_PERIOD_STATES),
          fulfilledAt: Nullable(Type.String()),
          currentDeliveryId: Nullable(Type.String()),
          deliveries: Type.Integer(),
        }),
      ),
    }),
  ),
});

/** A kind of the catalogue. */
export const KindView = Type.Object({
  code: Type.String(),
  name: Bilingual,
  description: Bilingual,
  header: Type.Array(Type.String()),
  fields: Type.Array(
    Type.Object({ name: Type.String(), type: OneOf(BALIKAN_FIELD_TYPES), required: Type.Boolean(), label: Bilingual }),
  ),
});

/** What the upload routes say about the file. */
export const UPLOAD_DESCRIPTION =
  `A CSV (UTF-8, a BOM allowed, "," or ";"), at most ${BALIKAN_MAX_BYTES / 1024 / 1024} MB and ` +
  `${BALIKAN_MAX_ROWS.toLocaleString('en-US')} rows, as multipart field "file"; its first line is the kind's header ` +
  '(GET /api/data-balikan/kinds). Good rows are kept, bad rows reported with their line and reason. A second ' +
  'delivery for the same period is a correction: it supersedes the first, and both are kept. Errors: 400 ' +
  'balikan_kind_missing/balikan_kind_unknown, balikan_period_missing/balikan_period_invalid/balikan_period_not_started/' +
  'balikan_period_outside_pks, balikan_csv_encoding/balikan_csv_malformed/balikan_csv_empty/balikan_csv_header; ' +
  '409 balikan_no_duty; 413 balikan_file_too_large/balikan_too_many_rows.';

/** Params of one delivery. */
export const DeliveryParams = Type.Object({ id: Id });

/** The data balikan duties of a PKS as the agreement forms send them (kind of the catalogue, frequency). */
export const DutiesSchema = Type.Array(
  Type.Object(
    {
      kind: Type.Union(BALIKAN_KINDS.map((k) => Type.Literal(k.code))),
      frequency: Frequency,
    },
    { additionalProperties: false },
  ),
  {
    maxItems: BALIKAN_KINDS.length,
    description: 'data balikan duties: each kind at most once; an empty list removes them',
  },
);
