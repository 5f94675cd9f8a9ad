/** A control campaign's lifecycle (issue 13). Pure. */

/** open → reported (the Laporan Hasil Pengendalian produced) → closed (its case ended). */
export const CAMPAIGN_STATUSES = ['open', 'reported', 'closed'] as const;
/** Where a campaign stands. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
