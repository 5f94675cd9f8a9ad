/** Table types of the campaigns feature (issue 13): control campaigns, their institutions, evidence and findings. */

/** One control campaign: a case on the office's control SOP over chosen institutions and a period. */
export interface CampaignTable {
  id: string;
  office_id: string;
  case_id: string;
  title: string;
  /** Office-local dates, inclusive. */
  period_start: string;
  period_end: string;
  /** open → reported (the Laporan produced) → closed (the case ended). */
  status: 'open' | 'reported' | 'closed';
  /** When Gerbang last froze the data dukung. */
  prepared_at: string | null;
  /** The data dukung annex (PDF). */
  annex_file_id: string | null;
  visited_at: string | null;
  /** The numbered Laporan Hasil Pengendalian (documents). */
  report_document_id: string | null;
  /** The step whose campaign.report action last produced a version of it. */
  report_step_id: string | null;
  reported_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One institution of a campaign: its frozen data dukung and its visit checklist (JSON text). */
export interface CampaignInstitutionTable {
  campaign_id: string;
  institution_id: string;
  /** The PKS its follow-ups are owed under (the newest one with a start date), or null. */
  agreement_id: string | null;
  /** DataDukung (domain/campaigns/data-dukung.ts), frozen. */
  data_dukung: string | null;
  /** Checklist (domain/campaigns/checklist.ts). */
  checklist: string | null;
  checklist_by: string | null;
  checklist_at: string | null;
}

/** An evidence file of a visit (PDF/PNG/JPEG uploaded through the files module). */
export interface CampaignEvidenceTable {
  id: string;
  campaign_id: string;
  institution_id: string;
  /** The checklist item it supports, or null for the visit as a whole. */
  item: string | null;
  file_id: string;
  filename: string;
  uploaded_by: string;
  created_at: string;
}

/** A finding of a campaign with the follow-up (tindak lanjut) its institution owes. */
export interface CampaignFindingTable {
  id: string;
  campaign_id: string;
  office_id: string;
  institution_id: string;
  agreement_id: string | null;
  severity: 'low' | 'medium' | 'high';
  finding: string;
  recommendation: string;
  /** Office-local due date of the follow-up. */
  due_date: string;
  /** owed (nothing answered yet, or returned), responded (waiting for the office), closed (accepted). */
  status: 'owed' | 'responded' | 'closed';
  response: string | null;
  response_file_id: string | null;
  responded_by: string | null;
  responded_at: string | null;
  /** Why the office returned the last response. */
  return_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The campaigns feature's tables, joined into DB. */
export interface CampaignsTables {
  campaigns: CampaignTable;
  campaign_institutions: CampaignInstitutionTable;
  campaign_evidence: CampaignEvidenceTable;
  campaign_findings: CampaignFindingTable;
}
