import type { Rule } from './route-rules.js';

/** Who may call the casework routes of issue 14; spread into ROUTE_RULES. */
export const CASEWORK_RULES: Record<string, Rule> = {};
