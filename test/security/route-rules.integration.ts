import type { Rule } from './route-rules.js';

/** Who may call the integration routes of issue 14; spread into ROUTE_RULES. */
export const INTEGRATION_RULES: Record<string, Rule> = {};
