import type { Kysely } from 'kysely';

/**
 * Verifications per grant, NIK (its keyed hash) and office-local day: the per-NIK daily verification cap
 * (domain/grant VERIFY_CAP_PER_NIK_PER_DAY) counts here, so it holds across restarts and server processes.
 * Rows of past days are pruned by the gateway.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_verify_caps')
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('nik_hash', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_verify_caps_pk', ['grant_id', 'nik_hash', 'day'])
    .execute();
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_verify_caps').ifExists().execute();
}
