/**
 * What a user holds that grants data access, withdrawn when their organisation deactivates them: their web-portal
 * operator registrations (the only access bound to a person; credentials and card readers belong to the
 * institution's grants). Withdrawn for good: reactivating the user does not bring them back, the office registers
 * the operator again. Runs in the deactivating use case's transaction and announces the change there, so the next
 * request in every process sees it (runtime/access-changes.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { announceAccessChange } from '../runtime/access-changes.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Revokes a user's active portal-operator registrations; returns the ones revoked. */
export async function withdrawUserAccess(trx: Q, userId: string): Promise<{ operatorId: string; grantId: string }[]> {
  const active = await trx
    .selectFrom('access_operators')
    .select(['id', 'grant_id'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  if (active.length) {
    await trx
      .updateTable('access_operators')
      .set({ status: 'revoked' })
      .where(
        'id',
        'in',
        active.map((a) => a.id),
      )
      .execute();
  }
  await announceAccessChange(trx, { what: 'user.deactivate' });
  return active.map((a) => ({ operatorId: a.id, grantId: a.grant_id }));
}
