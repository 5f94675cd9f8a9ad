import type { Kysely } from 'kysely';

/** Issue 13: the resident's view (index of accesses by keyed NIK hash, resident reports). Reserved; filled by its feature. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
