/** Table types of the data balikan feature (issue 12; migration 0019). */

/** One delivery of data balikan against a duty of a PKS, for one period. */
export interface DataBalikanDeliveryTable {
  id: string;
  agreement_id: string;
  institution_id: string;
  office_id: string;
  /** A kind code of domain/balikan/kinds.ts. */
  kind: string;
  frequency: 'monthly' | 'quarterly' | 'semester';
  /** `2026-11`, `2026-Q4` or `2026-2`. */
  period: string;
  period_start: string;
  period_end: string;
  channel: 'web' | 'v1';
  /** The user (web) or the web-service credential's grant (v1) that submitted it. */
  submitted_by: string;
  submitted_at: string;
  filename: string;
  file_sha256: string;
  total_rows: number;
  good_rows: number;
  bad_rows: number;
  /** The earlier delivery of the same period this one corrects. */
  supersedes_id: string | null;
  /** The later delivery that corrects this one. */
  superseded_by: string | null;
}

/** A good row of a delivery: its NIK and its values by column (JSON). */
export interface DataBalikanRowTable {
  delivery_id: string;
  line: number;
  nik: string;
  data: string;
}

/** A bad row of a delivery: its line, the NIK masked, and its problems (JSON list of field, code, message). */
export interface DataBalikanBadRowTable {
  delivery_id: string;
  line: number;
  nik_masked: string | null;
  problems: string;
}

/** The feature's tables, joined into DB in schema.ts. */
export interface BalikanTables {
  data_balikan_deliveries: DataBalikanDeliveryTable;
  data_balikan_rows: DataBalikanRowTable;
  data_balikan_bad_rows: DataBalikanBadRowTable;
}
