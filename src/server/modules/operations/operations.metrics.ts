/**
 * The operations series of /metrics (Prometheus text format), produced at scrape time: this process's data calls
 * per institution (by id), result code and channel, the data-call latency per channel, the audit writer's seal
 * lag and batch sizes; and from the database, read at most every CACHE_MS (never on the request path), the
 * scheduler's last run per job and the anomalies open per institution. Label variety is bounded: institutions
 * are database ids (beyond MAX_SERIES counters, "other"), codes and channels are the gateway's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DATA_CHANNELS } from '../../../domain/audit/actions.js';
import { labelValue } from '../../../domain/operations/histogram.js';
import { DURATION_BUCKETS, type Metrics } from '../../http/metrics.js';
import { anomalySummary } from '../anomalies/anomalies.summary.js';
import { recentSchedulerRuns, RUNS_KEPT_PER_JOB } from './scheduler-runs.repository.js';
import type { Histogram, OperationsStats } from './operations.stats.js';
import { CHANNEL_ROUTES } from './operations.service.js';

/** How long the database-backed series are reused between scrapes. */
export const CACHE_MS = 15_000;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function histogramLines(name: string, labels: string, h: Histogram, scale = 1): string[] {
  const lines: string[] = [];
  const sep = labels ? labels + ',' : '';
  let cumulative = 0;
  h.bounds.forEach((b, i) => {
    cumulative += h.counts[i] ?? 0;
    lines.push(`${name}_bucket{${sep}le="${b * scale}"} ${cumulative}`);
  });
  lines.push(`${name}_bucket{${sep}le="+Inf"} ${h.count}`);
  const braces = labels ? `{${labels}}` : '';
  lines.push(`${name}_sum${braces} ${h.sum * scale}`, `${name}_count${braces} ${h.count}`);
  return lines;
}

/** Registers the operations series on the app's metrics. */
export function installOperationsMetrics(db: Kysely<DB>, stats: OperationsStats, metrics: Metrics) {
  let cached: { at: number; lines: Promise<string[]> } | null = null;
  const fromDatabase = () => {
    // The process's own monotonic time: a cache's age, not an instant of the (possibly simulated) app clock.
    const t = performance.now();
    if (!cached || t - cached.at >= CACHE_MS) {
      const lines = databaseLines(db).catch(() => ['# operations: database series unavailable']);
      cached = { at: t, lines };
    }
    return cached.lines;
  };
  metrics.collect(async () => [...processLines(stats, metrics), ...(await fromDatabase())]);
}

function processLines(stats: OperationsStats, metrics: Metrics): string[] {
  const lines: string[] = [
    '# HELP gerbang_data_calls_total Data calls committed to the audit log by this process, by institution id, result code and channel.',
    '# TYPE gerbang_data_calls_total counter',
  ];
  for (const c of stats.callCounters())
    lines.push(
      `gerbang_data_calls_total{institution="${esc(c.institution)}",code="${esc(c.code)}",channel="${c.channel}"} ${c.count}`,
    );
  lines.push(
    '# HELP gerbang_data_call_duration_seconds Data-call request duration by channel (this process).',
    '# TYPE gerbang_data_call_duration_seconds histogram',
  );
  for (const channel of DATA_CHANNELS) {
    const h = metrics.histogramOf(CHANNEL_ROUTES[channel]);
    lines.push(
      ...histogramLines('gerbang_data_call_duration_seconds', `channel="${channel}"`, {
        bounds: DURATION_BUCKETS,
        ...h,
      }),
    );
  }
  lines.push(
    "# HELP gerbang_audit_seal_lag_seconds Time from the append of a batch's oldest entry to its commit (this process).",
    '# TYPE gerbang_audit_seal_lag_seconds histogram',
    ...histogramLines('gerbang_audit_seal_lag_seconds', '', stats.sealLag, 1 / 1000),
    '# HELP gerbang_audit_batch_size Entries per committed audit batch (this process).',
    '# TYPE gerbang_audit_batch_size histogram',
    ...histogramLines('gerbang_audit_batch_size', '', stats.batchSize),
  );
  return lines;
}

async function databaseLines(db: Kysely<DB>): Promise<string[]> {
  const [runs, anomalies] = await Promise.all([
    recentSchedulerRuns(db, RUNS_KEPT_PER_JOB),
    anomalySummary(db, { institutionIds: null }),
  ]);
  const byJob = new Map<string, typeof runs>();
  for (const r of runs) byJob.set(r.job, [...(byJob.get(r.job) ?? []), r]);
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  const lastRun: string[] = [];
  const lastOk: string[] = [];
  const duration: string[] = [];
  const success: string[] = [];
  const failures: string[] = [];
  for (const [job, list] of byJob) {
    const l = `job="${esc(labelValue(job, 'other'))}"`;
    const newest = list[0];
    if (!newest) continue;
    lastRun.push(`gerbang_scheduler_last_run_timestamp_seconds{${l}} ${seconds(newest.finished_at)}`);
    lastOk.push(`gerbang_scheduler_last_run_ok{${l}} ${newest.ok}`);
    duration.push(`gerbang_scheduler_last_run_duration_seconds{${l}} ${newest.duration_ms / 1000}`);
    const good = list.find((r) => r.ok === 1);
    if (good) success.push(`gerbang_scheduler_last_success_timestamp_seconds{${l}} ${seconds(good.finished_at)}`);
    failures.push(`gerbang_scheduler_recent_failures{${l}} ${list.filter((r) => r.ok !== 1).length}`);
  }
  const lines = [
    '# HELP gerbang_scheduler_last_run_timestamp_seconds When each scheduler job last finished (any process).',
    '# TYPE gerbang_scheduler_last_run_timestamp_seconds gauge',
    ...lastRun,
    "# HELP gerbang_scheduler_last_run_ok Whether each job's last run succeeded (1) or failed (0).",
    '# TYPE gerbang_scheduler_last_run_ok gauge',
    ...lastOk,
    "# HELP gerbang_scheduler_last_run_duration_seconds How long each job's last run took.",
    '# TYPE gerbang_scheduler_last_run_duration_seconds gauge',
    ...duration,
    '# HELP gerbang_scheduler_last_success_timestamp_seconds When each job last succeeded.',
    '# TYPE gerbang_scheduler_last_success_timestamp_seconds gauge',
    ...success,
    `# HELP gerbang_scheduler_recent_failures Failed runs among each job's last ${RUNS_KEPT_PER_JOB} runs.`,
    '# TYPE gerbang_scheduler_recent_failures gauge',
    ...failures,
    '# HELP gerbang_anomalies_open Anomaly findings still open, by institution id.',
    '# TYPE gerbang_anomalies_open gauge',
  ];
  for (const [id, c] of anomalies)
    if (c.open > 0) lines.push(`gerbang_anomalies_open{institution="${esc(labelValue(id))}"} ${c.open}`);
  return lines;
}
