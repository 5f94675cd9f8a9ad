/** Table types of the billing feature (issue 12). Replace the placeholder with the feature's tables. */
export type BillingTables = Record<never, never>;
