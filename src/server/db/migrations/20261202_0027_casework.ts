import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** Issue 14, case work a clerk can see: reserved for replaced files and their history, and verification decisions. */
export async function up(_db: Kysely<any>): Promise<void> {}

/** Removes what up added. */
export async function down(_db: Kysely<any>): Promise<void> {}
