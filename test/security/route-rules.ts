/**
 * Who may call each operation of the API: the one table the route × role matrix (matrix.test.ts) checks every
 * operation against. Keys are "METHOD /path" as in docs/openapi.json; a new operation fails the matrix until it
 * has a line here.
 *
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user, whatever their organisation and roles.
 * - `credential`: machine channels (a grant's credential, a device or an operator's card): no user session is
 *   permitted, whatever its roles.
 * - `{ pusat?, office?, institution? }`: signed-in users of that kind of organisation (the Directorate General,
 *   another office, an institution) holding one of the listed roles in their own organisation, or any role ('*').
 *   A kind not listed is refused.
 */
import { USAGE_RULES } from './route-rules.usage.js';
import { REPORTS_RULES } from './route-rules.reports.js';
import { BALIKAN_RULES } from './route-rules.balikan.js';
import { BILLING_RULES } from './route-rules.billing.js';
import { CAMPAIGNS_RULES } from './route-rules.campaigns.js';
import { ANOMALIES_RULES } from './route-rules.anomalies.js';
import { RESIDENT_RULES } from './route-rules.resident.js';
import { OPERATIONS_RULES } from './route-rules.operations.js';
import { LETTERHEAD_RULES } from './route-rules.letterhead.js';
import { PKSDOC_RULES } from './route-rules.pksdoc.js';
import { WORK_RULES } from './route-rules.work.js';
import { CASEWORK_RULES } from './route-rules.casework.js';
import { PLAIN_RULES } from './route-rules.plain.js';
import { INTEGRATION_RULES } from './route-rules.integration.js';

export type Roles = readonly string[] | '*';
export type Rule = 'public' | 'signed-in' | 'credential' | { pusat?: Roles; office?: Roles; institution?: Roles };

/** A caller in the matrix. */
export interface Caller {
  name: string;
  kind: 'anonymous' | 'pusat' | 'office' | 'institution';
  roles: readonly string[];
}

/** Whether the rule lets the caller through. */
export function permits(rule: Rule, caller: Caller): boolean {
  if (rule === 'public') return true;
  if (caller.kind === 'anonymous' || rule === 'credential') return false;
  if (rule === 'signed-in') return true;
  const roles = rule[caller.kind];
  return roles === '*' || (roles ?? []).some((r) => caller.roles.includes(r));
}

