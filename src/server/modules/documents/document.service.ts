import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DocumentTable } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { KINDS, letterNumber, type DocumentKind } from '../../../domain/documents.js';
import { canonical, diffContent } from '../../../domain/agreement/pks.js';
import { newId } from '../../lib/ids.js';
import { officeChain } from '../directory/actor.repository.js';
import { findOffice } from '../directory/directory.repository.js';
import { blobPath, findFile, ownFile, readBlob, storeFile } from '../files/files.service.js';
import { nextCounter } from '../cases/case.repository.js';
import { renderLetterPdf } from './letter-pdf.js';
import { layoutFor, type TemplateData } from './templates.js';
import * as repo from './document.repository.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'config' | 'now'>;

const DOCUMENT = { id: 'Dokumen', en: 'Document' };

/** A produced document version. */
export interface Produced {
  documentId: string;
  versionId: string;
  version: number;
  fileId: string;
  number: string;
  sha256: string;
}

async function render(deps: Ctx, kind: DocumentKind, data: TemplateData, number: string, documentId: string, at: Date) {
  // The emblem is named in the data by its blob's SHA-256 (the office's at the time), its bytes read from the store.
  const emblem = data.office.emblem
    ? await readFile(blobPath(deps.config.dataDir, data.office.emblem)).catch(() => null)
    : null;
  const layout = layoutFor(kind, data, {
    number,
    date: at,
    verifyUrl: `${deps.config.publicUrl}/verify/${documentId}`,
    emblem,
    serviceUrl: deps.config.publicUrl,
  });
  return renderLetterPdf(layout, at);
}

/**
 * The next number of the office's register for a kind of document, in the office's letter format: the one place a
 * document's number is made (a PKS's number is its document's, issue 14).
 */
