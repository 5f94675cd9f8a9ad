import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** SOP versions, cases, tasks, their timeline and documents, stored files, office calendar days. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('org_kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sop_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sop_versions_code_idx')
    .on('sop_versions')
    .columns(['office_id', 'code', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('sop_version_id', 'text', (c) => c.notNull().references('sop_versions.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('institution_id', 'text', (c) => c.references('institutions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('cases_office_idx').on('cases').columns(['office_id', 'status']).execute();
  await db.schema.createIndex('cases_institution_idx').on('cases').column('institution_id').execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('assignee_org_kind', 'text', (c) => c.notNull())
    .addColumn('assignee_org_id', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('pauses_clock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('target_at', 'text')
    .addColumn('deadline_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('decision', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('tasks_inbox_idx')
    .on('tasks')
    .columns(['assignee_org_id', 'status', 'role_code'])
    .execute();
  await db.schema.createIndex('tasks_case_idx').on('tasks').column('case_id').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('task_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').column('case_id').execute();

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('task_id', 'text')
    .addColumn('step_id', 'text')
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_documents_case_idx').on('case_documents').column('case_id').execute();

  await db.schema
    .createTable('office_calendar_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('office_calendar_days_idx')
    .on('office_calendar_days')
    .columns(['office_id', 'date'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'counters',
    'office_calendar_days',
    'case_documents',
    'case_events',
    'tasks',
    'cases',
    'sop_versions',
    'files',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
