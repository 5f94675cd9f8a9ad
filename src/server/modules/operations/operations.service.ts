/**
 * The operations dashboard (GET /api/operations) as an actor may see it. Scope is decided here from the actor:
 * pusat every institution (and calls attributed to none), an office its institutions and those of the offices
 * under it (a provinsi its kabupaten/kota); institution users are answered 404 — the dashboard is the offices'
 * (an institution sees its own calls on Pemakaian Data). Calls per second, refusals by code, latency and the
 * audit writer's figures are this process's (operations.stats.ts, fed after each audit commit; latency from the
 * request metrics of the data-call routes); the scheduler's runs, anomalies open and today's top callers come
 * from the database and are every process's.
 */
import type { Deps } from '../../deps.js';
import { auditScopeOf, type Actor } from '../../../domain/authz.js';
import { errors, type Message } from '../../../domain/errors.js';
import { DATA_CHANNELS, type DataChannel } from '../../../domain/audit/actions.js';
import { codeLabel, quantileOf } from '../../../domain/operations/histogram.js';
import { CHANNEL_NAMES, todayAt } from '../../../domain/usage/query.js';
import { DEFAULT_OFFSET_MINUTES } from '../../../domain/usage/fold.js';
import { DURATION_BUCKETS, type Metrics } from '../../http/metrics.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { anomalySummary } from '../anomalies/anomalies.summary.js';
import { visibleInstitutions } from '../usage/usage.service.js';
import { WINDOW_SECONDS, type OperationsStats } from './operations.stats.js';
import * as repo from './operations.repository.js';

/** The routes of each channel's data calls (their request durations are the channel's latency). */
export const CHANNEL_ROUTES: Readonly<Record<DataChannel, readonly string[]>> = {
  web_service: [
    '/dukcapil/get_json/:customerId/CALL_NIK',
    '/dukcapil/get_json/:customerId/CALL_VERIFY_BY_ELEMEN',
    '/dukcapil/get_json/*',
  ],
  v1: ['/api/v1/residents/:nik', '/api/v1/verify', '/api/v1/verify/batch'],
  card_reader: ['/api/reader/read'],
  web_portal: ['/api/portal/lookup'],
};

/** Seconds per point of the calls-per-second chart. */
export const STEP_SECONDS = 10;
/** Runs shown per job. */
const RUNS_PER_JOB = 5;
/** Top callers shown. */
const TOP_CALLERS = 10;

/** What the dashboard reads in memory. */
export interface OperationsContext {
  stats: OperationsStats;
  metrics: Metrics;
}

/** The answer (the web's operations page codes against this shape). */
export interface OperationsResponse {
  scope: { kind: 'all' | 'office'; name: string };
  now: string;
  process: { startedAt: string; windowSeconds: number; stepSeconds: number };
  rate: {
    /** Calls per second over the last minute. */
    lastMinutePerSecond: number;
    windowCalls: number;
    windowRefused: number;
    series: { at: string; calls: number; refused: number; perSecond: number }[];
  };
  refusals: { code: string; label: Message; count: number }[];
  latency: { channel: DataChannel; label: Message; count: number; p50Ms: number | null; p99Ms: number | null }[];
  audit: {
    batches: number;
    lastAt: string | null;
    lastSealLagMs: number | null;
    lastBatchSize: number | null;
    sealLagP50Ms: number | null;
    sealLagP99Ms: number | null;
    averageBatchSize: number | null;
    largestBatchBound: number | null;
    /** Batches per seal-lag bucket (upToMs null: above every bound). */
    sealLagHistogram: { upToMs: number | null; batches: number }[];
  };
  scheduler: {
    job: string;
    startedAt: string;
    finishedAt: string;
    ok: boolean;
    error: string | null;
    durationMs: number;
    changed: number;
  }[];
  anomalies: { open: number; institutions: { institutionId: string; name: string; open: number }[] };
  topCallers: {
    day: string;
    asOf: string | null;
    rows: { institutionId: string; name: string; calls: number; refused: number; share: number }[];
  };
}

type Ctx = Pick<Deps, 'db' | 'now'>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ms = (seconds: number | null) => (seconds === null ? null : round(seconds * 1000));

