/** The usage ledger's job (issue 12): folds new audit entries into the ledger. Placeholder until built. */
import type { Job } from '../scheduler.js';

export const usageLedger: Job = {
  name: 'usage-ledger',
  async run() {
    return 0;
  },
};
