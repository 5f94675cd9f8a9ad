import type { Rule } from './route-rules.js';

/** Who may call the anomalies feature's operations (issue 13); spread into ROUTE_RULES. */
export const ANOMALIES_RULES: Record<string, Rule> = {};
