/** The operations dashboard's SQL: names of offices and institutions, the scheduler's runs, today's ledger rows. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export { recentSchedulerRuns } from './scheduler-runs.repository.js';
export { callGroups, institutionNames } from '../usage/usage.repository.js';
export { readCursor } from '../usage/ledger.repository.js';

/** An office's name (undefined when there is none). */
export async function officeName(db: Q, officeId: string): Promise<string | undefined> {
  const row = await db.selectFrom('offices').select('name').where('id', '=', officeId).executeTakeFirst();
  return row?.name;
}
