/** The campaigns API (issue 13): control campaigns, their data dukung, checklists, findings and follow-ups. */
import { request } from './client';

import type { ChecklistAnswer, ChecklistItem, Checklist } from '../../domain/campaigns/checklist.js';
import type { DataDukung, LateItem } from '../../domain/campaigns/data-dukung.js';
import type { FollowUpStatus, Severity } from '../../domain/campaigns/finding.js';

// The shapes are the domain's own (pure modules the SPA may import); only the answers' envelopes are declared here.
export { CHECKLIST_ITEMS } from '../../domain/campaigns/checklist.js';
export type { Checklist, ChecklistItem, DataDukung, FollowUpStatus, LateItem, Severity };
/** An answer. */
export type Answer = ChecklistAnswer;

/** A finding with its follow-up. */
export interface Finding {
  id: string;
  campaignId: string;
  institutionId: string;
  severity: Severity;
  finding: string;
  recommendation: string;
  dueDate: string;
  status: FollowUpStatus;
  overdue: boolean;
  response: string | null;
  responseFileId: string | null;
  respondedAt: string | null;
  returnNote: string | null;
  closedAt: string | null;
  createdAt: string;
}

/** A follow-up as the inboxes list it. */
export interface FollowUp extends Finding {
  campaignTitle: string;
  institutionName: string;
  canRespond: boolean;
  canJudge: boolean;
}

/** A campaign in the list. */
export interface CampaignSummary {
  id: string;
  title: string;
  status: 'open' | 'reported' | 'closed';
  periodStart: string;
  periodEnd: string;
  caseId: string;
  reportDocumentId: string | null;
  createdAt: string;
  findings: number;
  followUpsOpen: number;
  followUpsOverdue: number;
}

/** One institution of a campaign. */
export interface CampaignInstitution {
  id: string;
  name: string;
  dataDukung: DataDukung | null;
  checklist: Checklist | null;
  checklistComplete: boolean;
  checklistAt: string | null;
  evidence: { id: string; item: string | null; fileId: string; filename: string; createdAt: string }[];
  findings: Finding[];
}

/** One campaign. */
export interface CampaignDetail extends CampaignSummary {
  office: { id: string; name: string };
  case: { id: string; number: string; status: string; outcome: string | null };
  sop: { code: string; name: string };
  today: string;
  preparedAt: string | null;
  reportedAt: string | null;
  hasAnnex: boolean;
  canWork: boolean;
  canEdit: boolean;
  institutions: CampaignInstitution[];
}

/** What the new-campaign form offers. */
export interface Candidates {
  today: string;
  canOpen: boolean;
  sop: { code: string; name: string } | null;
  institutions: { id: string; name: string; office: { id: string; name: string } }[];
}

/** A new campaign. */
export interface NewCampaign {
  title: string;
  periodStart: string;
  periodEnd: string;
  institutionIds: string[];
}

/** A new finding. */
export interface NewFinding {
  institutionId: string;
  severity: Severity;
  finding: string;
  recommendation: string;
  dueDate: string;
}

const enc = encodeURIComponent;

/** The campaigns endpoints. */
export const campaignsApi = {
  list: () => request<CampaignSummary[]>('GET', '/api/campaigns'),
  candidates: () => request<Candidates>('GET', '/api/campaigns/candidates'),
  open: (input: NewCampaign) => request<CampaignDetail>('POST', '/api/campaigns', input),
  get: (id: string) => request<CampaignDetail>('GET', `/api/campaigns/${enc(id)}`),
  saveChecklist: (id: string, institutionId: string, checklist: Checklist) =>
    request<CampaignDetail>('PUT', `/api/campaigns/${enc(id)}/institutions/${enc(institutionId)}/checklist`, checklist),
  addEvidence: (id: string, institutionId: string, fileId: string, item?: ChecklistItem) =>
    request<CampaignDetail>(
      'POST',
      `/api/campaigns/${enc(id)}/institutions/${enc(institutionId)}/evidence`,
      item ? { fileId, item } : { fileId },
    ),
  addFinding: (id: string, input: NewFinding) =>
    request<CampaignDetail>('POST', `/api/campaigns/${enc(id)}/findings`, input),
  followUps: () => request<FollowUp[]>('GET', '/api/campaigns/follow-ups'),
  respond: (findingId: string, response: string, fileId?: string) =>
    request<FollowUp>(
      'POST',
      `/api/campaigns/follow-ups/${enc(findingId)}/respond`,
      fileId ? { response, fileId } : { response },
    ),
  judge: (findingId: string, decision: 'accept' | 'return', note?: string) =>
    request<FollowUp>(
      'POST',
      `/api/campaigns/follow-ups/${enc(findingId)}/judge`,
      note ? { decision, note } : { decision },
    ),
};

/** Where the PDFs and files are read. */
export const campaignUrls = {
  report: (id: string) => `/api/campaigns/${enc(id)}/report`,
  annex: (id: string) => `/api/campaigns/${enc(id)}/annex`,
  evidence: (id: string, evidenceId: string) => `/api/campaigns/${enc(id)}/evidence/${enc(evidenceId)}`,
  responseFile: (findingId: string) => `/api/campaigns/follow-ups/${enc(findingId)}/file`,
};
