import type { Rule } from './route-rules.js';

/** Who may call the pksdoc routes of issue 14; spread into ROUTE_RULES. */
export const PKSDOC_RULES: Record<string, Rule> = {
  // whoever can see the PKS (else 404); the service lets only its institution's pimpinan or admin set it
  'PUT /api/agreements/{id}/institution-number': 'signed-in',
};
