/** Table types of the operations feature (issue 13, migration 0024). */

/** One run of a scheduler job (scheduler.ts writes it; the newest runs per job are kept). */
export interface SchedulerRunTable {
  /** ULID: runs sort by it in the order they were recorded. */
  id: string;
  job: string;
  /** The process that ran it (its lease holder name). */
  holder: string;
  started_at: string;
  finished_at: string;
  /** 1 when the job returned, 0 when it threw. */
  ok: number;
  /** The error's message, at most 500 characters; null when it succeeded. */
  error: string | null;
  duration_ms: number;
  /** What the job reported it changed. */
  changed: number;
}

export interface OperationsTables {
  scheduler_runs: SchedulerRunTable;
}
