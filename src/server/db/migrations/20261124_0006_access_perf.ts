import type { Kysely } from 'kysely';

/**
 * The audit log's NIK-hash index goes: its keys are HMACs, so every entry lands on a random leaf page and each
 * group commit rewrote one page per entry — three quarters of the audit's write cost on SQLite, which the
 * request path waits for. Entries stay findable by id (answers carry x-audit-id) and by institution and time;
 * a search by NIK hash is an oversight query that scans (docs/decisions/0004-audit-group-commit.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_entries_nik_idx').ifExists().execute();
}

/** Restores the index. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_entries_nik_idx').ifNotExists().on('audit_entries').column('nik_hash').execute();
}
