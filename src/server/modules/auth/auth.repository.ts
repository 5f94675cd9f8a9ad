import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, SessionTable, UserTable, UserRow } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Finds a user by username (case-insensitive: usernames are stored lower-case). */
export function findUserByUsername(db: Q, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

/** Finds a user by id. */
export function findUserById(db: Q, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Does the user's office require a second factor? */
export async function officeRequiresTotp(db: Q, officeId: string | null): Promise<boolean> {
  if (!officeId) return false;
  const row = await db.selectFrom('offices').select('require_totp').where('id', '=', officeId).executeTakeFirst();
  return row?.require_totp === 1;
}

/** Stores a new session. */
export async function insertSession(db: Q, session: SessionTable) {
  await db.insertInto('sessions').values(session).execute();
}

/** Loads a session by its id (the hash of the cookie token). */
export function findSession(db: Q, id: string): Promise<SessionTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates a session's stage, expiry or last use. */
export async function updateSession(db: Q, id: string, patch: Partial<Omit<SessionTable, 'id'>>) {
  await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
}

/** Removes one session. */
export async function deleteSession(db: Q, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Removes every session of a user except one; returns how many ended. */
export async function deleteOtherSessions(db: Q, userId: string, keepId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A user's sessions still alive at `now`, oldest first. */
export function listLiveSessions(db: Q, userId: string, now: string): Promise<SessionTable[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('created_at')
    .orderBy('handle')
    .execute();
}

/** Removes the user's session with this handle; false when the user has none by that handle. */
export async function deleteSessionByHandle(db: Q, userId: string, handle: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('handle', '=', handle)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Claims one TOTP attempt of a session (atomic, so parallel guesses cannot share one): the attempts used so
 * far including this one, or null when the session has none left.
 */
export async function claimTotpAttempt(db: Q, sessionId: string, limit: number): Promise<number | null> {
  const row = await db
    .updateTable('sessions')
    .set((eb) => ({ totp_failures: eb('totp_failures', '+', 1) }))
    .where('id', '=', sessionId)
    .where('totp_failures', '<', limit)
    .returning('totp_failures')
    .executeTakeFirst();
  return row ? Number(row.totp_failures) : null;
}

/** Records a TOTP time step as used if it is later than the last one (atomic); false when already used. */
export async function claimTotpStep(db: Q, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Updates fields of a user. */
export async function updateUser(db: Q, id: string, patch: Omit<Updateable<UserTable>, 'id'>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

// Used by the directory module when an admin changes who may be signed in, inside that use case's transaction.

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
