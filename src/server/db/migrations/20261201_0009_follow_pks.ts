import type { Kysely } from 'kysely';

/**
 * What a change of the PKS in force did to each grant (recompiled: elements or methods removed, validity moved,
 * version cited; or revoked), shown to the office on the grant. The decision itself is on the signed record
 * (`grant.follow_pks`); this table is its readable index per grant.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_grant_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('access_grants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_grant_changes_grant_idx').on('access_grant_changes').column('grant_id').execute();
}

/** Drops the table. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_grant_changes').ifExists().execute();
}
