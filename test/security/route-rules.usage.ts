import type { Rule } from './route-rules.js';

/** Who may call the usage feature's operations (issue 12); spread into ROUTE_RULES. */
export const USAGE_RULES: Record<string, Rule> = {};
