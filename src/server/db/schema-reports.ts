/** Table types of the reports feature (issue 12). Replace the placeholder with the feature's tables. */
export type ReportsTables = Record<never, never>;
