/**
 * The scheduler's jobs, in the order each tick runs them. A job is a `Job` (scheduler.ts) in its own file under
 * jobs/, added to this list.
 */
import type { Job } from './scheduler.js';
import { pksLifecycle } from './jobs/pks-lifecycle.js';
import { usageLedger } from './jobs/usage-ledger.js';
import { obligations } from './jobs/obligations.js';
import { residentIndex } from './jobs/resident-index.js';

/** Every scheduled job: the ledger is folded before the obligations that read it. */
export const JOBS: readonly Job[] = [pksLifecycle, usageLedger, obligations, residentIndex];
