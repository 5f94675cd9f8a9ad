import type { Rule } from './route-rules.js';

/** Who may call the usage feature's operations (issue 12); spread into ROUTE_RULES. */
export const USAGE_RULES: Record<string, Rule> = {
  // every signed-in user, within the scope the server decides from the actor (an office its institutions and
  // its kabupaten/kota offices', pusat all, an institution its own; anything outside it is 404)
  'GET /api/access/usage': 'signed-in',
};
