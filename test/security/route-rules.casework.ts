import type { Rule } from './route-rules.js';

/** Who may call the casework routes of issue 14; spread into ROUTE_RULES. */
export const CASEWORK_RULES: Record<string, Rule> = {
  // A badan hukum's legal document, inline: the institution itself and its office (the service answers 404 to others).
  'GET /api/institutions/{id}/documents/{docId}/file': 'signed-in',
  // Who verified these institutions and when: only those the caller may see are answered.
  'GET /api/institution-verifications': 'signed-in',
  // Ganti berkas: only the case's institution (its admin or head); the service checks the case and the query.
  'POST /api/cases/{id}/documents/{docId}/replace': { institution: ['admin', 'pimpinan'] },
  // A case's queried and replaced files: whoever may see the case.
  'GET /api/cases/{id}/document-history': 'signed-in',
};
