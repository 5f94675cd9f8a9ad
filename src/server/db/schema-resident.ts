/** Table types of the resident's view (issue 13, migration 0023). */

/** One sealed data-call entry (its seq) carrying a resident's keyed NIK hash. */
export interface ResidentAccessIndexTable {
  nik_hash: string;
  seq: number;
}

/** The index's one cursor row (id 1): the last audit seq indexed. */
export interface ResidentIndexCursorTable {
  id: number;
  last_seq: number;
  updated_at: string | null;
}

/** A short-lived session of an identified resident: SHA-256 of its token, scoped to one NIK hash. */
export interface ResidentSessionTable {
  token_hash: string;
  nik_hash: string;
  created_at: string;
  expires_at: string;
}

/** An access a resident did not recognise, passed to the office as a finding. */
export interface ResidentReportTable {
  id: string;
  nik_hash: string;
  audit_entry_id: string;
  institution_id: string;
  /** The resident's words (plain text, bounded). */
  text: string;
  /** The finding opened for it (anomalies/findings.ts), or null when none was returned. */
  finding_id: string | null;
  created_at: string;
}

/** The resident feature's tables. */
export interface ResidentTables {
  resident_access_index: ResidentAccessIndexTable;
  resident_index_cursor: ResidentIndexCursorTable;
  resident_sessions: ResidentSessionTable;
  resident_reports: ResidentReportTable;
}
