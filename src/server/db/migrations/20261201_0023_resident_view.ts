import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Issue 13: the resident's view (modules/resident). `resident_access_index` maps a keyed NIK hash to the seqs of
 * the sealed data-call entries carrying it — filled off the request path by a follower of the signed log (the
 * audit log gets no index of its own: the gateway's writes must not get slower); `resident_index_cursor` (one
 * row) is the last audit seq indexed. `resident_sessions` holds the short-lived sessions of identified residents
 * (the token hashed, scoped to one NIK hash); `resident_reports` the accesses a resident did not recognise, one
 * per entry and resident.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resident_access_index')
    .addColumn('nik_hash', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('resident_access_index_pk', ['nik_hash', 'seq'])
    .execute();

  await db.schema
    .createTable('resident_index_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .execute();
  await db.insertInto('resident_index_cursor').values({ id: 1, last_seq: 0, updated_at: null }).execute();

  await db.schema
    .createTable('resident_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('nik_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resident_sessions_expiry_idx').on('resident_sessions').column('expires_at').execute();

  await db.schema
    .createTable('resident_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nik_hash', 'text', (c) => c.notNull())
    .addColumn('audit_entry_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('finding_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('resident_reports_once', ['nik_hash', 'audit_entry_id'])
    .execute();
  await db.schema
    .createIndex('resident_reports_institution_idx')
    .on('resident_reports')
    .columns(['institution_id', 'created_at'])
    .execute();
}

/** Drops the resident view's tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['resident_reports', 'resident_sessions', 'resident_index_cursor', 'resident_access_index'])
    await db.schema.dropTable(t).ifExists().execute();
}
