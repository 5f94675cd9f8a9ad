import type { Rule } from './route-rules.js';

/** Who may call the work routes of issue 14; spread into ROUTE_RULES. */
export const WORK_RULES: Record<string, Rule> = {};
