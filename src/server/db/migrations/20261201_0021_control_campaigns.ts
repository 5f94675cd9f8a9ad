import type { Kysely } from 'kysely';

/**
 * Issue 13: control campaigns. A campaign is one case on an office's control SOP over chosen institutions and a
 * period; per institution its frozen data dukung, its visit checklist and the evidence files; findings, each with
 * the follow-up (tindak lanjut) the institution owes, its response and the office's acceptance or return.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('prepared_at', 'text')
    .addColumn('annex_file_id', 'text')
    .addColumn('visited_at', 'text')
    .addColumn('report_document_id', 'text')
    .addColumn('report_step_id', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_office').on('campaigns').columns(['office_id', 'created_at']).execute();
  await db.schema.createIndex('campaigns_case').on('campaigns').column('case_id').unique().execute();

  await db.schema
    .createTable('campaign_institutions')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text')
    .addColumn('data_dukung', 'text')
    .addColumn('checklist', 'text')
    .addColumn('checklist_by', 'text')
    .addColumn('checklist_at', 'text')
    .addPrimaryKeyConstraint('campaign_institutions_pk', ['campaign_id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('campaign_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('item', 'text')
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_evidence_campaign')
    .on('campaign_evidence')
    .columns(['campaign_id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('campaign_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_file_id', 'text')
    .addColumn('responded_by', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('return_note', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_findings_campaign')
    .on('campaign_findings')
    .columns(['campaign_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('campaign_findings_institution')
    .on('campaign_findings')
    .columns(['institution_id', 'status'])
    .execute();
}

/** Drops the campaign tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_findings').execute();
  await db.schema.dropTable('campaign_evidence').execute();
  await db.schema.dropTable('campaign_institutions').execute();
  await db.schema.dropTable('campaigns').execute();
}
