import type { Rule } from './route-rules.js';

/** Who may call the operations feature's operations (issue 13); spread into ROUTE_RULES. */
export const OPERATIONS_RULES: Record<string, Rule> = {
  // the offices' dashboard: pusat and every office, whatever the role, within the scope the server decides (an
  // office its institutions and its kabupaten/kota offices', pusat all); institution users are answered 404
  'GET /api/operations': { pusat: '*', office: '*' },
};
