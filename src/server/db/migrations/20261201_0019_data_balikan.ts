import type { Kysely } from 'kysely';

/**
 * Data balikan (issue 12): each delivery an institution submits against a duty of its PKS (kind and period), its
 * good rows and its bad rows with their reasons. A later delivery for the same agreement, kind and period is a
 * correction: it names the one it supersedes, and both are kept. Bad rows hold the NIK masked, never in clear.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_balikan_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('good_rows', 'integer', (c) => c.notNull())
    .addColumn('bad_rows', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('superseded_by', 'text')
    .execute();
  await db.schema
    .createIndex('data_balikan_deliveries_duty')
    .on('data_balikan_deliveries')
    .columns(['agreement_id', 'kind', 'period'])
    .execute();
  await db.schema
    .createIndex('data_balikan_deliveries_institution')
    .on('data_balikan_deliveries')
    .columns(['institution_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('data_balikan_rows')
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('nik', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_balikan_rows_pk', ['delivery_id', 'line'])
    .execute();

  await db.schema
    .createTable('data_balikan_bad_rows')
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('nik_masked', 'text')
    .addColumn('problems', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_balikan_bad_rows_pk', ['delivery_id', 'line'])
    .execute();
}

/** Drops the data balikan tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_balikan_bad_rows').execute();
  await db.schema.dropTable('data_balikan_rows').execute();
  await db.schema.dropTable('data_balikan_deliveries').execute();
}
