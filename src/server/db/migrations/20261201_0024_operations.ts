import type { Kysely } from 'kysely';

/** Issue 13: operations dashboard (scheduler runs). Reserved; filled by its feature. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
