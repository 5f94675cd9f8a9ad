import type { Rule } from './route-rules.js';

/** Who may call the billing feature's operations (issue 12); spread into ROUTE_RULES. */
export const BILLING_RULES: Record<string, Rule> = {};
