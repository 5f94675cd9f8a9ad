import type { Rule } from './route-rules.js';

/** Who may call the campaigns feature's operations (issue 13); spread into ROUTE_RULES. */
export const CAMPAIGNS_RULES: Record<string, Rule> = {
  // offices and pusat see the campaigns of their scope; the service decides which
  'GET /api/campaigns': { pusat: '*', office: '*' },
  'GET /api/campaigns/candidates': { pusat: '*', office: '*' },
  'GET /api/campaigns/{id}': { pusat: '*', office: '*' },
  'GET /api/campaigns/{id}/annex': { pusat: '*', office: '*' },
  'GET /api/campaigns/{id}/evidence/{evidenceId}': { pusat: '*', office: '*' },
  'GET /api/campaigns/{id}/report': { pusat: '*', office: '*' },
  // opened by the holder of the control SOP's first step (the Kabid on the shipped SOPs); decided by the SOP
  'POST /api/campaigns': { pusat: ['kabid'], office: ['kabid'] },
  // worked on by the holders of the campaign's steps (the SOP names them: Kabid, Kasi, Kasi Monev, Staf)
  'PUT /api/campaigns/{id}/institutions/{institutionId}/checklist': {
    pusat: ['kabid', 'kasi', 'kasi_monev', 'staf'],
    office: ['kabid', 'kasi', 'kasi_monev', 'staf'],
  },
  'POST /api/campaigns/{id}/institutions/{institutionId}/evidence': {
    pusat: ['kabid', 'kasi', 'kasi_monev', 'staf'],
    office: ['kabid', 'kasi', 'kasi_monev', 'staf'],
  },
  'POST /api/campaigns/{id}/findings': {
    pusat: ['kabid', 'kasi', 'kasi_monev', 'staf'],
    office: ['kabid', 'kasi', 'kasi_monev', 'staf'],
  },
  // an institution its own follow-ups, an office those of its campaigns
  'GET /api/campaigns/follow-ups': 'signed-in',
  'GET /api/campaigns/follow-ups/{findingId}/file': 'signed-in',
  'POST /api/campaigns/follow-ups/{findingId}/respond': { institution: ['pimpinan', 'admin'] },
  'POST /api/campaigns/follow-ups/{findingId}/judge': {
    pusat: ['kabid', 'kasi', 'kasi_monev', 'staf'],
    office: ['kabid', 'kasi', 'kasi_monev', 'staf'],
  },
};
