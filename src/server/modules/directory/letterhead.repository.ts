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
