/**
 * The resident index's job (issue 13): each tick indexes the audit entries sealed since the index's cursor
 * (modules/resident/resident-index.ts) — beside the serving process's follower, and the only indexer of a
 * process that serves nothing. Conditional on the cursor, so it never double-indexes with a follower.
 */
import type { Job } from '../scheduler.js';
import { catchUpIndex } from '../../modules/resident/resident-index.js';
import { pruneSessions } from '../../modules/resident/resident.repository.js';

export const residentIndex: Job = {
  name: 'resident-index',
  async run({ deps, now }) {
    await catchUpIndex(deps.db, now);
    await pruneSessions(deps.db, now.toISOString());
    // Indexing decides nothing: no decision waits to be sealed after it.
    return 0;
  },
};
