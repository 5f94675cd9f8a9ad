/**
 * Who may provision and who may see grants: synchronous rules over loaded data, deny by default.
 * (Kept beside the module while src/domain/authz.ts is owned elsewhere; they are pure and can move there.)
 */
import { can, type Actor } from '../../../../domain/authz.js';

/**
 * Staff of the PKS's office whose role the office gave `access.provision`, or pusat's (which opens access per
 * the SOPs): its provisioners and the Director General.
 */
export function canProvision(actor: Actor, agreement: { officeId: string }): boolean {
  if (actor.orgKind !== 'office') return false;
  if (actor.atPusat) return can(actor, 'access.provision') || actor.roles.includes('dirjen');
  return actor.orgId === agreement.officeId && can(actor, 'access.provision');
}

/** Provisioners, staff of the PKS's office or an office above it, pusat, and the institution's own members (read-only). */
export function canViewGrants(actor: Actor, scope: { institutionId: string; officeChain: readonly string[] }): boolean {
  if (actor.orgKind === 'institution') return actor.orgId === scope.institutionId;
  return actor.atPusat || scope.officeChain.includes(actor.orgId);
}
