import type { Rule } from './route-rules.js';

/** Who may call the letterhead routes of issue 14; spread into ROUTE_RULES. */
export const LETTERHEAD_RULES: Record<string, Rule> = {};
