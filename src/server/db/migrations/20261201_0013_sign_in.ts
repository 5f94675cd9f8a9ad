import type { Kysely } from 'kysely';

/**
 * Sign-in that resists guessing (issue 15): the last TOTP time step accepted per user (a code is good once);
 * per session a non-secret handle (listed to its user, who may end it), an absolute expiry besides the idle one,
 * and the wrong TOTP codes given in it. Sessions opened before this migration had no absolute limit: they end here
 * (everyone signs in once more).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.deleteFrom('sessions').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('handle', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('totp_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sessions_handle_idx').unique().on('sessions').column('handle').execute();
}

/** Drops what `up` added (the ended sessions stay ended). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_handle_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('totp_failures').execute();
  await db.schema.alterTable('sessions').dropColumn('absolute_expires_at').execute();
  await db.schema.alterTable('sessions').dropColumn('handle').execute();
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
