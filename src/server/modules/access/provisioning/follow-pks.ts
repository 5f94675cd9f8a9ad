/**
 * Grants are a function of the PKS version in force. Every change of an agreement's state or of its version in
 * force (addendum or renewal in force, termination, expiry) calls `followPks` in the same transaction, which
 * recompiles that agreement's grants from the version in force (domain/grant/follow.ts: narrowed elements and
 * methods removed, validity following the period, the version cited updated; termination and expiry revoke),
 * records each grant's change on the signed record (`grant.follow_pks`) and in `access_grant_changes` (shown on
 * the grant), and announces the change to the gateway (runtime/access-changes.ts) — all or nothing with the
 * agreement's own change.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AccessGrantTable } from '../../../db/schema-access.js';
import { followTerms, REVOCATION_TEXT, type PksChange } from '../../../../domain/grant/follow.js';
import type { Grant } from '../../../../domain/grant/grant.js';
import { newId } from '../../../lib/ids.js';
import { agreementTerms } from '../../agreements/agreement.repository.js';
import { recordDecision } from '../audit/decisions.js';
import { announceAccessChange } from '../runtime/access-changes.js';
import * as repo from './grant.repository.js';
import { storable } from './stored-grant.js';

export type { PksChange } from '../../../../domain/grant/follow.js';

/** Recompiles the agreement's grants in the caller's transaction. */
export async function followPks(trx: Transaction<DB>, at: Date, agreementId: string, change: PksChange): Promise<void> {
  const terms = await agreementTerms(trx, agreementId);
  if (!terms) return;
  const stamp = at.toISOString();
  let changedAny = false;
  for (const row of await repo.grantsOfAgreement(trx, agreementId)) {
    if (row.status === 'revoked') continue;
    const stored = { ...(JSON.parse(row.compiled) as Grant), status: row.status };
    const outcome = followTerms(stored, terms, change);
    if (outcome.action === 'unchanged') continue;
    changedAny = true;
    const { detail } = outcome;
    let next: Partial<Omit<AccessGrantTable, 'id'>>;
    if (outcome.action === 'revoked') {
      next = {
        status: 'revoked',
        status_reason: REVOCATION_TEXT[detail.reason ?? 'not_compilable'],
        compiled: JSON.stringify({ ...stored, status: 'revoked' }),
        updated_at: stamp,
      };
    } else {
      next = {
        elements: JSON.stringify(outcome.grant.elements),
        pks_version_hash: terms.versionHash,
        compiled: JSON.stringify(storable(outcome.grant)),
        updated_at: stamp,
      };
    }
    await repo.updateGrant(trx, row.id, next);
    await repo.insertGrantChange(trx, {
      id: newId(),
      grant_id: row.id,
      at: stamp,
      cause: change,
      action: outcome.action,
      detail: JSON.stringify(detail),
    });
    await recordDecision(
      trx,
      at,
      { kind: 'system' },
      {
        action: 'grant.follow_pks',
        result: outcome.action,
        institutionId: row.institution_id,
        pksId: agreementId,
        pksVersionHash: terms.versionHash,
        elements: outcome.action === 'recompiled' ? outcome.grant.elements : [],
        detail: {
          grantId: row.id,
          cause: change,
          reason: detail.reason,
          removedElements: detail.removedElements.join(' ') || null,
          removedMethods: detail.removedMethods.join(' ') || null,
          validFrom: detail.validFrom ? `${detail.validFrom.before} → ${detail.validFrom.after}` : null,
          validTo: detail.validTo ? `${detail.validTo.before} → ${detail.validTo.after}` : null,
          fromVersion: row.pks_version_hash,
        },
      },
    );
  }
  if (changedAny) await announceAccessChange(trx, { agreementId, what: `pks.${change}` });
}
