/**
 * The usage ledger's job (issue 12): each tick folds the audit entries sealed since the ledger's cursor
 * (modules/usage/ledger.ts) — a catch-up beside the serving process's follower, and the only folder of a
 * process that serves nothing. Conditional on the cursor, so it never double-counts with a follower.
 */
import type { Job } from '../scheduler.js';
import { catchUpLedger } from '../../modules/usage/ledger.js';

export const usageLedger: Job = {
  name: 'usage-ledger',
  async run({ deps, now, log }) {
    await catchUpLedger(deps.db, now, log);
    // Folding decides nothing: no decision waits to be sealed after it, so the tick's after-work is not asked for.
    return 0;
  },
};
