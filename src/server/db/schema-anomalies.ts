/** Table types of anomaly detection (issue 13, migration 0022). */

/** A finding: the detector's or one reported from outside it (a resident). */
export interface AnomalyFindingTable {
  id: string;
  office_id: string;
  institution_id: string | null;
  source: 'detector' | 'resident_report';
  rule: string;
  severity: 'low' | 'medium' | 'high';
  subject_kind: 'grant' | 'device' | 'operator' | null;
  subject_id: string | null;
  dedupe_key: string;
  window_start: string;
  window_end: string;
  /** JSON of aggregates; never a NIK in clear. */
  evidence: string;
  first_seq: number | null;
  last_seq: number | null;
  status: 'open' | 'confirmed' | 'false_positive';
  suspended_at: string | null;
  outcome: 'resumed' | 'revoked' | null;
  case_id: string | null;
  audit_entry_id: string | null;
  report_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
}

/** An office's tuning of one rule. */
export interface AnomalyRuleSettingTable {
  office_id: string;
  rule: string;
  enabled: number;
  /** JSON of the rule's parameters. */
  params: string;
  updated_by: string;
  updated_at: string;
}

/** A client address a credential or device was seen calling from (the detector's memory). */
export interface AnomalyKnownAddressTable {
  subject_kind: 'grant' | 'device' | 'operator';
  subject_id: string;
  client_ip: string;
  first_seen: string;
  last_seen: string;
}

/** Calls answered by one subject in one clock hour (the usual volume by hour of week). */
export interface AnomalyHourlyVolumeTable {
  subject_kind: 'grant' | 'device' | 'operator';
  subject_id: string;
  hour_start: string;
  calls: number;
}

export interface AnomaliesTables {
  anomaly_findings: AnomalyFindingTable;
  anomaly_rule_settings: AnomalyRuleSettingTable;
  anomaly_known_addresses: AnomalyKnownAddressTable;
  anomaly_hourly_volume: AnomalyHourlyVolumeTable;
}