export const ROUTE_RULES: Record<string, Rule> = {
  // issue 12's features keep their lines in their own files
  ...USAGE_RULES,
  ...REPORTS_RULES,
  ...BALIKAN_RULES,
  ...BILLING_RULES,
  ...CAMPAIGNS_RULES,
  ...ANOMALIES_RULES,
  ...RESIDENT_RULES,
  ...OPERATIONS_RULES,
  ...LETTERHEAD_RULES,
  ...PKSDOC_RULES,
  ...WORK_RULES,
  ...CASEWORK_RULES,
  ...PLAIN_RULES,
  ...INTEGRATION_RULES,
  'GET /api/health': 'public',
  // anyone may try; a wrong password is a 401 of its own
  'POST /api/auth/login': 'public',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/password': 'signed-in',
  // the half-signed session of a login owing its TOTP code
  'POST /api/auth/totp/verify': 'signed-in',
  'POST /api/auth/totp/setup': 'signed-in',
  'POST /api/auth/totp/enable': 'signed-in',
  // the user's own sessions (a handle of anyone else's is 404)
  'GET /api/auth/sessions': 'signed-in',
  'DELETE /api/auth/sessions': 'signed-in',
  'DELETE /api/auth/sessions/{id}': 'signed-in',
  'GET /api/regions': 'signed-in',
  // the registration form lists the offices
  'GET /api/offices': 'public',
  'POST /api/offices': { pusat: ['admin'] },
  'PATCH /api/offices/{id}': 'signed-in',
  'GET /api/offices/{id}/roles': 'signed-in',
  'POST /api/offices/{id}/roles': { pusat: ['admin'], office: ['admin'] },
  'GET /api/offices/{id}/permissions': { pusat: '*', office: '*' },
  'PUT /api/offices/{id}/permissions/{capability}': { pusat: ['admin'], office: ['admin'] },
  'GET /api/institutions': 'signed-in',
  'GET /api/institutions/{id}': 'signed-in',
  'GET /api/institutions/{id}/roles': 'signed-in',
  'GET /api/users': 'signed-in',
  'POST /api/users': 'signed-in',
  // an organisation's own admin; anyone else 403, or 404 outside an organisation they may see
  'PATCH /api/users/{id}': 'signed-in',
  'POST /api/files': 'signed-in',
  'GET /api/files/{id}': 'signed-in',
  'GET /api/offices/{id}/calendar': 'signed-in',
  'POST /api/offices/{id}/calendar': { pusat: ['admin'], office: ['admin'] },
  'GET /api/sops': 'signed-in',
  'GET /api/sops/versions/{id}': 'signed-in',
  'GET /api/sops/versions/{id}/sheet.pdf': 'signed-in',
  'GET /api/sops/versions/{id}/evaluation': 'signed-in',
  'POST /api/sops/check': 'signed-in',
  // the sop.publish capability
  'POST /api/offices/{id}/sops': { pusat: ['admin'], office: ['admin', 'kadis'] },
  'GET /api/offices/{id}/sop-purposes': { pusat: '*', office: '*' },
  // the sop.publish capability
  'PUT /api/offices/{id}/sop-purposes/{purpose}': { pusat: ['admin'], office: ['admin', 'kadis'] },
  'POST /api/cases': 'signed-in',
  'GET /api/cases': 'signed-in',
  'GET /api/cases/{id}': 'signed-in',
  'GET /api/cases/{id}/documents/{docId}': 'signed-in',
  'POST /api/tasks/{id}/complete': 'signed-in',
  'POST /api/tasks/{id}/return': 'signed-in',
  'GET /api/inbox': 'signed-in',
  // self-registration of an institution
  'POST /api/institutions/register': 'public',
  'GET /api/institutions/{id}/documents': 'signed-in',
  'POST /api/institutions/{id}/documents': { institution: ['admin', 'pimpinan'] },
  'GET /api/data-elements': 'public',
  'GET /api/applications': 'signed-in',
  'POST /api/applications': { institution: ['admin', 'pimpinan'] },
  'GET /api/applications/{id}': 'signed-in',
  'PATCH /api/applications/{id}': { institution: ['admin', 'pimpinan'] },
  'POST /api/applications/{id}/submit': { institution: ['admin', 'pimpinan'] },
  'GET /api/register': 'public',
  'GET /api/agreements': 'signed-in',
  'GET /api/agreements/{id}': 'signed-in',
  'PATCH /api/agreements/{id}': 'signed-in',
  'POST /api/agreements/{id}/addendum': 'signed-in',
  'POST /api/agreements/{id}/renewal': 'signed-in',
  'POST /api/agreements/{id}/submit': 'signed-in',
  'POST /api/agreements/{id}/approve': 'signed-in',
  'POST /api/agreements/{id}/sign': 'signed-in',
  'POST /api/agreements/{id}/activate': 'signed-in',
  'POST /api/agreements/{id}/approve-juknis': 'signed-in',
  'POST /api/agreements/{id}/terminate': 'signed-in',
  'GET /api/documents/{id}': 'signed-in',
  'GET /api/documents/{id}/versions/{version}/file': 'signed-in',
  'POST /api/documents/{id}/versions/{version}/comments': 'signed-in',
  // anyone holding a document checks it against its QR code
  'GET /api/verify/{id}': 'public',
  'POST /api/verify/{id}': 'public',
  'GET /api/access/agreements/{id}': 'signed-in',
  'GET /api/access/institutions/{id}/grants': 'signed-in',
  'POST /api/access/agreements/{id}/grants': 'signed-in',
  'GET /api/access/grants/{id}': 'signed-in',
  'PATCH /api/access/grants/{id}': 'signed-in',
  'POST /api/access/grants/{id}/rotate': 'signed-in',
  'POST /api/access/grants/{id}/suspend': 'signed-in',
  'POST /api/access/grants/{id}/resume': 'signed-in',
  'POST /api/access/grants/{id}/revoke': 'signed-in',
  'POST /api/access/grants/{id}/trial': 'signed-in',
  'GET /api/access/grants/{id}/devices': 'signed-in',
  'POST /api/access/grants/{id}/devices': 'signed-in',
  'POST /api/access/devices/{id}/revoke': 'signed-in',
  'GET /api/access/grants/{id}/operators': 'signed-in',
  'POST /api/access/grants/{id}/operators': 'signed-in',
  'POST /api/access/operators/{id}/remove': 'signed-in',
  'GET /api/v1/residents/{nik}': 'credential',
  'POST /api/v1/verify': 'credential',
  'POST /api/v1/verify/batch': 'credential',
  'POST /api/reader/read': 'credential',
  'GET /api/access/audit/verify': { pusat: '*', office: '*' },
  'GET /api/access/audit/entries': 'signed-in',
  'GET /api/access/audit/summary': 'signed-in',
  'GET /api/audit/heads/latest': 'public',
  'GET /api/audit/heads': 'public',
  'GET /api/audit/keys': 'public',
  // an operator registered on a grant (the portal's own credential), no role by itself
  'POST /api/portal/lookup': 'credential',
  'POST /dukcapil/get_json/{customerId}/CALL_NIK': 'credential',
  'POST /dukcapil/get_json/{customerId}/CALL_VERIFY_BY_ELEMEN': 'credential',
  // the office's institution.verify capability (Bengkulu gives it to kasi_kerja_sama too)
  'POST /api/institutions/{id}/verify': {
    pusat: ['admin'],
    office: ['admin', 'kadis', 'kabid', 'kasi', 'kasi_kerja_sama'],
  },
  'POST /api/auth/logout': 'signed-in',
};
