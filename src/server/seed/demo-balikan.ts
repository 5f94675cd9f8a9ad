/** Demo data of the balikan feature (issue 12), seeded on first start after the demo's access. Placeholder until built. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';

/** Seeds the feature's demo data. */
export async function seedDemoBalikan(_db: Kysely<DB>, _config: Config, _now: Date): Promise<void> {}
