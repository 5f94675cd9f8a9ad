/** Table types of the operations feature (issue 13). Replaced by the feature's interface. */
export type OperationsTables = Record<never, never>;
