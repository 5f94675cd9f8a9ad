import type { Rule } from './route-rules.js';

/** Who may call the plain routes of issue 14; spread into ROUTE_RULES. */
export const PLAIN_RULES: Record<string, Rule> = {};
