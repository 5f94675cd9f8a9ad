/**
 * The files a return queries ("berkas kurang / perlu perbaikan", issue 14): recorded in the return's own
 * transaction (cases/case.service.ts returnTask), answered when the institution replaces the file.
 */
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import * as repo from './case-files.repository.js';

/** Checks the documents a return queries (all of that case) and records the queries in the return's transaction. */
export async function recordQueries(
  trx: Parameters<typeof repo.insertQueries>[0],
  actor: Actor,
  input: { caseId: string; taskId: string; documentIds: readonly string[]; note: string; at: string },
) {
  const ids = [...new Set(input.documentIds)];
  if (ids.length === 0) return [];
  const found = await repo.documentsOfCase(trx, input.caseId, ids);
  if (found.length !== ids.length) {
    throw errors.invalid('unknown_document', {
      id: 'Berkas yang diminta diperbaiki bukan berkas kasus ini.',
      en: 'A queried file is not a document of this case.',
    });
  }
  await repo.insertQueries(
    trx,
    ids.map((id) => ({
      id: newId(),
      case_id: input.caseId,
      document_id: id,
      task_id: input.taskId,
      note: input.note,
      queried_by: actor.userId,
      queried_at: input.at,
      answered_at: null,
    })),
  );
  return found.map((f) => f.doc_type);
}
