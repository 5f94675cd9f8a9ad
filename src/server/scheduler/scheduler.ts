/**
 * The scheduler: time-driven work (the PKS lifecycle now; report deadlines and sanctions later) runs here, never
 * on reads. Every minute it runs each job in `JOBS` (jobs.ts) once, under the job's lease in the database
 * (scheduler_leases), so that of several processes sharing one database only one runs a job at a time. Jobs
 * decide what is due from the office's local date and are idempotent: a tick that finds nothing due changes
 * nothing. Each change a job makes is its own transaction with its decision on the record.
 * Tests run one tick deterministically with `runDue(deps, now)`.
 */
import type { Deps } from '../deps.js';
import { newId } from '../lib/ids.js';
import { JOBS } from './jobs.js';
import { releaseLease, takeLease } from './scheduler.repository.js';
import { recordSchedulerRun, RUN_ERROR_MAX } from '../modules/operations/scheduler-runs.repository.js';

/** How jobs report trouble that does not stop the scheduler. */
export type SchedulerLog = (message: string, err?: unknown) => void;

/** What a job runs with. */
export interface JobContext {
  deps: Pick<Deps, 'db' | 'config' | 'now'>;
  /** The instant the tick runs for. */
  now: Date;
  log: SchedulerLog;
}

/** One kind of scheduled work. */
export interface Job {
  /** Stable name; the lease's key. */
  name: string;
  /** Longest a run may take before another process may take the job over. Default 5 minutes. */
  leaseMs?: number;
  /** Does what is due at `ctx.now`; returns how many things it changed. */
  run(ctx: JobContext): Promise<number>;
}

/** What one tick did with a job. */
export interface JobRun {
  job: string;
  /** False when another holder had the lease. */
  ran: boolean;
  changed: number;
  error?: string;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
/** How often the scheduler looks for due work. */
export const TICK_MS = 60_000;

/** Runs every job due at `now` that this holder can lease; a failing job is logged and does not stop the others. */
export async function runDue(
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  now: Date,
  options: { holder: string; jobs?: readonly Job[]; log?: SchedulerLog },
): Promise<JobRun[]> {
  const log = options.log ?? (() => undefined);
  const out: JobRun[] = [];
  for (const job of options.jobs ?? JOBS) {
    if (!(await takeLease(deps.db, job.name, options.holder, now, job.leaseMs ?? DEFAULT_LEASE_MS))) {
      out.push({ job: job.name, ran: false, changed: 0 });
      continue;
    }
    const started = performance.now();
    try {
      out.push({ job: job.name, ran: true, changed: await job.run({ deps, now, log }) });
    } catch (e) {
      log(`scheduler job ${job.name} failed`, e);
      out.push({ job: job.name, ran: true, changed: 0, error: e instanceof Error ? e.message : String(e) });
    } finally {
      await recordRun(deps, now, options.holder, out[out.length - 1] as JobRun, performance.now() - started, log);
      await releaseLease(deps.db, job.name, options.holder);
    }
  }
  return out;
}

/** Records a run for the operations dashboard (scheduler_runs); a failure to record is logged, never thrown. */
async function recordRun(
  deps: Pick<Deps, 'db'>,
  now: Date,
  holder: string,
  run: JobRun,
  ms: number,
  log: SchedulerLog,
): Promise<void> {
  const durationMs = Math.max(0, Math.round(ms));
  try {
    await recordSchedulerRun(deps.db, {
      id: newId(),
      job: run.job,
      holder,
      started_at: now.toISOString(),
      finished_at: new Date(now.getTime() + durationMs).toISOString(),
      ok: run.error === undefined ? 1 : 0,
      error: run.error === undefined ? null : run.error.slice(0, RUN_ERROR_MAX),
      duration_ms: durationMs,
      changed: run.changed,
    });
  } catch (e) {
    log(`recording the run of scheduler job ${run.job} failed`, e);
  }
}

/** The scheduler of one server process: started with the server, stopped (waiting for a running tick) on close. */
export class Scheduler {
  /** This process's name on the leases it takes. */
  readonly holder = `${process.pid}-${newId()}`;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly after: (() => Promise<void>)[] = [];

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'config' | 'now'>,
    private readonly log: SchedulerLog = () => undefined,
    private readonly jobs: readonly Job[] = JOBS,
  ) {}

  /** Adds work to run after a tick that changed something (e.g. sealing its decisions into the signed log). */
  afterRun(fn: () => Promise<void>): void {
    this.after.push(fn);
  }

  /** One tick at `now` (the clock's when it starts by default); ticks run one after another, never together. */
  runDue(now?: Date): Promise<JobRun[]> {
    const tick = this.chain.then(async () => {
      const runs = await runDue(this.deps, now ?? this.deps.now(), {
        holder: this.holder,
        jobs: this.jobs,
        log: this.log,
      });
      if (runs.some((r) => r.changed > 0)) {
        for (const fn of this.after) await fn().catch((e: unknown) => this.log('after a scheduler tick', e));
      }
      return runs;
    });
    this.chain = tick.catch(() => undefined);
    this.pending += 1;
    return tick.finally(() => (this.pending -= 1));
  }

  /** Runs a first tick now (awaited) and then one every `TICK_MS`. */
  async start(intervalMs = TICK_MS): Promise<void> {
    if (this.timer) return;
    await this.runDue().catch((e: unknown) => this.log('scheduler tick failed', e));
    if (this.stopped) return; // stopped during the first tick (a signal at start-up)
    this.timer = setInterval(() => {
      if (this.pending === 0) void this.runDue().catch((e: unknown) => this.log('scheduler tick failed', e));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
  }
}
