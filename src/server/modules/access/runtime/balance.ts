/**
 * The prepaid PNBP balances of one process (issue 12), held in memory like the daily quota counters: per
 * profit-oriented institution, loaded at its first billable call (payments minus persisted charges, and the
 * tariffs), drawn synchronously in the request path and persisted with the audit group commit.
 *
 * - `reserve` (gateway admit, after the grant's checks passed) takes the call's tariff from the held figure, or
 *   refuses when the figure cannot cover it — synchronously, so concurrent calls of one process never overdraw.
 * - When the answer turns out not billable (not found, a refusal after admit …) the pipeline `refund`s it; when it
 *   is billable the charge rides on the call's audit entry (AuditLog.append's `charge`) and the batch that commits
 *   the entry adds it to `billing_charges` in the same transaction, so persisted charges equal committed entries.
 *   A failed commit refunds. `settle` ends a reservation's flight either way.
 * - A payment or a tariff change announces an access change (access-changes.ts): every held figure is marked
 *   stale and reloaded (awaited) by the next call — in this process before the payment's response returns, in
 *   other processes on PostgreSQL's notification. A figure older than BALANCE_REFRESH_MS is refreshed in the
 *   background while calls keep drawing from it.
 *
 * Reloads count what is in flight: the figure is persisted − (reservations in flight when the read began) −
 * (what was drawn since), so a reload never forgets a call this process has answered but not yet committed
 * (a charge committed while the read runs is counted twice until the next refresh: conservative).
 *
 * Several processes on one PostgreSQL each draw from the persisted figure they loaded. Overdraft across P
 * processes is bounded by what the other P − 1 processes answer within one refresh (BALANCE_REFRESH_MS) plus
 * their calls in flight; one process alone never overdraws.
 *
 * Non-profit institutions and trial grants never reach this module (LiveGrant.chargeable is false): their path
 * allocates nothing and reads nothing of it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { quotaDay, quotaDayNumber } from '../../../../domain/grant/grant.js';
import { tariffOn, type BillingMethod, type Tariff } from '../../../../domain/billing/tariffs.js';
import type { ChargedCall } from '../audit/audit-log.js';
import { persistedBalance, tariffRows } from '../../billing/billing.repository.js';
import type { LiveGrant } from './live-grant.js';

/** How old a held figure may get before it is refreshed (in the background) from the persisted one. */
export const BALANCE_REFRESH_MS = 1000;

/** A charge as this module hands it out: reused by every call of one institution, day, method and tariff. */
interface HeldCharge extends ChargedCall {
  readonly account: Account;
}

/** One institution's held balance. */
export interface Account {
  readonly institutionId: string;
  /** Rupiah the held figure can still draw. */
  available: number;
  /** Reserved, neither committed nor refunded yet. */
  inflight: number;
  /** Reserved minus refunded, ever (a reload subtracts what was drawn while it read). */
  net: number;
  /** Date.now() of the last load; -Infinity before the first. */
  loadedAt: number;
  /** Invalidated (payment, tariff change): the next call reloads before drawing. */
  stale: boolean;
  loading: Promise<Account> | null;
  /** The generation (invalidations seen) of the load in flight, and of the figure held. */
  loadingGeneration: number;
  heldGeneration: number;
  tariffs: Tariff[];
  /** The day the cached charges are for (quota day number) and the charges of that day by method. */
  day: number;
  charges: Map<BillingMethod, HeldCharge | null>;
}

/** The balances of one process. */
export class Balances {
  private accounts = new Map<string, Account>();
  private generation = 0;

  constructor(private readonly db: () => Kysely<DB>) {}

  /**
   * The institution's account when it can be drawn synchronously, or undefined when it must be (re)loaded first.
   * Starts a background refresh when the figure is older than BALANCE_REFRESH_MS.
   */
  ready(institutionId: string): Account | undefined {
    const a = this.accounts.get(institutionId);
    if (!a || a.stale) return undefined;
    if (Date.now() - a.loadedAt > BALANCE_REFRESH_MS && !a.loading) void this.refresh(a).catch(() => undefined);
    return a;
  }

