import type { Kysely } from 'kysely';

/** Issue 13: anomaly detection (rules and their office settings, findings with evidence, the detector's state). Reserved; filled by its feature. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
