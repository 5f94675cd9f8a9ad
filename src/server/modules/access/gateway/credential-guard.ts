/**
 * Throttling of failed web-service logins (the compatible endpoints and v1): per user id and per client address,
 * with growing delays (domain/throttle.ts, lib/throttle.ts MemoryThrottle), so a guesser slows himself:
 *
 * - Each failed login (wrong or expired secret, wrong customer id, unknown user id) counts against the client
 *   address (an IPv6 address by its /64, which one machine usually holds whole) and, unless the address is on the
 *   named credential's own allow-list, against the user id. An attacker who knows a bank's user id (they are
 *   printed in integration code) therefore cannot lock the bank out: its own allow-listed servers are never
 *   throttled by his failures, only by their own.
 * - While a key must wait, every attempt it makes is refused (19, or 429 on v1) without its secret being checked
 *   and without an audit entry of its own: the log records the first failures, one `credential.throttled` entry
 *   when a key starts waiting, and then the number of attempts refused while it waited, when its wait has
 *   passed (swept every few seconds, and at shutdown). A burst of 300 guesses writes about a dozen entries.
 * - Unknown and known user ids get the same answers, in the same order, at the same cost (gateway.service.ts
 *   checks a secret against a dummy hash when there is no credential).
 *
 * In memory, per process: with several processes a guesser gets `free` attempts per process; the delays still
 * bound him. The successful call's path reads nothing here while no key is held (`idle`).
 */
import type { AuditActor } from '../../../../domain/audit/audit.js';
import { CREDENTIAL_THROTTLED } from '../../../../domain/audit/actions.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import { addressKey } from '../../../../domain/sign-in.js';
import type { ThrottlePolicy } from '../../../../domain/throttle.js';
import { newId } from '../../../lib/ids.js';
import { MemoryThrottle } from '../../../lib/throttle.js';
import { safeText, type NewEntry } from '../audit/audit-log.js';
import type { LiveGrant } from '../runtime/live-grant.js';

/** The policies of the two keys. */
export interface CredentialThrottlePolicy {
  user: ThrottlePolicy;
  address: ThrottlePolicy;
}

/**
 * Ten failures free (a misconfigured client after a secret rotation fails a few times), then 1 s, 2 s, 4 s … up to
 * 5 minutes between attempts; a key is forgotten 30 minutes after its last failure.
 */
export const CREDENTIAL_THROTTLE: CredentialThrottlePolicy = Object.freeze({
  user: Object.freeze({ free: 10, baseMs: 1_000, maxMs: 5 * 60_000, forgetMs: 30 * 60_000 }),
  address: Object.freeze({ free: 10, baseMs: 1_000, maxMs: 5 * 60_000, forgetMs: 30 * 60_000 }),
});

/** How often waits that have passed are looked for, to record their refused attempts. */
const SWEEP_MS = 5_000;

type Scope = 'user' | 'address';

/** A key that has started waiting: who it named, and the attempts refused since the last record. */
interface Episode {
  scope: Scope;
  key: string;
  actor: AuditActor;
  named: LiveGrant | null;
  clientIp: string | null;
  refused: number;
}

/** The throttle key of a client address: the one sign-in and the rate limits use (an IPv6 address by its /64). */
export { addressKey };

function userKey(userId: string): string {
  return userId.slice(0, 200);
}

