import type { Rule } from './route-rules.js';

const PAYMENT_ROLES = ['admin', 'kadis', 'kabid', 'kasi', 'staf'];

/** Who may call the billing feature's operations (issue 12); spread into ROUTE_RULES. */
export const BILLING_RULES: Record<string, Rule> = {
  // tariffs are public law; reads are scoped by the service (an institution its own, an office its own, pusat all)
  'GET /api/billing/tariffs': 'signed-in',
  'POST /api/billing/tariffs': { pusat: ['admin', 'dirjen'] },
  'GET /api/billing/balances': 'signed-in',
  'GET /api/billing/institutions/{id}': 'signed-in',
  'GET /api/billing/payments': 'signed-in',
  // the institution's own office (or pusat) records payments
  'POST /api/billing/payments': { pusat: PAYMENT_ROLES, office: PAYMENT_ROLES },
  'GET /api/billing/institutions/{id}/statements/{month}': 'signed-in',
  'GET /api/billing/institutions/{id}/statements/{month}/pdf': 'signed-in',
};
