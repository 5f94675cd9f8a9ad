import type { Rule } from './route-rules.js';

/** Who may call the anomalies feature's operations (issue 13); spread into ROUTE_RULES. */
export const ANOMALIES_RULES: Record<string, Rule> = {
  // reads are scoped by the service: an institution its own findings, an office its institutions', pusat all
  'GET /api/anomalies/findings': 'signed-in',
  'GET /api/anomalies/findings/{id}': 'signed-in',
  // the review case's task decides who (the role of its anomaly.decide step); institutions never decide
  'POST /api/anomalies/findings/{id}/decision': { pusat: '*', office: '*' },
  // an office reads its rules and those of the offices under it (pusat all); institutions are answered 404
  'GET /api/anomalies/settings': { pusat: '*', office: '*' },
  // the office's admin or the reviewer its anomaly-review SOP names (Kabid in the shipped template)
  'PUT /api/anomalies/settings/{rule}': { pusat: ['admin'], office: ['admin', 'kabid'] },
};
