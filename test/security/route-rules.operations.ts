import type { Rule } from './route-rules.js';

/** Who may call the operations feature's operations (issue 13); spread into ROUTE_RULES. */
export const OPERATIONS_RULES: Record<string, Rule> = {};
