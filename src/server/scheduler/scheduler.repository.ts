import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Takes (or renews) a job's lease for `holder` until `at + ttlMs`, in one conditional statement that SQLite and
 * PostgreSQL both run atomically: the row is inserted when missing, and taken over only when its lease has
 * expired or is already this holder's. True when `holder` now holds it.
 */
export async function takeLease(db: Q, job: string, holder: string, at: Date, ttlMs: number): Promise<boolean> {
  const now = at.toISOString();
  const expiresAt = new Date(at.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto('scheduler_leases')
    .values({ job, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('job')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) =>
          eb.or([eb('scheduler_leases.expires_at', '<=', now), eb('scheduler_leases.holder', '=', holder)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Gives a lease back (only the holder's own). */
export async function releaseLease(db: Q, job: string, holder: string): Promise<void> {
  await db.deleteFrom('scheduler_leases').where('job', '=', job).where('holder', '=', holder).execute();
}
