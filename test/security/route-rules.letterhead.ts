import type { Rule } from './route-rules.js';

/** Who may call the letterhead routes of issue 14; spread into ROUTE_RULES. */
export const LETTERHEAD_RULES: Record<string, Rule> = {
  'GET /api/offices/{id}/letterhead': { pusat: '*', office: '*' },
  'PATCH /api/offices/{id}/letterhead': { pusat: ['admin'], office: ['admin'] },
  'PUT /api/offices/{id}/letterhead/emblem': { pusat: ['admin'], office: ['admin'] },
  'GET /api/offices/{id}/letterhead/emblem': { pusat: '*', office: '*' },
  'GET /api/account/signatory': 'signed-in',
  'PATCH /api/account/signatory': 'signed-in',
  'PATCH /api/users/{id}/signatory': { pusat: ['admin'], office: ['admin'], institution: ['admin'] },
};
