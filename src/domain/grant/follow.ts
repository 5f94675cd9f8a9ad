/**
 * Grants are a function of the PKS version in force: what a change of the agreement (a version coming into force,
 * a renewal, termination, expiry) does to one grant. Narrowed elements and methods are removed, validity follows
 * the period, the version cited is the one in force; termination and expiry revoke, and so does a change that
 * leaves the grant nothing (no element, or not its method). Pure: the caller stores the outcome and records it.
 */
import { DomainError } from '../errors.js';
import { compileGrant, defaultOperations, type CompiledGrant, type Grant, type PksTerms } from './grant.js';

/** Every change of the agreement a grant follows. */
export const PKS_CHANGES = ['version_in_force', 'renewed', 'terminated', 'expired', 'in_force'] as const;
/** What happened to the agreement. */
export type PksChange = (typeof PKS_CHANGES)[number];

/** Every reason a grant is revoked by its PKS. */
export const FOLLOW_REVOCATIONS = [
  'pks_terminated',
  'pks_expired',
  'method_removed',
  'elements_removed',
  'not_compilable',
] as const;
/** Why a grant was revoked by its PKS. */
export type FollowRevocation = (typeof FOLLOW_REVOCATIONS)[number];

/** What a change of its PKS did to a grant, as recorded (an unchanged grant records nothing). */
export const GRANT_CHANGE_ACTIONS = ['recompiled', 'revoked'] as const;
/** A recorded change's action. */
export type GrantChangeAction = (typeof GRANT_CHANGE_ACTIONS)[number];

/** What changed on the grant, as recorded and shown. */
export interface GrantChangeDetail {
  removedElements: string[];
  removedMethods: string[];
  validFrom: { before: string; after: string } | null;
  validTo: { before: string; after: string } | null;
  pksVersion: { before: string; after: string } | null;
  /** Set when revoked. */
  reason: FollowRevocation | null;
}

/** The outcome for one grant. */
export type FollowOutcome =
  | { action: 'unchanged' }
  | { action: 'recompiled'; grant: CompiledGrant; detail: GrantChangeDetail }
  | { action: 'revoked'; detail: GrantChangeDetail };

/** The status reason shown on a grant revoked by its PKS. */
export const REVOCATION_TEXT: Record<FollowRevocation, string> = {
  pks_terminated: 'Dicabut otomatis: PKS diakhiri (PKS terminated).',
  pks_expired: 'Dicabut otomatis: masa berlaku PKS berakhir (PKS expired).',
  method_removed: 'Dicabut otomatis: metode akses tidak lagi tercantum dalam PKS (method removed from the PKS).',
  elements_removed: 'Dicabut otomatis: tidak ada elemen data yang tersisa dalam PKS (no element left in the PKS).',
  not_compilable: 'Dicabut otomatis: hak akses tidak dapat disusun dari PKS yang berlaku (not compilable).',
};

const ENDED = new Set(['terminated', 'expired']);
const IN_FORCE = new Set(['active', 'expiring']);

function changed(before: string, after: string) {
  return before === after ? null : { before, after };
}

/** What the agreement's change does to one (not yet revoked) grant, from the terms of the version in force. */
export function followTerms(stored: Grant, terms: PksTerms, change: PksChange): FollowOutcome {
  const pksElements = new Set(terms.elements);
  const pksMethods = new Set(terms.methods);
  const removedElements = stored.elements.filter((e) => !pksElements.has(e));
  const removedMethods = stored.methods.filter((m) => !pksMethods.has(m));
  const base: GrantChangeDetail = {
    removedElements,
    removedMethods,
    validFrom: changed(stored.validFrom, terms.startDate),
    validTo: changed(stored.validTo, terms.endDate),
    pksVersion: changed(stored.pksVersionHash, terms.versionHash),
    reason: null,
  };
  const revoke = (reason: FollowRevocation): FollowOutcome => ({ action: 'revoked', detail: { ...base, reason } });
  if (change === 'terminated' || terms.status === 'terminated') return revoke('pks_terminated');
  if (change === 'expired' || ENDED.has(terms.status)) return revoke('pks_expired');
  const methods = stored.methods.filter((m) => pksMethods.has(m));
  if (!methods.length) return revoke('method_removed');
  const elements = stored.elements.filter((e) => pksElements.has(e));
  if (!elements.length) return revoke('elements_removed');
  let grant: CompiledGrant;
  try {
    // Compiled for its terms whatever the agreement's status word (a PKS not yet started keeps its grants'
    // shape; the request path checks the agreement's status itself).
    grant = compileGrant(
      { ...terms, status: IN_FORCE.has(terms.status) ? terms.status : 'active' },
      {
        credentialId: stored.credentialId,
        environment: stored.environment,
        methods,
        operations: stored.operations ?? defaultOperations(stored.methods),
        elements,
        ipAllow: stored.ipAllow,
        hours: stored.hours,
        dailyQuota: stored.dailyQuota,
        status: stored.status,
      },
    );
  } catch (e) {
    if (e instanceof DomainError) return revoke('not_compilable');
    throw e;
  }
  const same =
    !removedElements.length &&
    !removedMethods.length &&
    !base.validFrom &&
    !base.validTo &&
    !base.pksVersion &&
    grant.timeZone === stored.timeZone;
  return same ? { action: 'unchanged' } : { action: 'recompiled', grant, detail: base };
}
