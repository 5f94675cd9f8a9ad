/** Issue 13 demo data: a resident with accesses to look up; returns their identification (NIK, No KK, date of birth, mother's name) for DATA_DIR/demo.json under `resident`. Placeholder, filled by its feature. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';

/** Seeds the feature's demo data; what it returns is merged into DATA_DIR/demo.json. */
export async function seedDemoResident(_db: Kysely<DB>, _config: Config, _now: Date): Promise<Record<string, unknown>> {
  return {};
}
