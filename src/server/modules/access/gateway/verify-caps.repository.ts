/** The per-NIK daily verification counters (access_verify_caps): all SQL of the verification cap. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/**
 * Counts one verification of a NIK by a grant on a day and returns the day's count including it. One atomic
 * upsert, so concurrent calls (and other server processes) never both see the last allowed count.
 */
export async function countVerification(db: Kysely<DB>, grantId: string, nikHash: string, day: string) {
  const row = await db
    .insertInto('access_verify_caps')
    .values({ grant_id: grantId, nik_hash: nikHash, day, count: 1 })
    .onConflict((oc) =>
      oc.columns(['grant_id', 'nik_hash', 'day']).doUpdateSet({ count: sql<number>`access_verify_caps.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Drops the counters of days before `day` (YYYY-MM-DD). */
export async function pruneVerifyCaps(db: Kysely<DB>, day: string): Promise<void> {
  await db.deleteFrom('access_verify_caps').where('day', '<', day).execute();
}
