import type { Kysely } from 'kysely';

/**
 * Strict input and upload limits (issue 15): an index on the files of an organisation, read by the cap on what a
 * pending institution may store (files.service `checkPendingCap`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('files_org_idx').ifNotExists().on('files').columns(['org_kind', 'org_id']).execute();
}

/** Drops the index. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('files_org_idx').ifExists().execute();
}
