import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Config } from './config.js';

/** What services are built from; each service narrows it with Pick<>. */
export interface Deps {
  db: Kysely<DB>;
  config: Config;
  /** The clock; tests pass their own. */
  now: () => Date;
}