/** The dashboard of the actor's scope. */
export async function operationsDashboard(
  deps: Ctx,
  ctx: OperationsContext,
  actor: Actor,
): Promise<OperationsResponse> {
  const db = deps.db;
  const scope = auditScopeOf(actor);
  // The offices' screen: an institution user is told nothing exists here.
  if (scope.kind === 'institution') throw errors.notFound({ id: 'Halaman', en: 'Page' });
  const visible = await visibleInstitutions(db, actor);
  const visibleSet = visible ? new Set(visible) : null;
  const now = deps.now();

  // This process: the window's seconds.
  const w = ctx.stats.window(visibleSet);
  const series: OperationsResponse['rate']['series'] = [];
  for (let i = 0; i < WINDOW_SECONDS; i += STEP_SECONDS) {
    let calls = 0;
    let refused = 0;
    for (let j = i; j < i + STEP_SECONDS; j++) {
      calls += w.calls[j] ?? 0;
      refused += w.refused[j] ?? 0;
    }
    const endSecond = w.endSecond - (WINDOW_SECONDS - 1 - (i + STEP_SECONDS - 1));
    series.push({
      at: new Date(endSecond * 1000).toISOString(),
      calls,
      refused,
      perSecond: round(calls / STEP_SECONDS, 2),
    });
  }
  const sum = (a: readonly number[], from = 0) => a.slice(from).reduce((x, y) => x + y, 0);
  const refusals = [...w.refusalsByCode]
    .map(([code, count]) => ({ code, label: codeLabel(code), count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const latency = DATA_CHANNELS.map((channel) => {
    const h = ctx.metrics.histogramOf(CHANNEL_ROUTES[channel]);
    return {
      channel,
      label: CHANNEL_NAMES[channel],
      count: h.count,
      p50Ms: ms(quantileOf(DURATION_BUCKETS, h.counts, 0.5)),
      p99Ms: ms(quantileOf(DURATION_BUCKETS, h.counts, 0.99)),
    };
  });
  const { sealLag, batchSize, last } = ctx.stats;
  const audit: OperationsResponse['audit'] = {
    batches: sealLag.count,
    lastAt: last ? last.at.toISOString() : null,
    lastSealLagMs: last ? round(last.sealLagMs) : null,
    lastBatchSize: last ? last.size : null,
    sealLagP50Ms: nullableRound(quantileOf(sealLag.bounds, sealLag.counts, 0.5)),
    sealLagP99Ms: nullableRound(quantileOf(sealLag.bounds, sealLag.counts, 0.99)),
    averageBatchSize: batchSize.count ? round(batchSize.sum / batchSize.count) : null,
    largestBatchBound: quantileOf(batchSize.bounds, batchSize.counts, 1),
    sealLagHistogram: sealLag.counts.map((batches, i) => ({ upToMs: sealLag.bounds[i] ?? null, batches })),
  };

  // The database: every process's.
  const offset = await offsetOf(deps, actor.officeId);
  const day = todayAt(now, offset);
  const [runs, anomalies, groups, cursor, office] = await Promise.all([
    repo.recentSchedulerRuns(db, RUNS_PER_JOB),
    anomalySummary(db, { institutionIds: visible }),
    repo.callGroups(db, { visible, from: day, to: day }, 'institution'),
    repo.readCursor(db),
    scope.kind === 'office' ? repo.officeName(db, scope.officeId) : Promise.resolve(undefined),
  ]);
  const anomalyRows = [...anomalies]
    .filter(([id, c]) => c.open > 0 && (visibleSet === null || visibleSet.has(id)))
    .map(([institutionId, c]) => ({ institutionId, open: c.open }));
  groups.sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key));
  const top = groups.slice(0, TOP_CALLERS);
  const names = await repo.institutionNames(db, [...top.map((g) => g.key), ...anomalyRows.map((a) => a.institutionId)]);
  const total = groups.reduce((n, g) => n + g.calls, 0);
  return {
    scope: scope.kind === 'all' ? { kind: 'all', name: 'Pusat' } : { kind: 'office', name: office ?? '' },
    now: now.toISOString(),
    process: { startedAt: ctx.stats.startedAt.toISOString(), windowSeconds: WINDOW_SECONDS, stepSeconds: STEP_SECONDS },
    rate: {
      lastMinutePerSecond: round(sum(w.calls, WINDOW_SECONDS - 60) / 60, 2),
      windowCalls: sum(w.calls),
      windowRefused: sum(w.refused),
      series,
    },
    refusals,
    latency,
    audit,
    scheduler: runs.map((r) => ({
      job: r.job,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      ok: r.ok === 1,
      error: r.error,
      durationMs: r.duration_ms,
      changed: r.changed,
    })),
    anomalies: {
      open: anomalyRows.reduce((n, a) => n + a.open, 0),
      institutions: anomalyRows
        .map((a) => ({ ...a, name: names.get(a.institutionId) ?? '' }))
        .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    },
    topCallers: {
      day,
      asOf: cursor.asOf,
      rows: top.map((g) => ({
        institutionId: g.key,
        name: names.get(g.key) ?? '',
        calls: g.calls,
        refused: g.calls - g.answered,
        share: total ? round(g.calls / total, 4) : 0,
      })),
    },
  };
}

function nullableRound(n: number | null): number | null {
  return n === null ? null : round(n);
}

async function offsetOf(deps: Ctx, officeId: string): Promise<number> {
  try {
    return (await calendarFor(deps.db, officeId)).offsetMinutes;
  } catch {
    return DEFAULT_OFFSET_MINUTES;
  }
}
