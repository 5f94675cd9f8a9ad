import type { Kysely } from 'kysely';

/** Issue 13: control campaigns (campaign, institutions, data dukung snapshots, checklists, evidence, findings, follow-ups). Reserved; filled by its feature. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
