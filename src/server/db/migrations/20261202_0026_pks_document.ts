import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Issue 14, the PKS as a document: the institution's own number for the agreement (the second "Nomor" under the
 * title, entered by the institution before it signs), the office-local date of the signing that completed the PKS
 * (the "Pada hari ini …" of the signed text, and the date the juknis cites), and the document version that is the
 * signed copy (the text both parties signed, with that date and their recorded signatures printed on it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agreements')
    .addColumn('institution_number', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('agreements').addColumn('signed_on', 'text').execute();
  await db.schema.alterTable('agreements').addColumn('signed_copy_id', 'text').execute();
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['signed_copy_id', 'signed_on', 'institution_number']) {
    await db.schema.alterTable('agreements').dropColumn(col).execute();
  }
}
