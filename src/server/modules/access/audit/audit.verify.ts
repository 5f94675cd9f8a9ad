/** `gerbang audit verify` and the API's verification: the whole log checked against its seals. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { verifyLog, type VerifyReport } from '../../../../domain/audit/audit.js';
import { loadLog } from './audit.repository.js';

/** Verifies every batch and entry in the database. */
export async function verifyDatabaseLog(db: Kysely<DB>): Promise<VerifyReport> {
  const { batches, entries, keys } = await loadLog(db);
  return verifyLog(batches, entries, (keyId) => keys.get(keyId));
}
