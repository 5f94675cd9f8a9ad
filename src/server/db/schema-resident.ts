/** Table types of the resident feature (issue 13). Replaced by the feature's interface. */
export type ResidentTables = Record<never, never>;
