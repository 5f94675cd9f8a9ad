/**
 * Who may provision and who may see grants: synchronous rules over loaded data, deny by default.
 * (Kept beside the module while src/domain/authz.ts is owned elsewhere; they are pure and can move there.)
 */
import type { Actor } from '../../../../domain/authz.js';

/** Office roles that provision for their own office's agreements. */
export const PROVISIONING_ROLES = ['admin', 'kadis', 'kabid', 'kasi', 'adb'] as const;
/** Directorate General roles that provision for any office (it opens access per the SOPs). */
export const PUSAT_PROVISIONING_ROLES = ['admin', 'dirjen'] as const;

/** Office staff of the PKS's office in a provisioning role, or a pusat admin/dirjen. */
export function canProvision(actor: Actor, agreement: { officeId: string }): boolean {
  if (actor.orgKind !== 'office') return false;
  if (actor.atPusat) return actor.roles.some((r) => (PUSAT_PROVISIONING_ROLES as readonly string[]).includes(r));
  return (
    actor.orgId === agreement.officeId && actor.roles.some((r) => (PROVISIONING_ROLES as readonly string[]).includes(r))
  );
}

/** Provisioners, staff of the PKS's office or an office above it, pusat, and the institution's own members (read-only). */
export function canViewGrants(actor: Actor, scope: { institutionId: string; officeChain: readonly string[] }): boolean {
  if (actor.orgKind === 'institution') return actor.orgId === scope.institutionId;
  return actor.atPusat || scope.officeChain.includes(actor.orgId);
}
