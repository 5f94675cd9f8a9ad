import type { Kysely, Transaction } from 'kysely';
import type { DB, SessionTable, UserTable } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Finds a user by username (case-insensitive: usernames are stored lower-case). */
export function findUserByUsername(db: Q, username: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

/** Finds a user by id. */
export function findUserById(db: Q, id: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a failed login and, past the limit, the lock. */
export async function recordFailure(db: Q, userId: string, failures: number, lockedUntil: string | null) {
  await db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

/** Clears the failure counter after a good login. */
export async function clearFailures(db: Q, userId: string) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
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

/** Removes every session of a user except one (after a password change). */
export async function deleteOtherSessions(db: Q, userId: string, keepId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

/** Updates fields of a user. */
export async function updateUser(db: Q, id: string, patch: Partial<Omit<UserTable, 'id'>>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}
