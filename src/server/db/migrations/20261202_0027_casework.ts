import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Issue 14, case work a clerk can see:
 * - institution_verifications: each verification decision of an office on an institution, with the name and role
 *   of who decided as they were then (shown on the institution page and its list).
 * - case_document_queries: a file of a case the office queried when returning the case ("berkas perlu
 *   perbaikan"), with the clerk's note; answered when the institution replaces it.
 * - case_document_versions: a replacement of a case document ("Ganti berkas"): the old document row stays, the new
 *   one supersedes it; who replaced it, when, and the query it answered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institution_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('approved', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_by_role', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_verifications_idx')
    .on('institution_verifications')
    .columns(['institution_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('case_document_queries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('case_documents.id'))
    .addColumn('task_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('queried_by', 'text', (c) => c.notNull())
    .addColumn('queried_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('case_document_queries_idx').on('case_document_queries').columns(['case_id']).execute();

  await db.schema
    .createTable('case_document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('old_document_id', 'text', (c) => c.notNull().references('case_documents.id'))
    .addColumn('new_document_id', 'text', (c) => c.notNull().references('case_documents.id'))
    .addColumn('query_id', 'text')
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_document_versions_idx').on('case_document_versions').columns(['case_id']).execute();
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_document_versions').execute();
  await db.schema.dropTable('case_document_queries').execute();
  await db.schema.dropTable('institution_verifications').execute();
}
