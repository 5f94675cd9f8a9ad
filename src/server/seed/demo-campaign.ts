/** Issue 13 demo data: a finished control campaign of the Sumatera Barat office or of the demo bank's office (data dukung, checklist, findings with follow-ups, the report PDF). Placeholder, filled by its feature. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';

/** Seeds the feature's demo data; what it returns is merged into DATA_DIR/demo.json. */
export async function seedDemoCampaign(_db: Kysely<DB>, _config: Config, _now: Date): Promise<Record<string, unknown>> {
  return {};
}
