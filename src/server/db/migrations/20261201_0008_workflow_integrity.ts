import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * Workflow integrity:
 * - `audit_pending`: decision entries written in the same transaction as the decision they record; the audit
 *   writer seals them into the signed log and deletes them in the batch's own transaction.
 * - `agreement_versions.case_id`, `approved_by`, `approved_at`: a PKS change is bound to the one case that runs it
 *   and carries the Director General's approval, without which it never comes into force.
 * - `tasks.joint`: a joint step (both parties sign) has one task per party and moves on only when all are done.
 * - `office_permissions`: which of an office's roles may verify institutions, provision, sign, review reports.
 * - `office_sop_purposes`: which SOP serves which purpose in an office (or that a purpose is retired).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_pending')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('agreement_versions').addColumn('case_id', 'text').execute();
  await db.schema.alterTable('agreement_versions').addColumn('approved_by', 'text').execute();
  await db.schema.alterTable('agreement_versions').addColumn('approved_at', 'text').execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('joint', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Which of an office's roles hold a capability (domain/authz CAPABILITIES); no rows: the default roles.
  await db.schema
    .createTable('office_permissions')
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_permissions_pk', ['office_id', 'capability', 'role_code'])
    .execute();
  // Which SOP serves which purpose in an office; sop_code null: the purpose is retired there.
  await db.schema
    .createTable('office_sop_purposes')
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('sop_code', 'text')
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_sop_purposes_pk', ['office_id', 'purpose'])
    .execute();
}

/** Removes what up added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('office_sop_purposes').execute();
  await db.schema.dropTable('office_permissions').execute();
  await db.schema.alterTable('tasks').dropColumn('joint').execute();
  await db.schema.alterTable('agreement_versions').dropColumn('approved_at').execute();
  await db.schema.alterTable('agreement_versions').dropColumn('approved_by').execute();
  await db.schema.alterTable('agreement_versions').dropColumn('case_id').execute();
  await db.schema.dropTable('audit_pending').execute();
}
