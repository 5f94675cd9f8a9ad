/**
 * "Ganti berkas" (issue 14): a returned application is corrected by the institution replacing the file the office
 * queried. The old document stays on the case (superseded), the new one is a document of the same type; the case
 * shows who replaced what and when, with the clerk's note; the decision is on the signed record.
 */
import type { Deps } from '../../deps.js';
import { canReplaceCaseDocument, type Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { ownFile, requirePdf } from '../files/files.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import * as cases from '../cases/case.repository.js';
import { visibleCase } from '../cases/case.service.js';
import * as repo from './case-files.repository.js';

type Ctx = Pick<Deps, 'db' | 'now'>;

const DOCUMENT = { id: 'Dokumen', en: 'Document' };

/** The institution replaces a queried document of its case with a file it uploaded; one transaction. */
export async function replaceCaseDocument(
  deps: Ctx,
  actor: Actor,
  caseId: string,
  docId: string,
  input: { fileId: string },
) {
  // Only the admin or head of an institution hands in its papers (the rest of the rule needs the case).
  if (actor.orgKind !== 'institution' || !(actor.roles.includes('admin') || actor.roles.includes('pimpinan')))
    throw errors.forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await visibleCase(trx, actor, caseId);
    const doc = await repo.caseDocument(trx, caseId, docId);
    if (!doc) throw errors.notFound(DOCUMENT);
    const query = await repo.openQueryOf(trx, doc.id);
    const waiting = kase.institution_id ? await repo.hasOpenInstitutionTask(trx, caseId, kase.institution_id) : false;
    if (
      !canReplaceCaseDocument(actor, {
        caseInstitutionId: kase.institution_id,
        caseOpen: kase.status === 'open',
        waitingOnInstitution: waiting,
        queried: !!query,
        handedInByInstitution: doc.source === 'upload' && doc.uploader_institution_id === kase.institution_id,
      })
    ) {
      // Its own institution learns why; anyone else who may see the case is simply refused.
      if (actor.orgKind === 'institution' && actor.orgId === kase.institution_id && kase.status === 'open') {
        throw errors.conflict('document_not_queried', {
          id: 'Berkas ini tidak diminta untuk diperbaiki dan kasus tidak sedang menunggu lembaga Anda.',
          en: 'This file was not queried and the case is not waiting on your institution.',
        });
      }
      throw errors.forbidden();
    }
    if (await repo.isSuperseded(trx, doc.id)) {
      throw errors.conflict('document_superseded', {
        id: 'Berkas ini sudah diganti; ganti versi terbarunya.',
        en: 'This file was already replaced; replace its latest version.',
      });
    }
    const file = await ownFile(trx, actor, input.fileId);
    // A letter handed in as a PDF is replaced by a PDF: the replacement keeps the document's kind.
    if (doc.file_type === 'application/pdf') requirePdf(file);
    const at = deps.now();
    const iso = at.toISOString();
    const newDocId = newId();
    await cases.insertDocuments(trx, [
      {
        id: newDocId,
        case_id: caseId,
        task_id: null,
        step_id: doc.step_id,
        doc_type: doc.doc_type,
        role: doc.role,
        source: 'upload',
        file_id: file.id,
        created_by: actor.userId,
        created_at: iso,
      },
    ]);
    if (query && !(await repo.answerQuery(trx, query.id, iso))) {
      throw errors.conflict('document_superseded', {
        id: 'Berkas ini baru saja diganti; muat ulang halaman.',
        en: 'This file was just replaced; reload the page.',
      });
    }
    await repo.insertVersion(trx, {
      id: newId(),
      case_id: caseId,
      old_document_id: doc.id,
      new_document_id: newDocId,
      query_id: query?.id ?? null,
      replaced_by: actor.userId,
      replaced_at: iso,
    });
    await cases.insertEvents(trx, [
      {
        id: newId(),
        case_id: caseId,
        task_id: null,
        type: 'document_replaced',
        step_id: doc.step_id,
        actor_user_id: actor.userId,
        at: iso,
        data: JSON.stringify({
          documents: [doc.doc_type],
          replaced: doc.doc_type,
          filename: file.filename,
          note: query?.note ?? null,
        }),
      },
    ]);
    await recordDecision(trx, at, actor, {
      action: 'case.document_replaced',
      result: 'replaced',
      institutionId: kase.institution_id,
      detail: {
        caseId,
        caseNumber: kase.number,
        docType: doc.doc_type,
        oldDocumentId: doc.id,
        newDocumentId: newDocId,
        fileSha256: file.sha256,
        queryId: query?.id ?? null,
      },
    });
    return { id: newDocId, replaces: doc.id, docType: doc.doc_type };
  });
}

/** The case's queried and replaced documents, for whoever may see the case. */
export async function documentHistory(deps: Ctx, actor: Actor, caseId: string) {
  await visibleCase(deps.db, actor, caseId);
  const [queries, versions] = await Promise.all([repo.queriesOf(deps.db, caseId), repo.versionsOf(deps.db, caseId)]);
  return {
    queries: queries.map((q) => ({
      id: q.id,
      documentId: q.document_id,
      docType: q.doc_type,
      note: q.note,
      queriedBy: q.display_name ?? null,
      queriedAt: q.queried_at,
      answeredAt: q.answered_at,
    })),
    versions: versions.map((v) => ({
      id: v.id,
      docType: v.doc_type,
      oldDocumentId: v.old_document_id,
      newDocumentId: v.new_document_id,
      oldFilename: v.old_filename,
      newFilename: v.new_filename,
      replacedBy: v.display_name ?? null,
      replacedAt: v.replaced_at,
      note: v.query_note ?? null,
    })),
  };
}
