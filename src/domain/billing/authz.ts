/**
 * Who may see and record PNBP billing (deny by default): an institution sees its own balance, payments and
 * statements; office staff see those of the institutions their office (or an office under it) deals with; pusat
 * sees all. Payments are recorded by the staff of the institution's own office or of pusat, in a finance or
 * cooperation role; tariffs are changed only at pusat.
 */
import type { Actor } from '../authz.js';

/** Office roles that record payments. */
export const PAYMENT_ROLES = ['admin', 'kadis', 'kabid', 'kasi', 'staf'] as const;
/** Pusat roles that change tariffs. */
export const TARIFF_ROLES = ['admin', 'dirjen'] as const;

const hasAny = (actor: Actor, roles: readonly string[]) => actor.roles.some((r) => roles.includes(r));

/** Whether the actor may record a payment of an institution dealing with `officeId`. */
export function canRecordPayment(actor: Actor, officeId: string): boolean {
  if (actor.orgKind !== 'office' || !hasAny(actor, PAYMENT_ROLES)) return false;
  return actor.atPusat || actor.orgId === officeId;
}

/** Whether the actor may record a tariff change. */
export function canChangeTariff(actor: Actor): boolean {
  return actor.orgKind === 'office' && actor.atPusat && hasAny(actor, TARIFF_ROLES);
}
