import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** Agreement versions get a state: an addendum or renewal is pending until its short case ends. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agreement_versions')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('in_force'))
    .execute();
}

/** Removes the column. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agreement_versions').dropColumn('state').execute();
}
