import type { Rule } from './route-rules.js';

/** Who may call the reports feature's operations (issue 12); spread into ROUTE_RULES. */
export const REPORTS_RULES: Record<string, Rule> = {
  // scope decided by the server: the institution its own, an office its institutions and those below, pusat all
  'GET /api/reports': 'signed-in',
  'GET /api/reports/{agreementId}/{semester}': 'signed-in',
  'GET /api/reports/{agreementId}/{semester}/pdf': 'signed-in',
  // the ladder's overview is for offices and pusat
  'GET /api/reports/overview': { pusat: '*', office: '*' },
  // the institution drafts (pimpinan or admin); only its pimpinan signs and submits
  'PUT /api/reports/{agreementId}/{semester}': { institution: ['pimpinan', 'admin'] },
  'POST /api/reports/{agreementId}/{semester}/submit': { institution: ['pimpinan'] },
  // the office's reviewers (capability report.review: kabid and kasi unless the office says otherwise)
  'POST /api/reports/{agreementId}/{semester}/review': { pusat: ['kabid', 'kasi'], office: ['kabid', 'kasi'] },
  // every organisation reads its own notices
  'GET /api/notices': 'signed-in',
};
