import type { Rule } from './route-rules.js';

/**
 * Who may call the resident feature's operations (issue 13); spread into ROUTE_RULES. All public: no staff
 * session is used; identification is open to anyone (rate-limited), the rest needs the resident session of the
 * resident whose accesses they are (401 without it, 404 for another resident's entry).
 */
export const RESIDENT_RULES: Record<string, Rule> = {
  'POST /api/resident/identify': 'public',
  'POST /api/resident/logout': 'public',
  'GET /api/resident/accesses': 'public',
  'GET /api/resident/proofs': 'public',
  'GET /api/resident/accesses/{id}/proof': 'public',
  'POST /api/resident/accesses/{id}/report': 'public',
};
