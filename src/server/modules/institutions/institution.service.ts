import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { can, type Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { BADAN_HUKUM_DOCUMENTS } from '../../../domain/application.js';
import type { InstitutionType } from '../../../domain/institution.js';
import { passwordIssues } from '../../../domain/password-policy.js';
import { newId } from '../../lib/ids.js';
import { hashPassword } from '../../lib/secrets.js';
import { officeChain } from '../directory/actor.repository.js';
import { findInstitution, findOffice, insertUser, usernameTaken } from '../directory/directory.repository.js';
import { findFile, ownFile, requirePdf } from '../files/files.service.js';
import { recordDecision } from '../access/audit/decisions.js';
import { accessChanged, announceAccessChange } from '../access/runtime/access-changes.js';
import { closeOpenSanction } from '../reports/reports.repository.js';
import { insertVerification, roleNames, verificationsOf } from './verification.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const INSTITUTION = { id: 'Lembaga', en: 'Institution' };

/** The code of the 409 for an admin username already in use (the route counts it against the address). */
export const USERNAME_TAKEN = 'username_taken';

/**
 * An institution registers itself: the institution (pending until its office verifies it) and its first admin,
 * who then manages its operators.
 */
export async function register(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    name: string;
    type: InstitutionType;
    profitOriented: boolean;
    officeId: string;
    address: string;
    contact: { name: string; position: string; email: string; phone: string };
    admin: { username: string; displayName: string; password: string };
  },
) {
  const office = await findOffice(deps.db, input.officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const issues = passwordIssues(input.admin.password, input.admin.username, 'admin.password');
  if (issues.length)
    throw errors.invalid('weak_password', { id: 'Kata sandi ditolak.', en: 'The password is refused.' }, issues);
  if (await usernameTaken(deps.db, input.admin.username)) {
    // The name is not repeated: the answer says no more than it must to an anonymous caller.
    throw new DomainError('conflict', USERNAME_TAKEN, {
      id: 'Nama pengguna ini sudah dipakai. Pilih nama lain.',
      en: 'This username is taken. Choose another one.',
    });
  }
  const now = deps.now().toISOString();
  const id = newId();
  const hash = await hashPassword(input.admin.password);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('institutions')
      .values({
        id,
        name: input.name,
        type: input.type,
        profit_oriented: input.profitOriented ? 1 : 0,
        office_id: office.id,
        status: 'pending',
        address: input.address,
        registered_by: null,
        verified_by: null,
        verified_at: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('institution_contacts')
      .values({ id: newId(), institution_id: id, ...input.contact })
      .execute();
    await insertUser(trx, {
      id: newId(),
      username: input.admin.username,
      displayName: input.admin.displayName,
      passwordHash: hash,
      officeId: null,
      institutionId: id,
      roles: ['admin', 'pimpinan'],
      mustChangePassword: false,
      now,
    });
  });
  return { id, status: 'pending' as const };
}

/** Staff of the institution's office (or above, or pusat) verify a registered institution. */
export async function verify(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  id: string,
  input: { approve: boolean; note?: string },
) {
  const inst = await findInstitution(deps.db, id);
  if (!inst) throw errors.notFound(INSTITUTION);
  const chain = await officeChain(deps.db, inst.office_id);
  if (!(actor.atPusat || chain.includes(actor.orgId)) || !can(actor, 'institution.verify')) throw errors.forbidden();
  const status = input.approve ? 'verified' : 'suspended';
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('institutions')
      .set({ status, verified_by: actor.userId, verified_at: deps.now().toISOString() })
      .where('id', '=', id)
      .execute();
    // The office's decision supersedes a suspension the obligations ladder imposed: its sanction is closed, so
    // the ladder neither lifts a later suspension of the office's nor sanctions those obligations again.
    const ladderSanction = await closeOpenSanction(trx, id, deps.now());
    await recordDecision(trx, deps.now(), actor, {
      action: input.approve ? 'institution.verify' : 'institution.suspend',
      result: status,
      institutionId: id,
      detail: { name: inst.name, note: input.note ?? null, ladderSanctionClosed: ladderSanction },
    });
    // Who decided and when, as they were then: shown on the institution page and its list.
    await insertVerification(trx, {
      id: newId(),
      institution_id: id,
      approved: input.approve ? 1 : 0,
      note: input.note ?? null,
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_by_role:
        actor.roles.filter((r) => can({ ...actor, roles: [r] }, 'institution.verify')).join(',') ||
        actor.roles.join(','),
      decided_at: deps.now().toISOString(),
    });
    // Its grants answer from the new status on the very next request, in every server process.
    await announceAccessChange(trx, { institutionId: id, what: `institution.${status}` });
  });
  accessChanged();
  return { id, status };
}

