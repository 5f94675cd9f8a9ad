import type { Kysely } from 'kysely';

/**
 * The warehouse's family (NO_KK) indexes go: no query reads residents by KK number (lookups and verification go
 * by NIK, the primary key), yet every load paid for them — at 1M generated residents, 0.75 s of a 10.5 s load
 * to build the index once at the end, more to keep it during the load. A feature that finds a family's members
 * adds the index back with its query.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('residents_kk_idx').ifExists().execute();
  await db.schema.dropIndex('residents_sandbox_kk_idx').ifExists().execute();
}

/** Restores the indexes. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('residents_kk_idx').ifNotExists().on('residents').column('no_kk').execute();
  await db.schema
    .createIndex('residents_sandbox_kk_idx')
    .ifNotExists()
    .on('residents_sandbox')
    .column('no_kk')
    .execute();
}
