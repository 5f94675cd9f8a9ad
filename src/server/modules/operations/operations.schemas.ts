/** GET /api/operations: the answer's shape (no query). */
import { Type } from '@sinclair/typebox';
import { Nullable, OneOf } from '../../http/schemas.js';
import { DATA_CHANNELS } from '../../../domain/audit/actions.js';

const Words = Type.Object({ id: Type.String(), en: Type.String() });
const Ms = (description: string) => Nullable(Type.Number({ description }));

/** The query: none; anything given is refused. */
export const OperationsQuerySchema = Type.Object({}, { additionalProperties: false });

/** The answer. */
export const OperationsResponseSchema = Type.Object({
  scope: Type.Object({
    kind: Type.Union([Type.Literal('all'), Type.Literal('office')]),
    name: Type.String({ description: "the office's name, or Pusat" }),
  }),
  now: Type.String({ description: "the server's clock" }),
  process: Type.Object(
    {
      startedAt: Type.String({ description: 'when this process started counting' }),
      windowSeconds: Type.Integer(),
      stepSeconds: Type.Integer(),
    },
    { description: 'the in-memory figures below are this process’s only' },
  ),
  rate: Type.Object({
    lastMinutePerSecond: Type.Number(),
    windowCalls: Type.Integer(),
    windowRefused: Type.Integer(),
    series: Type.Array(
      Type.Object({
        at: Type.String({ description: 'end of the step' }),
        calls: Type.Integer(),
        refused: Type.Integer(),
        perSecond: Type.Number(),
      }),
    ),
  }),
  refusals: Type.Array(Type.Object({ code: Type.String(), label: Words, count: Type.Integer() }), {
    description: 'refusals in the window by result code',
  }),
  latency: Type.Array(
    Type.Object({
      channel: OneOf(DATA_CHANNELS),
      label: Words,
      count: Type.Integer(),
      p50Ms: Ms('median, estimated from histogram buckets'),
      p99Ms: Ms('99th percentile, estimated from histogram buckets'),
    }),
  ),
  audit: Type.Object({
    batches: Type.Integer(),
    lastAt: Nullable(Type.String()),
    lastSealLagMs: Ms('last batch: its oldest entry’s append to its commit'),
    lastBatchSize: Nullable(Type.Integer()),
    sealLagP50Ms: Ms('estimated from buckets'),
    sealLagP99Ms: Ms('estimated from buckets'),
    averageBatchSize: Nullable(Type.Number()),
    largestBatchBound: Nullable(Type.Number()),
    sealLagHistogram: Type.Array(
      Type.Object({
        upToMs: Nullable(Type.Number({ description: 'bucket bound; null above every bound' })),
        batches: Type.Integer(),
      }),
    ),
  }),
  scheduler: Type.Array(
    Type.Object({
      job: Type.String(),
      startedAt: Type.String(),
      finishedAt: Type.String(),
      ok: Type.Boolean(),
      error: Nullable(Type.String()),
      durationMs: Type.Integer(),
      changed: Type.Integer(),
    }),
  ),
  anomalies: Type.Object({
    open: Type.Integer(),
    institutions: Type.Array(Type.Object({ institutionId: Type.String(), name: Type.String(), open: Type.Integer() })),
  }),
  topCallers: Type.Object({
    day: Type.String({ description: "today, office-local (the ledger's day)" }),
    asOf: Nullable(Type.String({ description: 'time of the newest audit entry the ledger has folded' })),
    rows: Type.Array(
      Type.Object({
        institutionId: Type.String(),
        name: Type.String(),
        calls: Type.Integer(),
        refused: Type.Integer(),
        share: Type.Number({ description: 'of the scope’s calls today, 0..1' }),
      }),
    ),
  }),
});
