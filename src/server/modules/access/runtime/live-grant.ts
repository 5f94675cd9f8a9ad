/** A grant as the request path holds it: the compiled grant with its credential and the live state around it. */
import crypto from 'node:crypto';
import type { AccessGrantTable } from '../../../db/schema-access.js';
import { prepareGrant, type CompiledGrant, type Grant } from '../../../../domain/grant/grant.js';
import type { liveGrantRow } from '../provisioning/grant.repository.js';
import { isChargeable } from '../../../../domain/billing/tariffs.js';

/** A grant as the request path holds it. */
export interface LiveGrant {
  id: string;
  kind: AccessGrantTable['kind'];
  institutionId: string;
  agreementId: string;
  customerId: string | null;
  userId: string | null;
  environment: AccessGrantTable['environment'];
  /** SHA-256 of the secret, raw bytes, for a constant-time comparison. */
  secretHash: Buffer | null;
  secretExpiresMs: number;
  compiled: CompiledGrant;
  institutionActive: boolean;
  /** Its billable answers draw the institution's prepaid PNBP balance: profit-oriented and production. */
  chargeable: boolean;
  pksInForce: boolean;
  loadedAt: number;
}

/** The live grant of a row joined with its institution's and agreement's status. */
export function toLive(row: NonNullable<Awaited<ReturnType<typeof liveGrantRow>>>): LiveGrant {
  const stored = JSON.parse(row.compiled) as Grant;
  // The row's status is authoritative: suspend/resume/revoke update it and the compiled copy together.
  const compiled = prepareGrant({ ...stored, status: row.status });
  return {
    id: row.id,
    kind: row.kind,
    institutionId: row.institution_id,
    agreementId: row.agreement_id,
    customerId: row.customer_id,
    userId: row.user_id,
    environment: row.environment,
    secretHash: row.secret_hash ? Buffer.from(row.secret_hash, 'hex') : null,
    secretExpiresMs: row.secret_expires_at ? Date.parse(row.secret_expires_at) : Infinity,
    compiled,
    institutionActive: row.institution_status === 'verified',
    chargeable: isChargeable(row.institution_profit_oriented === 1, row.environment),
    pksInForce: row.agreement_status === 'active' || row.agreement_status === 'expiring',
    loadedAt: Date.now(),
  };
}

/** Constant-time comparison of a presented secret with a stored SHA-256. */
export function secretMatches(stored: Buffer | null, presented: string): boolean {
  if (!stored) return false;
  const h = crypto.hash('sha256', presented, 'buffer');
  return h.length === stored.length && crypto.timingSafeEqual(h, stored);
}
