import type { Kysely } from 'kysely';

/** Reserved slot (issue 12, PNBP billing); filled in by the change that needs it. */
export async function up(_db: Kysely<any>): Promise<void> {}

/** Nothing to undo. */
export async function down(_db: Kysely<any>): Promise<void> {}
