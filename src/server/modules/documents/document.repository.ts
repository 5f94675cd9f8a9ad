import type { Kysely, Transaction } from 'kysely';
import type { DB, DocumentTable, DocumentVersionTable, SignatureTable } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One document. */
export function findDocument(db: Q, id: string) {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Versions of a document, oldest first. */
export function versionsOf(db: Q, documentId: string) {
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('version')
    .execute();
}

/** One version. */
export function findVersion(db: Q, id: string) {
  return db.selectFrom('document_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a document. */
export async function insertDocument(db: Q, row: DocumentTable) {
  await db.insertInto('documents').values(row).execute();
}

/** Inserts a version. */
export async function insertVersion(db: Q, row: DocumentVersionTable) {
  await db.insertInto('document_versions').values(row).execute();
}

/** Signatures over any version of a document. */
export function signaturesOf(db: Q, documentId: string) {
  return db
    .selectFrom('signatures')
    .innerJoin('document_versions', 'document_versions.id', 'signatures.document_version_id')
    .selectAll('signatures')
    .select('document_versions.version')
    .where('document_versions.document_id', '=', documentId)
    .orderBy('signatures.signed_at')
    .execute();
}

/** Inserts a signature. */
export async function insertSignature(db: Q, row: SignatureTable) {
  await db.insertInto('signatures').values(row).execute();
}

/** Comments on the versions of a document, with their authors. */
export function commentsOf(db: Q, documentId: string) {
  return db
    .selectFrom('document_comments')
    .innerJoin('document_versions', 'document_versions.id', 'document_comments.document_version_id')
    .innerJoin('users', 'users.id', 'document_comments.user_id')
    .selectAll('document_comments')
    .select(['document_versions.version', 'users.display_name'])
    .where('document_versions.document_id', '=', documentId)
    .orderBy('document_comments.created_at')
    .execute();
}

/** Documents of a case or an agreement. */
export function documentsFor(db: Q, filter: { caseId?: string; agreementId?: string }) {
  let q = db.selectFrom('documents').selectAll().orderBy('created_at');
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  if (filter.agreementId) q = q.where('agreement_id', '=', filter.agreementId);
  return q.execute();
}
