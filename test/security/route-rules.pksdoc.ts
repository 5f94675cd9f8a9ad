import type { Rule } from './route-rules.js';

/** Who may call the pksdoc routes of issue 14; spread into ROUTE_RULES. */
export const PKSDOC_RULES: Record<string, Rule> = {};
