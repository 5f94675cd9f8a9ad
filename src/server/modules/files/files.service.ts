import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB, FileTable } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { MAX_UPLOAD_BYTES, safeFilename, sniffType, type AcceptedType } from '../../../domain/files.js';
import { newId } from '../../lib/ids.js';
import { lockOrganisation } from '../directory/directory.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const FILE = { id: 'Berkas', en: 'File' };

/** Where a file's bytes live: content-addressed under DATA_DIR/files. */
export function blobPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

/** Writes bytes once per content (atomic rename), so the same letter uploaded twice is stored once. */
function writeBlob(dataDir: string, sha256: string, bytes: Buffer) {
  const target = blobPath(dataDir, sha256);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, target);
}

/** Refuses what is not a PDF/PNG/JPEG or is too large, with a clear message. */
export function checkUpload(
  bytes: Buffer,
  allowed: readonly AcceptedType[] = ['application/pdf', 'image/png', 'image/jpeg'],
): AcceptedType {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new DomainError('too_large', 'file_too_large', {
      id: `Berkas terlalu besar; maksimal ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
      en: `The file is too large; at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    });
  }
  if (bytes.length === 0) {
    throw errors.invalid('file_empty', { id: 'Berkas kosong.', en: 'The file is empty.' });
  }
  const type = sniffType(bytes);
  if (!type || !allowed.includes(type)) {
    const names = allowed.map((t) => (t === 'application/pdf' ? 'PDF' : t === 'image/png' ? 'PNG' : 'JPEG')).join(', ');
    throw new DomainError('unsupported_media', 'file_type_not_allowed', {
      id: `Jenis berkas tidak diterima; unggah ${names}.`,
      en: `File type not accepted; upload ${names}.`,
    });
  }
  return type;
}

/** Refuses a stored file that is not a PDF where only a PDF will do (letters, legal documents). */
export function requirePdf(row: FileTable) {
  if (row.content_type !== 'application/pdf') {
    throw new DomainError('unsupported_media', 'file_type_not_allowed', {
      id: 'Berkas harus PDF.',
      en: 'The file must be a PDF.',
    });
  }
}

/** Stores bytes and records the file for an organisation; the one way files enter the system. */
export async function storeFile(
  deps: Pick<Deps, 'config' | 'now'>,
  db: Q,
  input: {
    bytes: Buffer;
    filename: string;
    contentType: AcceptedType;
    uploadedBy: string | null;
    orgKind: 'office' | 'institution';
    orgId: string;
  },
): Promise<FileTable> {
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  writeBlob(deps.config.dataDir, sha256, input.bytes);
  const row: FileTable = {
    id: newId(),
    sha256,
    size: input.bytes.length,
    content_type: input.contentType,
    filename: safeFilename(input.filename),
    uploaded_by: input.uploadedBy,
    org_kind: input.orgKind,
    org_id: input.orgId,
    created_at: deps.now().toISOString(),
  };
  await db.insertInto('files').values(row).execute();
  return row;
}

/**
 * What an institution not yet verified by its office may store in uploads (its legal documents and a letter fit
 * well within): anyone can register one, so this bounds what an anonymous registration can make the server hold.
 */
export const PENDING_UPLOAD_LIMITS = { files: 20, bytes: 30 * 1024 * 1024 } as const;

/** Refuses an upload that would take a pending institution over PENDING_UPLOAD_LIMITS. */
async function checkPendingCap(db: Q, actor: Actor, size: number) {
  if (actor.orgKind !== 'institution') return;
  const inst = await db.selectFrom('institutions').select('status').where('id', '=', actor.orgId).executeTakeFirst();
  if (inst?.status !== 'pending') return;
  const used = await db
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number | string | null>('size').as('bytes')])
    .where('org_kind', '=', 'institution')
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  const files = Number(used?.n ?? 0);
  const bytes = Number(used?.bytes ?? 0);
  if (files + 1 > PENDING_UPLOAD_LIMITS.files || bytes + size > PENDING_UPLOAD_LIMITS.bytes) {
    const mb = PENDING_UPLOAD_LIMITS.bytes / 1024 / 1024;
    throw new DomainError('too_large', 'pending_upload_limit', {
      id: `Lembaga yang belum diverifikasi dapat mengunggah paling banyak ${PENDING_UPLOAD_LIMITS.files} berkas (${mb} MB). Tunggu verifikasi kantor.`,
      en: `An institution not yet verified may upload at most ${PENDING_UPLOAD_LIMITS.files} files (${mb} MB). Wait for the office's verification.`,
    });
  }
}

/** An upload by a user: checked, stored, owned by the user's organisation (capped while it is pending). */
export async function upload(deps: Pick<Deps, 'config' | 'now' | 'db'>, actor: Actor, bytes: Buffer, filename: string) {
  const type = checkUpload(bytes);
  // Check and insert in one transaction under the organisation's row lock: parallel uploads by one pending
  // institution run one after the other, so each counts what the others stored (PostgreSQL would otherwise let
  // them all pass the check before any inserts; SQLite serializes writers already).
  const row = await deps.db.transaction().execute(async (trx) => {
    if (actor.orgKind === 'institution') await lockOrganisation(trx, actor.orgKind, actor.orgId);
    await checkPendingCap(trx, actor, bytes.length);
    return storeFile(deps, trx, {
      bytes,
      filename,
      contentType: type,
      uploadedBy: actor.userId,
      orgKind: actor.orgKind,
      orgId: actor.orgId,
    });
  });
  return presentFile(row);
}

/** The public shape of a stored file. */
export function presentFile(row: FileTable) {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    filename: row.filename,
    contentType: row.content_type,
    createdAt: row.created_at,
  };
}

/** Loads a file row. */
export async function findFile(db: Q, id: string): Promise<FileTable> {
  const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(FILE);
  return row;
}

/** A file's bytes. */
export function readBlob(deps: Pick<Deps, 'config'>, row: FileTable): Buffer {
  return fs.readFileSync(blobPath(deps.config.dataDir, row.sha256));
}

/** Files the actor's organisation uploaded and may attach: refuses someone else's file as not found. */
export async function ownFile(db: Q, actor: Actor, id: string): Promise<FileTable> {
  const row = await findFile(db, id);
  if (row.org_kind !== actor.orgKind || row.org_id !== actor.orgId) throw errors.notFound(FILE);
  return row;
}
