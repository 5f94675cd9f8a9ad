import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * The scheduler (src/server/scheduler): `scheduler_leases` holds, per job, which process runs it and until when,
 * so that of several server processes sharing one database only one runs a job at a time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduler_leases')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduler_leases').execute();
}
