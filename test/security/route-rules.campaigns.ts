import type { Rule } from './route-rules.js';

/** Who may call the campaigns feature's operations (issue 13); spread into ROUTE_RULES. */
export const CAMPAIGNS_RULES: Record<string, Rule> = {};
