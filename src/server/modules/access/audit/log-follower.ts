/**
 * A follower of the signed audit log in a serving process (the usage ledger, the resident index): every ~2 s it
 * reads the log's sealed end (one indexed row) and runs its catch-up only when the log grew past what it last
 * caught up with. Catch-ups are serialised (a test's `catchUp()` and the timer's never overlap); stopped on
 * close, waiting for a run in progress. What a catch-up does — read the entries after its own cursor and commit
 * them with the cursor in one conditional transaction — is the follower's owner's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { sealedEnd } from './audit.repository.js';

/**
 * Runs a follower's conditional steps until caught up: `step` returns the entries it committed, 0 when caught up,
 * or -1 when another process moved the cursor first (read again; bounded, so a stuck peer cannot make us spin).
 * Returns the entries this process committed.
 */
export async function catchUpSteps(step: () => Promise<number>, onProgress?: (done: number) => void): Promise<number> {
  let total = 0;
  for (let raced = 0; ;) {
    const n = await step();
    if (n === 0) return total;
    if (n < 0) {
      if (++raced > 1000) return total;
      continue;
    }
    total += n;
    onProgress?.(total);
  }
}

/** How often a follower looks whether the log grew. */
export const FOLLOW_MS = 2000;

export class LogFollower {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private known = -1;
  private stopped = false;
  private running: Promise<void> | null = null;

  /**
   * `step` catches up with everything sealed and returns how many entries it read; `failed` is logged (with the
   * error) when a timer's run fails, to be retried at the next look.
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly step: () => Promise<number>,
    private readonly log: (message: string, err?: unknown) => void,
    private readonly failed: string,
  ) {}

  /** Catches up with everything sealed so far (serialised with the follower's own runs); returns entries read. */
  catchUp(): Promise<number> {
    const run = this.chain.then(() => this.step());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async tick(): Promise<void> {
    const end = await sealedEnd(this.db);
    if (end === this.known || this.stopped) return;
    await this.catchUp();
    this.known = end;
  }

  /** Starts following (a first catch-up at once). */
  start(intervalMs = FOLLOW_MS): void {
    if (this.timer || this.stopped) return;
    const run = () => {
      if (this.running || this.stopped) return;
      this.running = this.tick()
        .catch((e: unknown) => this.log(this.failed, e))
        .finally(() => (this.running = null));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops following and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.chain;
  }
}
