import type { Rule } from './route-rules.js';

/** Who may call the resident feature's operations (issue 13); spread into ROUTE_RULES. */
export const RESIDENT_RULES: Record<string, Rule> = {};
