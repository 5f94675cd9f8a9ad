/** The scheduler's recorded runs (scheduler_runs, migration 0024): written after each run, read by the dashboard. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SchedulerRunTable } from '../../db/schema-operations.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Runs kept per job; older ones are deleted when a new one is recorded. */
export const RUNS_KEPT_PER_JOB = 20;
/** Longest error message kept. */
export const RUN_ERROR_MAX = 500;

/** Records one run and deletes that job's runs beyond the newest RUNS_KEPT_PER_JOB. */
export async function recordSchedulerRun(db: Q, run: SchedulerRunTable): Promise<void> {
  await db.insertInto('scheduler_runs').values(run).execute();
  const keep = db
    .selectFrom('scheduler_runs')
    .select('id')
    .where('job', '=', run.job)
    .orderBy('id', 'desc')
    .limit(RUNS_KEPT_PER_JOB);
  // A derived table: MySQL-style "LIMIT in IN" restrictions do not apply to SQLite or PostgreSQL, but this form runs on both.
  await db
    .deleteFrom('scheduler_runs')
    .where('job', '=', run.job)
    .where('id', 'not in', db.selectFrom(keep.as('k')).select('k.id'))
    .execute();
}

/** The newest runs of every job, newest first (at most `perJob` each). */
export async function recentSchedulerRuns(db: Q, perJob: number): Promise<SchedulerRunTable[]> {
  const rows = await db.selectFrom('scheduler_runs').selectAll().orderBy('id', 'desc').limit(500).execute();
  const seen = new Map<string, number>();
  return rows
    .filter((r) => {
      const n = seen.get(r.job) ?? 0;
      seen.set(r.job, n + 1);
      return n < perJob;
    })
    .map((r) => ({ ...r, ok: Number(r.ok), duration_ms: Number(r.duration_ms), changed: Number(r.changed) }));
}
