import type { Kysely } from 'kysely';

/**
 * Signed tree heads of the audit log (docs/decisions/0008-audit-anchoring.md): one per sealed batch, over every
 * entry sealed so far. `frontier` holds the roots of the perfect subtrees covering the first tree_size leaves,
 * so the next batch advances the tree, and a verification from a saved head starts there, without reading
 * earlier entries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_heads')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('batch_seq', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_heads').execute();
}