  /** Loads (or reloads) the institution's account; concurrent loads share one read. */
  load(institutionId: string): Promise<Account> {
    let a = this.accounts.get(institutionId);
    if (!a) {
      a = {
        institutionId,
        available: 0,
        inflight: 0,
        net: 0,
        loadedAt: Number.NEGATIVE_INFINITY,
        stale: true,
        loading: null,
        loadingGeneration: -1,
        heldGeneration: -1,
        tariffs: [],
        day: -1,
        charges: new Map(),
      };
      this.accounts.set(institutionId, a);
    }
    // A load that began before the last invalidation may have missed the payment that caused it: start another.
    if (a.loading && a.loadingGeneration === this.generation) return a.loading;
    return this.refresh(a);
  }

  private refresh(a: Account): Promise<Account> {
    const generation = this.generation;
    const load = this.read(a, generation, a.inflight, a.net).finally(() => {
      if (a.loading === load) a.loading = null;
    });
    a.loading = load;
    a.loadingGeneration = generation;
    return load;
  }

  private async read(a: Account, generation: number, inflight: number, net: number): Promise<Account> {
    const [persisted, tariffs] = await Promise.all([
      persistedBalance(this.db(), a.institutionId),
      tariffRows(this.db()),
    ]);
    // Of two overlapping loads, the figure of the later generation stands.
    if (generation >= a.heldGeneration) {
      a.heldGeneration = generation;
      a.available = persisted - inflight - (a.net - net);
      a.tariffs = tariffs;
      a.charges.clear();
      a.day = -1;
      a.loadedAt = Date.now();
      if (generation === this.generation) a.stale = false;
    }
    return a;
  }

  /**
   * Reserves the tariff of one call of `method` on the grant's office-local day: the charge to carry on the
   * call's audit entry, `undefined` when the call costs nothing (no tariff in force, or a tariff of 0), or null
   * when the held figure cannot cover it (refused).
   */
  reserve(a: Account, grant: LiveGrant, method: BillingMethod, now: number): HeldCharge | null | undefined {
    const day = quotaDayNumber(grant.compiled, now);
    if (day !== a.day) {
      a.day = day;
      a.charges.clear();
    }
    let charge = a.charges.get(method);
    if (charge === undefined) {
      const dayText = quotaDay(grant.compiled, now);
      const unit = tariffOn(a.tariffs, method, dayText);
      charge =
        unit && unit > 0
          ? { institutionId: a.institutionId, day: dayText, method, unitRupiah: unit, account: a }
          : null;
      a.charges.set(method, charge);
    }
    if (charge === null) return undefined;
    const unit = charge.unitRupiah;
    if (a.available < unit) return null;
    a.available -= unit;
    a.inflight += unit;
    a.net += unit;
    return charge;
  }

  /** Gives a reservation back (the answer was not billable, or its entry did not commit). */
  refund(charge: ChargedCall): void {
    const c = charge as HeldCharge;
    c.account.available += c.unitRupiah;
    c.account.net -= c.unitRupiah;
  }

  /** A reservation's flight is over (committed, or refunded after a failed commit). */
  settle(charge: ChargedCall): void {
    const c = charge as HeldCharge;
    c.account.inflight -= c.unitRupiah;
  }

  /** Every held figure is stale: the next call of each institution reloads it (payments, tariff changes). */
  invalidateAll(): void {
    this.generation++;
    for (const a of this.accounts.values()) a.stale = true;
  }

  /** The held figure of an institution (diagnostics and tests), undefined when not loaded. */
  held(institutionId: string): number | undefined {
    const a = this.accounts.get(institutionId);
    return a && !a.stale ? a.available : undefined;
  }
}
