import type { Kysely } from 'kysely';

/**
 * Users managed by their own organisation (issue 15): deactivating a user withdraws their portal-operator
 * registrations, and every portal request looks its operator up, both by user; this index serves the two.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('access_operators_user_idx').on('access_operators').column('user_id').execute();
}

/** Drops the index. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('access_operators_user_idx').execute();
}
