/** The data balikan deliveries owed (issue 12), as obligations for the ladder. Placeholder until built. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';

/** Every data balikan delivery owed up to `now` (fulfilled or not), for every PKS with a data balikan duty. */
export async function dataBalikanObligations(_db: Kysely<DB>, _now: Date): Promise<Obligation[]> {
  return [];
}
