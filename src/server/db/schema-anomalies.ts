/** Table types of the anomalies feature (issue 13). Replaced by the feature's interface. */
export type AnomaliesTables = Record<never, never>;
