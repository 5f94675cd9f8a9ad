/**
 * Cross-feature contract (issue 13): what a finding acts on — a credential (its grant), a card-reader device or a
 * portal operator. The detector suspends (high severity), the reviewer resumes or revokes. Each runs in the
 * caller's transaction, announces the access change (revocation on the next request) and records its decision on
 * the signed record. Owned by the detection feature (bodies may change, signatures not).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DecisionActor } from '../access/audit/decisions.js';

/** What a finding can suspend. */
export interface FindingSubject {
  kind: 'grant' | 'device' | 'operator';
  id: string;
}

/** Suspends the subject for the finding (no-op when it is not active). Returns whether it was suspended now. */
export async function suspendSubject(
  _trx: Kysely<DB>,
  _at: Date,
  _subject: FindingSubject,
  _findingId: string,
): Promise<boolean> {
  return false;
}

/** The reviewer's decision on a suspended subject: active again, or revoked for good. */
export async function settleSubject(
  _trx: Kysely<DB>,
  _at: Date,
  _actor: DecisionActor,
  _subject: FindingSubject,
  _findingId: string,
  _outcome: 'resumed' | 'revoked',
): Promise<void> {}
