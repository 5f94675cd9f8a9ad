import type { Rule } from './route-rules.js';

/** Who may call the balikan feature's operations (issue 12); spread into ROUTE_RULES. */
export const BALIKAN_RULES: Record<string, Rule> = {
  // the catalogue of kinds and their columns
  'GET /api/data-balikan/kinds': 'signed-in',
  // scope decided by the server: the institution its own, an office its institutions, pusat all
  'GET /api/data-balikan/duties': 'signed-in',
  'GET /api/data-balikan/deliveries': 'signed-in',
  'GET /api/data-balikan/deliveries/{id}': 'signed-in',
  'GET /api/data-balikan/deliveries/{id}/bad-rows': 'signed-in',
  // the institution delivers; an office never delivers on its behalf
  'POST /api/data-balikan/deliveries': { institution: ['pimpinan', 'admin'] },
  // the institution's system, with its web-service credential
  'POST /api/v1/data-balikan': 'credential',
};
