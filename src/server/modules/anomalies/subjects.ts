/**
 * Cross-feature contract (issue 13): what a finding acts on — a credential (its grant), a card-reader device or a
 * portal operator. The detector suspends (high severity), the reviewer resumes or revokes. Each runs in the
 * caller's transaction, announces the access change (revocation on the next request) and records its decision on
 * the signed record. Owned by the detection feature (bodies may change, signatures not).
 *
 * The status change itself is provisioning's (`changeAccessStatusIn`: grant.suspend / device.suspend /
 * operator.suspend … with the finding's id in the decision's detail); the gateway refuses a suspended grant (17),
 * device (device_unknown) or operator (no_portal_access) on its next request. The caller must call
 * `accessChanged()` after its commit so this process's caches drop before anything else is answered (other
 * processes drop theirs on the PostgreSQL notification sent at commit).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DecisionActor } from '../access/audit/decisions.js';
import { changeAccessStatusIn } from '../access/provisioning/provisioning.service.js';
import { announceAccessChange } from '../access/runtime/access-changes.js';
import { subjectStatus } from './detector.repository.js';

/** What a finding can suspend. */
export interface FindingSubject {
  kind: 'grant' | 'device' | 'operator';
  /** The grant id (a credential), the device id, or the operator's id (access_operators.id). */
  id: string;
}

/** Suspends the subject for the finding (no-op when it is not active). Returns whether it was suspended now. */
export async function suspendSubject(
  trx: Kysely<DB>,
  at: Date,
  subject: FindingSubject,
  findingId: string,
): Promise<boolean> {
  if ((await subjectStatus(trx, subject)) !== 'active') return false;
  await changeAccessStatusIn(trx, at, { kind: 'system' }, subject, 'suspended', 'anomaly', {
    findingId,
  });
  await announceAccessChange(trx, { what: `${subject.kind}.suspend` });
  return true;
}

/** The reviewer's decision on a suspended subject: active again, or revoked for good. */
export async function settleSubject(
  trx: Kysely<DB>,
  at: Date,
  actor: DecisionActor,
  subject: FindingSubject,
  findingId: string,
  outcome: 'resumed' | 'revoked',
): Promise<void> {
  const status = await subjectStatus(trx, subject);
  // Settles only what the finding suspended: a subject revoked meanwhile stays revoked, an active one is left be.
  if (status === null || status === 'revoked') return;
  if (outcome === 'resumed' && status !== 'suspended') return;
  await changeAccessStatusIn(trx, at, actor, subject, outcome === 'resumed' ? 'active' : 'revoked', 'anomaly', {
    findingId,
  });
  await announceAccessChange(trx, { what: `${subject.kind}.${outcome === 'resumed' ? 'resume' : 'revoke'}` });
}
