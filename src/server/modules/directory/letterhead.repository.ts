import { readFile } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { blobPath } from '../files/files.service.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * An office's letterhead and signing head as stored (issue 14): what every letter, the PKS and the SOP sheet of the
 * office print in their kop and under the head's signature. Strings are '' when not set; `emblem` is the uploaded
 * image's bytes or null.
 */
export interface OfficeLetterhead {
  name: string;
  code: string;
  level: 'pusat' | 'provinsi' | 'kabupaten' | 'kota';
  headTitle: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  head: { name: string; nip: string; rank: string };
  emblem: Buffer | null;
}

/** Loads an office's letterhead, with its emblem's bytes from the file store. */
export async function loadLetterhead(db: Q, dataDir: string, officeId: string): Promise<OfficeLetterhead> {
  const o = await db.selectFrom('offices').selectAll().where('id', '=', officeId).executeTakeFirstOrThrow();
  let emblem: Buffer | null = null;
  if (o.emblem_file_id) {
    const f = await db.selectFrom('files').select('sha256').where('id', '=', o.emblem_file_id).executeTakeFirst();
    if (f) emblem = await readFile(blobPath(dataDir, f.sha256)).catch(() => null);
  }
  return {
    name: o.name,
    code: o.code,
    level: o.level,
    headTitle: o.head_title,
    address: o.address,
    phone: o.phone,
    email: o.email,
    website: o.website,
    head: { name: o.head_name, nip: o.head_nip, rank: o.head_rank },
    emblem,
  };
}

/** The letterhead columns of an office; undefined when there is no such office. */
export async function findLetterheadRow(db: Q, officeId: string) {
  return db
    .selectFrom('offices')
    .leftJoin('files', 'files.id', 'offices.emblem_file_id')
    .select([
      'offices.id',
      'offices.name',
      'offices.code',
      'offices.level',
      'offices.head_title',
      'offices.timezone',
      'offices.address',
      'offices.phone',
      'offices.email',
      'offices.website',
      'offices.head_name',
      'offices.head_nip',
      'offices.head_rank',
      'offices.emblem_file_id',
      'files.sha256 as emblem_sha256',
      'files.content_type as emblem_type',
      'files.size as emblem_size',
    ])
    .where('offices.id', '=', officeId)
    .executeTakeFirst();
}

/** What an office's admin changes on its letterhead. */
export interface LetterheadPatch {
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  head_name?: string;
  head_nip?: string;
  head_rank?: string;
  emblem_file_id?: string | null;
}

export async function updateLetterhead(db: Q, officeId: string, patch: LetterheadPatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('offices').set(patch).where('id', '=', officeId).execute();
}

/** A user's name and the details printed under their signature. */
export async function findPerson(db: Q, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'nip', 'position', 'rank', 'office_id', 'institution_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updatePerson(
  db: Q,
  userId: string,
  patch: { nip?: string; position?: string; rank?: string },
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('users').set(patch).where('id', '=', userId).execute();
}

/** The first active user of an office holding a role (by name, then id), or undefined. */
export async function officeUserWithRole(db: Q, officeId: string, role: string) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.nip', 'users.position', 'users.rank'])
    .where('users.office_id', '=', officeId)
    .where('users.status', '=', 'active')
    .where('user_roles.role_code', '=', role)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .executeTakeFirst();
}

/** The number and signing date of an agreement, for the letters that cite it. */
export async function agreementRef(db: Q, agreementId: string) {
  return db
    .selectFrom('agreements')
    .select(['number', 'signed_on', 'start_date'])
    .where('id', '=', agreementId)
    .executeTakeFirst();
}
