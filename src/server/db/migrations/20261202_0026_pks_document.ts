import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** Issue 14, the PKS as a document: reserved for the PKS document's data (the parties' own numbers, the signing day). */
export async function up(_db: Kysely<any>): Promise<void> {}

/** Removes what up added. */
export async function down(_db: Kysely<any>): Promise<void> {}
