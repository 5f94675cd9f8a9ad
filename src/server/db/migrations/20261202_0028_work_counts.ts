import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** Issue 14, work finds people: reserved for the inbox's derived tasks and counts. */
export async function up(_db: Kysely<any>): Promise<void> {}

/** Removes what up added. */
export async function down(_db: Kysely<any>): Promise<void> {}
