/** Queried and replaced case documents ("Ganti berkas", issue 14): all the SQL of it. */
import type { Kysely, Transaction } from 'kysely';
import type { CaseDocumentQueryTable, CaseDocumentVersionTable, DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Records the office's queries of case documents. */
export async function insertQueries(db: Q, rows: CaseDocumentQueryTable[]) {
  if (rows.length) await db.insertInto('case_document_queries').values(rows).execute();
}

/** A case document with its file, when it belongs to that case. */
export function caseDocument(db: Q, caseId: string, docId: string) {
  return (
    db
      .selectFrom('case_documents as d')
      .leftJoin('users as u', 'u.id', 'd.created_by')
      .leftJoin('files as f', 'f.id', 'd.file_id')
      .selectAll('d')
      // Who handed it in (an institution's user, or an office's) and what kind of file it is.
      .select(['u.institution_id as uploader_institution_id', 'f.content_type as file_type'])
      .where('d.id', '=', docId)
      .where('d.case_id', '=', caseId)
      .executeTakeFirst()
  );
}

/** Ids of the case's documents among these. */
export async function documentsOfCase(db: Q, caseId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('case_documents')
    .select(['id', 'doc_type'])
    .where('case_id', '=', caseId)
    .where('id', 'in', ids)
    .execute();
}

/** The open (unanswered) query of a document, if any. */
export function openQueryOf(db: Q, documentId: string) {
  return db
    .selectFrom('case_document_queries')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('answered_at', 'is', null)
    .orderBy('queried_at', 'desc')
    .executeTakeFirst();
}

/** Marks a query answered; false when another answer came first. */
export async function answerQuery(db: Q, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('case_document_queries')
    .set({ answered_at: at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True when the document was already replaced by a newer one. */
export async function isSuperseded(db: Q, documentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_document_versions')
    .select('id')
    .where('old_document_id', '=', documentId)
    .executeTakeFirst();
  return !!row;
}

/** Records a replacement. */
export async function insertVersion(db: Q, row: CaseDocumentVersionTable) {
  await db.insertInto('case_document_versions').values(row).execute();
}

/** Whether the case has an open task of this institution. */
export async function hasOpenInstitutionTask(db: Q, caseId: string, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .where('assignee_org_kind', '=', 'institution')
    .where('assignee_org_id', '=', institutionId)
    .executeTakeFirst();
  return !!row;
}

/** The case's queries with who queried, newest first. */
export function queriesOf(db: Q, caseId: string) {
  return db
    .selectFrom('case_document_queries')
    .innerJoin('case_documents', 'case_documents.id', 'case_document_queries.document_id')
    .leftJoin('users', 'users.id', 'case_document_queries.queried_by')
    .select([
      'case_document_queries.id',
      'case_document_queries.document_id',
      'case_document_queries.note',
      'case_document_queries.queried_at',
      'case_document_queries.answered_at',
      'case_documents.doc_type',
      'users.display_name',
    ])
    .where('case_document_queries.case_id', '=', caseId)
    .orderBy('case_document_queries.queried_at', 'desc')
    .execute();
}

/** The case's replacements with who replaced and the files, newest first. */
export function versionsOf(db: Q, caseId: string) {
  return db
    .selectFrom('case_document_versions as v')
    .innerJoin('case_documents as o', 'o.id', 'v.old_document_id')
    .innerJoin('case_documents as n', 'n.id', 'v.new_document_id')
    .innerJoin('files as of', 'of.id', 'o.file_id')
    .innerJoin('files as nf', 'nf.id', 'n.file_id')
    .leftJoin('users', 'users.id', 'v.replaced_by')
    .leftJoin('case_document_queries as q', 'q.id', 'v.query_id')
    .select([
      'v.id',
      'v.old_document_id',
      'v.new_document_id',
      'v.replaced_at',
      'o.doc_type',
      'of.filename as old_filename',
      'nf.filename as new_filename',
      'users.display_name',
      'q.note as query_note',
    ])
    .where('v.case_id', '=', caseId)
    .orderBy('v.replaced_at', 'desc')
    .execute();
}
