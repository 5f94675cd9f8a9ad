/**
 * Revocation on the next request. Every write that can narrow access (a grant's terms, status or secret, a
 * device, an operator, an institution's status, the PKS in force) calls `announceAccessChange(trx)` inside its
 * transaction:
 *
 * - on PostgreSQL it issues `pg_notify('gerbang_access', …)` in that transaction; PostgreSQL delivers it on
 *   commit (never on rollback) to every serving process, each LISTENing on a dedicated connection
 *   (pg-listener.ts), which drops its grant cache;
 * - in this process it drops every grant cache at once, and again after the commit: the writer calls
 *   `accessChanged()` after its transaction, and every state-changing request calls `settleAccessChanges()`
 *   before its response is sent (access.routes.ts), which covers writes made deep inside another module's
 *   transaction (a PKS change coming into force when its case ends).
 *
 * So the response of the write returns only after this process's caches are gone, and the other processes follow
 * within the notification's delivery (milliseconds). The grant cache's 1 s TTL remains as a safety net only.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** The PostgreSQL notification channel of access changes. */
export const ACCESS_CHANNEL = 'gerbang_access';

/** What changed (recorded in the notification for diagnostics; every cache is dropped whatever it says). */
export interface AccessChange {
  grantId?: string;
  institutionId?: string;
  agreementId?: string;
  /** A short word: grant.suspend, institution.suspend, pks.terminated … */
  what: string;
}

/** Anything holding grants for the request path in this process. */
export interface GrantHolder {
  invalidateAll(): void;
}

const holders = new Set<GrantHolder>();
/**
 * After an announcement, state-changing responses drop the caches again for this long: the announcing
 * transaction commits within it (a use case's transaction takes milliseconds; beyond it the 1 s TTL still holds).
 */
const SETTLE_WINDOW_MS = 10_000;
let lastAnnounced = Number.NEGATIVE_INFINITY;

/** A runtime registers its cache while it serves. */
export function holdGrants(holder: GrantHolder): () => void {
  holders.add(holder);
  return () => holders.delete(holder);
}

/** Drops every grant cache of this process (after a commit, or on a notification). */
export function accessChanged(): void {
  for (const h of holders) h.invalidateAll();
}

/**
 * Announces an access change inside the writing transaction: a notification delivered on commit to every
 * process on PostgreSQL, and this process's caches dropped now (and again after the commit, see above).
 */
export async function announceAccessChange(trx: Kysely<DB> | Transaction<DB>, change: AccessChange): Promise<void> {
  lastAnnounced = Date.now();
  accessChanged();
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify(change)})`.execute(trx);
}

/** Called before every state-changing response: drops the caches when an announcement may have just committed. */
export function settleAccessChanges(): void {
  if (Date.now() - lastAnnounced < SETTLE_WINDOW_MS) accessChanged();
}
