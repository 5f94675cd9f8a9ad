import type { Rule } from './route-rules.js';

/** Who may call the work routes of issue 14; spread into ROUTE_RULES. */
export const WORK_RULES: Record<string, Rule> = {
  // Everyone signed in has a Kotak Masuk; the counts are of their own items.
  'GET /api/work/summary': 'signed-in',
};
