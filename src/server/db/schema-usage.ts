/** Table types of the usage feature (issue 12). Replace the placeholder with the feature's tables. */
export type UsageTables = Record<never, never>;
