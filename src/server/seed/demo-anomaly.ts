/** Issue 13 demo data: an open anomaly under review (found by the detector over a short simulated burst of the demo bank's traffic, its credential suspended, the review case in the office's inbox). Placeholder, filled by its feature. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';

/** Seeds the feature's demo data; what it returns is merged into DATA_DIR/demo.json. */
export async function seedDemoAnomaly(_db: Kysely<DB>, _config: Config, _now: Date): Promise<Record<string, unknown>> {
  return {};
}
