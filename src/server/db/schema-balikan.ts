/** Table types of the balikan feature (issue 12). Replace the placeholder with the feature's tables. */
export type BalikanTables = Record<never, never>;
