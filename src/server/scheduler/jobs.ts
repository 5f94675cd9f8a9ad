/**
 * The scheduler's jobs, in the order each tick runs them. A later job (semester report deadlines, sanctions for
 * late reports) is a `Job` (scheduler.ts) in its own file under jobs/, added to this list.
 */
import type { Job } from './scheduler.js';
import { pksLifecycle } from './jobs/pks-lifecycle.js';

/** Every scheduled job. */
export const JOBS: readonly Job[] = [pksLifecycle];
