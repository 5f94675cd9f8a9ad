/**
 * The obligations job (issue 12): semester reports and data balikan deliveries due, reminded, late, warned,
 * sanctioned and reactivated. Placeholder until built.
 */
import type { Job } from '../scheduler.js';

export const obligations: Job = {
  name: 'obligations',
  async run() {
    return 0;
  },
};
