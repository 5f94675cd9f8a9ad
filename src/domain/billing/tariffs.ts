/**
 * PNBP tariffs (PP 10/2023) as data, and which answers are billable — pure rules, no I/O.
 *
 * Billing methods are the PP's: web service and web portal Rp1.000 per NIK, fingerprint Rp2.000, face Rp3.000.
 * Gerbang's channels map onto them (`billingMethodOf`):
 * - the web service (compatible service and v1) → `web_service`;
 * - the web portal → `web_portal`;
 * - the card reader → `fingerprint` when the read carried a fingerprint match (every read the reader answers does:
 *   a read without one is refused), otherwise the web-service rate;
 * - `face` has a tariff but no channel yet.
 *
 * Billable (`isBillable`): an answered call, code 01 — a lookup that disclosed the granted elements or a
 * verification that was answered (Sesuai / Tidak Sesuai) — on a production grant of a profit-oriented
 * institution. Refusals (any code but 01, device refusals), not found (13), deceased (11) and inactive (14)
 * records disclose nothing and are never billed; nor are trial (sandbox) calls; nor any call of an institution
 * that is not profit-oriented.
 */
import type { AccessMethod } from '../grant/grant.js';

/** Every billing method of the PP's tariff, in display order. */
export const BILLING_METHODS = ['web_service', 'web_portal', 'fingerprint', 'face'] as const;

/** A method of the PP's tariff. */
export type BillingMethod = (typeof BILLING_METHODS)[number];

/** Whether a string names a billing method. */
export function isBillingMethod(m: string): m is BillingMethod {
  return (BILLING_METHODS as readonly string[]).includes(m);
}

/** The PP 10/2023 defaults (seeded by migration 0020), rupiah per NIK. */
export const PP10_2023_TARIFFS: Readonly<Record<BillingMethod, number>> = {
  web_service: 1000,
  web_portal: 1000,
  fingerprint: 2000,
  face: 3000,
};

/** The billing method of a call on a channel. */
export function billingMethodOf(channel: AccessMethod, fingerprintMatch: boolean): BillingMethod {
  if (channel === 'web_portal') return 'web_portal';
  if (channel === 'card_reader') return fingerprintMatch ? 'fingerprint' : 'web_service';
  return 'web_service';
}

/** Whether a grant's calls can be billed at all: a production grant of a profit-oriented institution. */
export function isChargeable(profitOriented: boolean, environment: 'trial' | 'production'): boolean {
  return profitOriented && environment === 'production';
}

/** Whether an answer, by its result code, is billed (only 01: data disclosed or a verification answered). */
export function isBillable(code: string | null): boolean {
  return code === '01';
}

/** A tariff row as the rules read it. */
export interface Tariff {
  method: BillingMethod;
  amountRupiah: number;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
}

/**
 * The tariff of a method in force on an office-local day (YYYY-MM-DD): the one with the latest effective date on
 * or before it; null when none is (the call cannot be priced, so it is not answered for a chargeable grant).
 */
export function tariffOn(tariffs: readonly Tariff[], method: BillingMethod, day: string): number | null {
  let best: Tariff | null = null;
  for (const t of tariffs) {
    if (t.method !== method || t.effectiveFrom > day) continue;
    if (!best || t.effectiveFrom > best.effectiveFrom) best = t;
  }
  return best ? best.amountRupiah : null;
}

/** Largest tariff and payment amounts accepted (rupiah). */
export const MAX_TARIFF_RUPIAH = 100_000_000;
export const MAX_PAYMENT_RUPIAH = 1_000_000_000_000;