/** The failed-login throttle of one process. */
export class CredentialGuard {
  private readonly users: MemoryThrottle;
  private readonly addresses: MemoryThrottle;
  private readonly episodes = new Map<string, Episode>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly record: (entry: NewEntry) => Promise<unknown>,
    private readonly clock: () => number,
    readonly policy: CredentialThrottlePolicy = CREDENTIAL_THROTTLE,
  ) {
    this.users = new MemoryThrottle(policy.user);
    this.addresses = new MemoryThrottle(policy.address);
    this.timer = setInterval(() => this.sweep(this.clock()), SWEEP_MS);
    this.timer.unref();
  }

  /** True while no failure is held: the successful call's path checks nothing more. */
  get idle(): boolean {
    return this.users.size === 0 && this.addresses.size === 0;
  }

  /**
   * The wait (ms) an attempt by `userId` from `ip` must still sit out, 0 when it may try now; a positive answer
   * counts the attempt as refused unchecked. `named` is the web-service credential the user id names, if any;
   * `userId` null (a request refused before its login that named none) is counted by its address only.
   */
  waitOf(userId: string | null, ip: string, named: LiveGrant | null, now: number): number {
    const a = addressKey(ip);
    const byAddress = this.addresses.wait(a, now);
    const byUser = userId !== null && this.userCounts(named, ip) ? this.users.wait(userKey(userId), now) : 0;
    if (byAddress > 0) this.noteRefused('address', a);
    if (byUser > 0 && userId !== null) this.noteRefused('user', userKey(userId));
    return Math.max(byAddress, byUser);
  }

  /**
   * Counts a failed login (or a refusal before the login, gateway.service.ts guardedPrincipal; `userId` null when
   * it named none: its address only); records `credential.throttled` when a key starts waiting.
   */
  failed(userId: string | null, ip: string, named: LiveGrant | null, now: number): void {
    const a = addressKey(ip);
    this.addresses.count(a, now);
    this.startIfWaiting('address', a, this.addresses, userId ?? '', ip, named, now);
    if (userId !== null && this.userCounts(named, ip)) {
      const u = userKey(userId);
      this.users.count(u, now);
      this.startIfWaiting('user', u, this.users, userId, ip, named, now);
    }
  }

  /** Records what is pending and stops the sweep (at shutdown, before the audit log closes). */
  close(): void {
    clearInterval(this.timer);
    this.sweep(Number.POSITIVE_INFINITY);
  }

  /**
   * Records the refused attempts of keys whose wait has passed (all of them at shutdown), forgets episodes of
   * keys forgotten, and drops forgotten keys so `idle` holds again.
   */
  sweep(now: number): void {
    const end = !Number.isFinite(now);
    const at = end ? this.clock() : now;
    for (const [id, e] of this.episodes) {
      const throttle = e.scope === 'user' ? this.users : this.addresses;
      if (!end && throttle.wait(e.key, at) > 0) continue;
      if (e.refused > 0) {
        this.write(e, at, { phase: 'refused', refused: e.refused, failures: throttle.countOf(e.key, at) });
        e.refused = 0;
      }
      if (end || throttle.countOf(e.key, at) === 0) this.episodes.delete(id);
    }
    if (!end) {
      this.users.prune(at);
      this.addresses.prune(at);
    }
  }

  // The user-id key spares the credential's own allow-listed addresses (see the module comment); an unknown user
  // id has none, so every address counts — the answers are the same for known and unknown ids.
  private userCounts(named: LiveGrant | null, ip: string): boolean {
    return named === null || !named.compiled.ip.matches(ip);
  }

  private noteRefused(scope: Scope, key: string): void {
    const e = this.episodes.get(scope + ' ' + key);
    if (e) e.refused++;
  }

  private startIfWaiting(
    scope: Scope,
    key: string,
    throttle: MemoryThrottle,
    userId: string,
    ip: string,
    named: LiveGrant | null,
    now: number,
  ): void {
    const id = scope + ' ' + key;
    if (this.episodes.has(id)) return;
    const wait = throttle.wait(key, now);
    if (wait <= 0) return;
    const actor: AuditActor = named
      ? { kind: 'credential', id: named.id }
      : { kind: 'credential', id: `unknown:${safeText(userId, 64)}` };
    const e: Episode = {
      scope,
      key,
      actor,
      named,
      clientIp: canonicalIp(ip) ?? (ip ? safeText(ip, 64) : null),
      refused: 0,
    };
    // Bounded like the throttles: the oldest episode is recorded and dropped first.
    if (this.episodes.size >= 100_000) {
      const [oldestId, oldest] = this.episodes.entries().next().value ?? [];
      if (oldestId !== undefined && oldest) {
        if (oldest.refused > 0) this.write(oldest, now, { phase: 'refused', refused: oldest.refused, failures: 0 });
        this.episodes.delete(oldestId);
      }
    }
    this.episodes.set(id, e);
    this.write(e, now, { phase: 'start', failures: throttle.countOf(key, now), waitMs: wait });
  }

  private write(e: Episode, now: number, facts: Record<string, string | number>): void {
    const g = e.named;
    const entry: NewEntry = {
      id: newId(),
      time: new Date(now).toISOString(),
      action: CREDENTIAL_THROTTLED,
      actor: e.actor,
      institutionId: g ? g.institutionId : null,
      pksId: g ? g.compiled.pksId : null,
      pksVersionHash: g ? g.compiled.pksVersionHash : null,
      elements: [],
      resultCode: '19',
      clientIp: e.clientIp,
      nikHash: null,
      detail: { scope: e.scope, ...facts },
    };
    // A signal: losing one to a failing audit store must not fail the request that triggered it.
    this.record(entry).catch(() => undefined);
  }
}
