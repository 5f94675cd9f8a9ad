import type { Rule } from './route-rules.js';

/** Who may call the balikan feature's operations (issue 12); spread into ROUTE_RULES. */
export const BALIKAN_RULES: Record<string, Rule> = {};