/** The latest verification decision on each of these institutions the actor may see (others are left out). */
export async function latestVerifications(deps: Pick<Deps, 'db'>, actor: Actor, institutionIds: readonly string[]) {
  const visible: { id: string; officeId: string }[] = [];
  for (const id of new Set(institutionIds)) {
    const inst = await visibleInstitution(deps.db, actor, id).catch(() => undefined);
    if (inst) visible.push({ id, officeId: inst.office_id });
  }
  const rows = await verificationsOf(
    deps.db,
    visible.map((v) => v.id),
  );
  const out = [];
  for (const v of visible) {
    const row = rows.find((r) => r.institution_id === v.id);
    if (!row) continue;
    const codes = row.decided_by_role.split(',').filter(Boolean);
    const names = await roleNames(deps.db, v.officeId, codes);
    out.push({
      institutionId: v.id,
      approved: row.approved === 1,
      note: row.note,
      decidedBy: {
        name: row.decided_by_name,
        roles: codes.map((c) => names.get(c) ?? { id: c, en: c }),
      },
      decidedAt: row.decided_at,
    });
  }
  return out;
}

/** Documents a badan hukum still lacks (empty for other types). */
export async function missingDocuments(db: Q, institutionId: string): Promise<string[]> {
  const inst = await findInstitution(db, institutionId);
  if (!inst || inst.type !== 'badan_hukum') return [];
  const have = new Set(
    (
      await db
        .selectFrom('institution_documents')
        .select('doc_type')
        .where('institution_id', '=', institutionId)
        .execute()
    ).map((d) => d.doc_type),
  );
  return BADAN_HUKUM_DOCUMENTS.map((d) => d.code).filter((c) => !have.has(c));
}

/** The institution's legal documents (for itself and its office). */
export async function listDocuments(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string) {
  await visibleInstitution(deps.db, actor, institutionId);
  const rows = await deps.db
    .selectFrom('institution_documents')
    .innerJoin('files', 'files.id', 'institution_documents.file_id')
    .select([
      'institution_documents.id',
      'institution_documents.doc_type',
      'institution_documents.uploaded_at',
      'files.filename',
      'files.sha256',
    ])
    .where('institution_id', '=', institutionId)
    .orderBy('uploaded_at')
    .execute();
  return {
    required: BADAN_HUKUM_DOCUMENTS.map((d) => ({ code: d.code, name: { id: d.id, en: d.en } })),
    missing: await missingDocuments(deps.db, institutionId),
    documents: rows.map((r) => ({
      id: r.id,
      docType: r.doc_type,
      filename: r.filename,
      sha256: r.sha256,
      uploadedAt: r.uploaded_at,
    })),
  };
}

async function visibleInstitution(db: Q, actor: Actor, id: string) {
  const inst = await findInstitution(db, id);
  if (!inst) throw errors.notFound(INSTITUTION);
  if (
    actor.orgKind === 'institution'
      ? actor.orgId !== id
      : !(actor.atPusat || (await officeChain(db, inst.office_id)).includes(actor.orgId))
  ) {
    throw errors.notFound(INSTITUTION);
  }
  return inst;
}

/** The institution's admin or head adds a legal document (a PDF it uploaded). */
export async function addDocument(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  institutionId: string,
  input: { docType: string; fileId: string },
) {
  await visibleInstitution(deps.db, actor, institutionId);
  if (actor.orgKind !== 'institution' || !(actor.roles.includes('admin') || actor.roles.includes('pimpinan')))
    throw errors.forbidden();
  if (!BADAN_HUKUM_DOCUMENTS.some((d) => d.code === input.docType)) {
    throw errors.invalid('unknown_doc_type', { id: 'Jenis dokumen tidak dikenal.', en: 'Unknown document type.' }, [
      {
        field: 'docType',
        message: {
          id: `pilih: ${BADAN_HUKUM_DOCUMENTS.map((d) => d.code).join(', ')}`,
          en: `choose: ${BADAN_HUKUM_DOCUMENTS.map((d) => d.code).join(', ')}`,
        },
      },
    ]);
  }
  const file = await ownFile(deps.db, actor, input.fileId);
  requirePdf(file);
  const id = newId();
  await deps.db
    .insertInto('institution_documents')
    .values({
      id,
      institution_id: institutionId,
      doc_type: input.docType,
      file_id: file.id,
      uploaded_by: actor.userId,
      uploaded_at: deps.now().toISOString(),
    })
    .execute();
  return { id };
}

/** One legal document's file, for the institution itself and its office (anyone else: not found). */
export async function documentFile(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string, docId: string) {
  await visibleInstitution(deps.db, actor, institutionId);
  const row = await deps.db
    .selectFrom('institution_documents')
    .innerJoin('files', 'files.id', 'institution_documents.file_id')
    .selectAll('files')
    .where('institution_documents.id', '=', docId)
    .where('institution_documents.institution_id', '=', institutionId)
    .executeTakeFirst();
  if (!row) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
  return row;
}

/** Loads a file row (re-exported for routes that stream institution documents). */
export { findFile };
