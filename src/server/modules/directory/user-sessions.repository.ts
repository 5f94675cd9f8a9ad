/**
 * Ending sessions when an organisation's admin changes who may be signed in: a deactivated user, or an office's
 * staff without a second factor once the office requires one. The sessions table is the auth module's; these two
 * deletes are the only writes to it from outside, each inside the deciding use case's transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Ends every session of a user; returns how many there were. */
export async function endSessionsOfUser(db: Q, userId: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Ends the sessions of an office's staff who have no TOTP enabled; returns how many there were. */
export async function endSessionsWithoutTotp(db: Q, officeId: string): Promise<number> {
  const res = await db
    .deleteFrom('sessions')
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('users').select('id').where('office_id', '=', officeId).where('totp_enabled', '=', 0),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
