import type { Kysely } from 'kysely';

/**
 * Semester usage reports and the obligations ladder (issue 12): the office's report deadline (days after a
 * semester's end), one report per agreement and semester, the once-only steps of the ladder per obligation, the
 * sanctions the ladder imposed (so that only those are lifted by it), and notices shown in an inbox.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offices')
    .addColumn('report_deadline_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();

  await db.schema
    .createTable('usage_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('semester', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('figures', 'text')
    .addColumn('notes', 'text')
    .addColumn('case_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('usage_reports_agreement_semester_uq')
    .on('usage_reports')
    .columns(['agreement_id', 'semester'])
    .unique()
    .execute();
  await db.schema.createIndex('usage_reports_institution_idx').on('usage_reports').column('institution_id').execute();

  await db.schema
    .createTable('obligation_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('obligation_steps_key_step_uq')
    .on('obligation_steps')
    .columns(['obligation_key', 'step'])
    .unique()
    .execute();
  await db.schema
    .createIndex('obligation_steps_institution_idx')
    .on('obligation_steps')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('obligation_sanctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('obligations', 'text', (c) => c.notNull())
    .addColumn('imposed_at', 'text', (c) => c.notNull())
    .addColumn('imposed_on', 'text', (c) => c.notNull())
    .addColumn('letter_id', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_on', 'text')
    .addColumn('lift_letter_id', 'text')
    .execute();
  await db.schema
    .createIndex('obligation_sanctions_institution_idx')
    .on('obligation_sanctions')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_id', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('document_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_org_idx').on('notices').columns(['org_kind', 'org_id', 'created_at']).execute();
}

/** Drops the tables and the office setting. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notices').execute();
  await db.schema.dropTable('obligation_sanctions').execute();
  await db.schema.dropTable('obligation_steps').execute();
  await db.schema.dropTable('usage_reports').execute();
  await db.schema.alterTable('offices').dropColumn('report_deadline_days').execute();
}
