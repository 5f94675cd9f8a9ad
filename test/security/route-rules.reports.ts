import type { Rule } from './route-rules.js';

/** Who may call the reports feature's operations (issue 12); spread into ROUTE_RULES. */
export const REPORTS_RULES: Record<string, Rule> = {};
