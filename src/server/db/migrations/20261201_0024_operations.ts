import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Issue 13, the operations dashboard: `scheduler_runs` keeps the scheduler's last runs of each job (which process
 * ran it, when it started and finished, whether it succeeded, the error's message bounded to 500 characters, how
 * long it took and how many things it changed). The scheduler writes a row after each run and keeps only the
 * newest runs per job (scheduler.ts), so the table stays small.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduler_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scheduler_runs_job_idx').on('scheduler_runs').columns(['job', 'id']).execute();
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduler_runs').execute();
}
