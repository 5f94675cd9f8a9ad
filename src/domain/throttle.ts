/**
 * Throttling of failures (sign-in, web-service secrets) and of costly anonymous actions (registration, uploads):
 * the attacker slows himself, the owner is never locked out. Pure rules; the keyed in-memory store is
 * `src/server/lib/throttle.ts`.
 *
 * A key (an account, a client address, a user id…) may fail `free` times; from then on each further attempt must
 * wait `baseMs · 2^(n−free)` (capped at `maxMs`) after the previous one. `forgetMs` after the last event the key
 * starts afresh.
 */
export interface ThrottlePolicy {
  /** Events allowed without any wait. */
  readonly free: number;
  /** The first wait, in ms; it doubles with every further event. */
  readonly baseMs: number;
  /** The longest wait, in ms. */
  readonly maxMs: number;
  /** After this long without events the key is forgotten, in ms. */
  readonly forgetMs: number;
}

/** What is remembered per key. */
export interface ThrottleState {
  readonly count: number;
  /** Epoch ms of the last counted event. */
  readonly lastAt: number;
}

/** The wait a key with this state must still sit out at `now` (ms; 0 = may try now). */
export function waitMs(policy: ThrottlePolicy, state: ThrottleState | undefined, now: number): number {
  if (!state || now - state.lastAt >= policy.forgetMs) return 0;
  if (state.count < policy.free) return 0;
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, state.count - policy.free));
  return Math.max(0, state.lastAt + step - now);
}

/** The state after one more counted event at `now`. */
export function counted(policy: ThrottlePolicy, state: ThrottleState | undefined, now: number): ThrottleState {
  if (!state || now - state.lastAt >= policy.forgetMs) return { count: 1, lastAt: now };
  return { count: state.count + 1, lastAt: now };
}
