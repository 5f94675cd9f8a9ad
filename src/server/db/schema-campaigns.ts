/** Table types of the campaigns feature (issue 13). Replaced by the feature's interface. */
export type CampaignsTables = Record<never, never>;
