import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Issue 14, letters an office can sign and send: the office's letterhead (kop surat: street address, phone, e-mail,
 * website, the emblem it uploads as an image file) and the head who signs (name, NIP, rank); each user's NIP,
 * position (jabatan) and rank (pangkat/golongan), printed under their signature. All optional: a letter without
 * them leaves the line out rather than printing a blank.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offices')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const col of ['phone', 'email', 'website', 'head_name', 'head_nip', 'head_rank']) {
    await db.schema
      .alterTable('offices')
      .addColumn(col, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema.alterTable('offices').addColumn('emblem_file_id', 'text').execute();
  for (const col of ['nip', 'position', 'rank']) {
    await db.schema
      .alterTable('users')
      .addColumn(col, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['address', 'phone', 'email', 'website', 'head_name', 'head_nip', 'head_rank', 'emblem_file_id']) {
    await db.schema.alterTable('offices').dropColumn(col).execute();
  }
  for (const col of ['nip', 'position', 'rank']) {
    await db.schema.alterTable('users').dropColumn(col).execute();
  }
}
