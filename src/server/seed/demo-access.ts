import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';

/** Demo data for data access (population, an active PKS, a production credential); returns what demo.json lists. */
export async function seedDemoAccess(_db: Kysely<DB>, _config: Config, _now: Date): Promise<Record<string, unknown>> {
  return {};
}
