import type { Rule } from './route-rules.js';

/** Who may call the integration routes of issue 14; spread into ROUTE_RULES. */
export const INTEGRATION_RULES: Record<string, Rule> = {
  // The service address is not a secret (it is on the access letter); every signed-in user may read it.
  'GET /api/integration/service-address': 'signed-in',
};