export async function nextNumber(db: Q, officeId: string, kind: DocumentKind, at: Date): Promise<string> {
  const office = await findOffice(db, officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const seq = await nextCounter(db, `letter:${office.id}:${kind}:${at.getUTCFullYear()}`);
  return letterNumber(office.letter_format, { seq, kind, code: office.code, date: at });
}

/**
 * Produces a numbered document from a template: number from the office register (counter per office, kind and
 * year) unless one was taken from it already (nextNumber), PDF with a QR code to /verify/ID, stored with its
 * SHA-256, and its data kept as version 1.
 */
export async function produce(
  deps: Ctx,
  db: Q,
  input: {
    kind: DocumentKind;
    officeId: string;
    institutionId?: string | null;
    caseId?: string | null;
    agreementId?: string | null;
    data: TemplateData;
    createdBy: string | null;
    /** A number already taken from the register with nextNumber (the agreement that carries it was made first). */
    number?: string;
  },
): Promise<Produced> {
  const at = deps.now();
  const office = await findOffice(db, input.officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const number = input.number ?? (await nextNumber(db, office.id, input.kind, at));
  const documentId = newId();
  const doc: DocumentTable = {
    id: documentId,
    kind: input.kind,
    number,
    title: input.kind === 'record' ? (input.data.outputName ?? KINDS.record.id) : KINDS[input.kind].id,
    office_id: office.id,
    institution_id: input.institutionId ?? null,
    case_id: input.caseId ?? null,
    agreement_id: input.agreementId ?? null,
    status: 'valid',
    status_reason: null,
    created_at: at.toISOString(),
  };
  await repo.insertDocument(db, doc);
  return writeVersion(deps, db, doc, 1, input.data, input.createdBy);
}

async function writeVersion(
  deps: Ctx,
  db: Q,
  doc: DocumentTable,
  version: number,
  data: TemplateData,
  createdBy: string | null,
) {
  const at = deps.now();
  const pdf = await render(deps, doc.kind as DocumentKind, data, doc.number, doc.id, at);
  const file = await storeFile(deps, db, {
    bytes: pdf,
    filename: `${doc.title} ${doc.number.replaceAll('/', '-')} v${version}.pdf`,
    contentType: 'application/pdf',
    uploadedBy: createdBy,
    orgKind: 'office',
    orgId: doc.office_id,
  });
  const content = canonical(data);
  const versionId = newId();
  await repo.insertVersion(db, {
    id: versionId,
    document_id: doc.id,
    version,
    file_id: file.id,
    sha256: file.sha256,
    content,
    content_hash: crypto.createHash('sha256').update(content).digest('hex'),
    created_by: createdBy,
    created_at: at.toISOString(),
  });
  return { documentId: doc.id, versionId, version, fileId: file.id, number: doc.number, sha256: file.sha256 };
}

/** A new version of a document from changed data (same number); earlier versions become superseded for /verify. */
export async function addVersion(deps: Ctx, db: Q, documentId: string, data: TemplateData, createdBy: string | null) {
  const doc = await repo.findDocument(db, documentId);
  if (!doc) throw errors.notFound(DOCUMENT);
  const versions = await repo.versionsOf(db, documentId);
  return writeVersion(deps, db, doc, (versions.at(-1)?.version ?? 0) + 1, data, createdBy);
}

/** Who may see a document: its office and the offices above, pusat, and the institution it concerns. */
async function canSee(db: Q, actor: Actor, doc: DocumentTable): Promise<boolean> {
  if (actor.orgKind === 'institution') return doc.institution_id === actor.orgId;
  if (actor.atPusat) return true;
  return (await officeChain(db, doc.office_id)).includes(actor.orgId);
}

async function visible(db: Q, actor: Actor, id: string) {
  const doc = await repo.findDocument(db, id);
  if (!doc || !(await canSee(db, actor, doc))) throw errors.notFound(DOCUMENT);
  return doc;
}

/** A document with its versions, comments, signatures and the field-level changes between versions. */
export async function getDocument(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const doc = await visible(deps.db, actor, id);
  const versions = await repo.versionsOf(deps.db, id);
  const comments = await repo.commentsOf(deps.db, id);
  const signatures = await repo.signaturesOf(deps.db, id);
  return {
    id: doc.id,
    // Every document is produced with a kind of the domain's list (produce takes a DocumentKind).
    kind: doc.kind as DocumentKind,
    number: doc.number,
    title: doc.title,
    status: doc.status,
    statusReason: doc.status_reason,
    caseId: doc.case_id,
    agreementId: doc.agreement_id,
    createdAt: doc.created_at,
    versions: versions.map((v, i) => ({
      id: v.id,
      version: v.version,
      sha256: v.sha256,
      createdAt: v.created_at,
      changes: i === 0 ? [] : diffContent(JSON.parse(versions[i - 1]?.content ?? '{}'), JSON.parse(v.content)),
      comments: comments
        .filter((c) => c.document_version_id === v.id)
        .map((c) => ({ author: c.display_name, body: c.body, at: c.created_at })),
    })),
    signatures: signatures.map((s) => ({
      version: s.version,
      signer: s.signer_name,
      role: s.signer_role,
      party: s.party,
      overSha256: s.over_sha256,
      scanFileId: s.scan_file_id,
      signedAt: s.signed_at,
    })),
  };
}

/** The PDF of one version. */
export async function versionFile(deps: Pick<Deps, 'db' | 'config'>, actor: Actor, id: string, version: number) {
  await visible(deps.db, actor, id);
  const v = (await repo.versionsOf(deps.db, id)).find((x) => x.version === version);
  if (!v) throw errors.notFound(DOCUMENT);
  const file = await findFile(deps.db, v.file_id);
  return { file, bytes: readBlob(deps, file) };
}

/** A reviewer's comment on a version. */
export async function comment(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string, version: number, body: string) {
  await visible(deps.db, actor, id);
  const v = (await repo.versionsOf(deps.db, id)).find((x) => x.version === version);
  if (!v) throw errors.notFound(DOCUMENT);
  await deps.db
    .insertInto('document_comments')
    .values({
      id: newId(),
      document_version_id: v.id,
      user_id: actor.userId,
      body,
      created_at: deps.now().toISOString(),
    })
    .execute();
}

/** Records a signature over the latest version's hash, optionally linking the signed scan the signer uploaded. */
export async function sign(
  deps: Pick<Deps, 'db' | 'now'>,
  db: Q,
  actor: Actor,
  documentId: string,
  input: { party: 'office' | 'institution' | 'pusat'; role: string; scanFileId?: string },
) {
  const versions = await repo.versionsOf(db, documentId);
  const latest = versions.at(-1);
  if (!latest) throw errors.notFound(DOCUMENT);
  if (input.scanFileId) await ownFile(db, actor, input.scanFileId);
  await repo.insertSignature(db, {
    id: newId(),
    document_version_id: latest.id,
    user_id: actor.userId,
    signer_name: actor.displayName,
    signer_role: input.role,
    party: input.party,
    over_sha256: latest.sha256,
    scan_file_id: input.scanFileId ?? null,
    signed_at: deps.now().toISOString(),
  });
  return { version: latest.version, overSha256: latest.sha256 };
}

/** The newest version of a document. */
export async function latestVersionOf(db: Q, documentId: string) {
  return (await repo.versionsOf(db, documentId)).at(-1);
}

/** One version of a document by its id. */
export async function versionById(db: Q, versionId: string) {
  return repo.findVersion(db, versionId);
}

/** Signatures of a document made over the version with this SHA-256. */
export async function signaturesOver(db: Q, documentId: string, sha256: string) {
  return (await repo.signaturesOf(db, documentId)).filter((s) => s.over_sha256 === sha256);
}

/** Marks a document revoked (its verification page says so). */
export async function revoke(db: Q, documentId: string, reason: string) {
  await db
    .updateTable('documents')
    .set({ status: 'revoked', status_reason: reason })
    .where('id', '=', documentId)
    .execute();
}

/** The public verification view of a document: issuer, number, date, hash, status; nothing else. */
export async function publicView(deps: Pick<Deps, 'db'>, id: string) {
  const doc = await repo.findDocument(deps.db, id);
  if (!doc) throw errors.notFound(DOCUMENT);
  const office = await findOffice(deps.db, doc.office_id);
  const versions = await repo.versionsOf(deps.db, id);
  const signatures = await repo.signaturesOf(deps.db, id);
  const latest = versions.at(-1);
  return {
    id: doc.id,
    title: doc.title,
    number: doc.number,
    issuer: office?.name ?? '',
    issuedAt: doc.created_at,
    status: doc.status,
    statusReason: doc.status_reason,
    sha256: latest?.sha256 ?? '',
    version: latest?.version ?? 0,
    versions: versions.map((v) => ({ version: v.version, sha256: v.sha256, createdAt: v.created_at })),
    signatures: signatures.map((s) => ({
      signer: s.signer_name,
      role: s.signer_role,
      signedAt: s.signed_at,
      overSha256: s.over_sha256,
    })),
  };
}

/** Checks a file someone holds against the document: the current version, an earlier one, or no match. */
export async function checkFile(deps: Pick<Deps, 'db'>, id: string, bytes: Buffer) {
  const view = await publicView(deps, id);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const hit = view.versions.find((v) => v.sha256 === sha256);
  const match = !hit ? 'none' : hit.version === view.version ? 'current' : 'superseded';
  const status =
    match === 'none'
      ? 'mismatch'
      : view.status === 'revoked'
        ? 'revoked'
        : match === 'current'
          ? 'valid'
          : 'superseded';
  return { sha256, match, status, version: hit?.version ?? null };
}
