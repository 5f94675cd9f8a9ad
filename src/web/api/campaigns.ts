/** The campaigns API (issue 13): control campaigns, their data dukung, checklists, findings and follow-ups. */
import { call } from './client';
import type { Body, Reply } from './http';

export { CHECKLIST_ITEMS } from '../../domain/campaigns/checklist.js';

/** A campaign in the list. */
export type CampaignSummary = Reply<'/api/campaigns'>[number];

/** One campaign. */
export type CampaignDetail = Reply<'/api/campaigns/{id}'>;

/** One institution of a campaign. */
export type CampaignInstitution = CampaignDetail['institutions'][number];

/** What Gerbang knew of one institution for a campaign, frozen with it. */
export type DataDukung = NonNullable<CampaignInstitution['dataDukung']>;

/** One obligation that was (or still is) late in the period. */
export type LateItem = DataDukung['lateReports'][number];

/** The answers of one institution's visit. */
export type Checklist = NonNullable<CampaignInstitution['checklist']>;

/** One checklist item's code. */
export type ChecklistItem = NonNullable<Body<'/api/campaigns/{id}/institutions/{institutionId}/evidence'>['item']>;

/** An answer. */
export type Answer = NonNullable<Checklist[ChecklistItem]>['answer'];

/** A finding with its follow-up. */
export type Finding = CampaignInstitution['findings'][number];

/** How serious a finding is. */
export type Severity = Finding['severity'];

/** Where a follow-up stands. */
export type FollowUpStatus = Finding['status'];

/** A follow-up as the inboxes list it. */
export type FollowUp = Reply<'/api/campaigns/follow-ups'>[number];

/** What the new-campaign form offers. */
export type Candidates = Reply<'/api/campaigns/candidates'>;

/** A new campaign. */
export type NewCampaign = Body<'/api/campaigns'>;

/** A new finding. */
export type NewFinding = Body<'/api/campaigns/{id}/findings'>;

/** The office's judgement of a follow-up. */
type Judgement = Body<'/api/campaigns/follow-ups/{findingId}/judge'>;

const enc = encodeURIComponent;

/** The campaigns endpoints. */
export const campaignsApi = {
  list: () => call('get', '/api/campaigns'),
  candidates: () => call('get', '/api/campaigns/candidates'),
  open: (body: NewCampaign) => call('post', '/api/campaigns', { body }),
  get: (id: string) => call('get', '/api/campaigns/{id}', { path: { id } }),
  saveChecklist: (id: string, institutionId: string, checklist: Checklist) =>
    call('put', '/api/campaigns/{id}/institutions/{institutionId}/checklist', {
      path: { id, institutionId },
      body: checklist,
    }),
  addEvidence: (id: string, institutionId: string, fileId: string, item?: ChecklistItem) =>
    call('post', '/api/campaigns/{id}/institutions/{institutionId}/evidence', {
      path: { id, institutionId },
      body: item ? { fileId, item } : { fileId },
    }),
  addFinding: (id: string, body: NewFinding) => call('post', '/api/campaigns/{id}/findings', { path: { id }, body }),
  followUps: () => call('get', '/api/campaigns/follow-ups'),
  respond: (findingId: string, response: string, fileId?: string) =>
    call('post', '/api/campaigns/follow-ups/{findingId}/respond', {
      path: { findingId },
      body: fileId ? { response, fileId } : { response },
    }),
  judge: (findingId: string, decision: Judgement['decision'], note?: string) =>
    call('post', '/api/campaigns/follow-ups/{findingId}/judge', {
      path: { findingId },
      body: note ? { decision, note } : { decision },
    }),
};

/** Where the PDFs and files are read. */
export const campaignUrls = {
  report: (id: string) => `/api/campaigns/${enc(id)}/report`,
  annex: (id: string) => `/api/campaigns/${enc(id)}/annex`,
  evidence: (id: string, evidenceId: string) => `/api/campaigns/${enc(id)}/evidence/${enc(evidenceId)}`,
  responseFile: (findingId: string) => `/api/campaigns/follow-ups/${enc(findingId)}/file`,
};
