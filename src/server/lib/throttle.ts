import { counted, waitMs, type ThrottlePolicy, type ThrottleState } from '../../domain/throttle.js';

/**
 * Keyed throttle state held in this process's memory (rules in domain/throttle.ts). Bounded: beyond `maxKeys`
 * the least recently touched keys are dropped, so a flood of distinct keys cannot exhaust memory.
 */
export class MemoryThrottle {
  private readonly states = new Map<string, ThrottleState>();

  constructor(
    readonly policy: ThrottlePolicy,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds the key must still wait (0: it may go now). */
  wait(key: string, now: number): number {
    return waitMs(this.policy, this.states.get(key), now);
  }

  /** Counts one event (a failure, a registration…) for the key. */
  count(key: string, now: number): void {
    const next = counted(this.policy, this.states.get(key), now);
    this.states.delete(key);
    this.states.set(key, next);
    if (this.states.size > this.maxKeys) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }

  /** Events counted for the key and not yet forgotten. */
  countOf(key: string, now: number): number {
    const state = this.states.get(key);
    return state && now - state.lastAt < this.policy.forgetMs ? state.count : 0;
  }

  /**
   * Takes back one counted event (an attempt counted up front, before its outcome was known, that succeeded),
   * keeping the time of the last one.
   */
  refund(key: string): void {
    const state = this.states.get(key);
    if (state) this.states.set(key, { count: Math.max(0, state.count - 1), lastAt: state.lastAt });
  }

  /** Keys held (forgotten ones included until `prune`); 0 lets a hot path skip every lookup. */
  get size(): number {
    return this.states.size;
  }

  /** Drops the keys forgotten at `now` (forgetMs after their last event). */
  prune(now: number): void {
    for (const [key, state] of this.states) if (now - state.lastAt >= this.policy.forgetMs) this.states.delete(key);
  }

  /** Forgets the key (e.g. after a successful sign-in). */
  clear(key: string): void {
    this.states.delete(key);
  }
}
