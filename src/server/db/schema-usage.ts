/** Table types of the usage ledger (issue 12, migration 0017): data calls folded from the audit log. */

/** Calls per office-local day, institution, PKS, grant, channel, result code and actor. */
export interface UsageCallTable {
  /** The institution's office-local date, YYYY-MM-DD. */
  day: string;
  institution_id: string;
  /** The PKS (agreement) the call ran under, or ''. */
  agreement_id: string;
  /** The grant, or '' when the entry names none. */
  grant_id: string;
  /** web_service, v1, card_reader, web_portal (domain/audit/actions.ts). */
  channel: string;
  /** The Dukcapil result code, or the refusal reason of a refusal without one. */
  result_code: string;
  /** credential, device or operator. */
  actor_kind: string;
  /** The credential (grant) id, device id or operator's user id. */
  actor_id: string;
  count: number;
}

/** Elements disclosed (answered calls only) per day, institution, PKS, grant, channel, actor and element. */
export interface UsageElementTable {
  day: string;
  institution_id: string;
  agreement_id: string;
  grant_id: string;
  channel: string;
  actor_kind: string;
  actor_id: string;
  /** Element code (domain/elements). */
  element: string;
  count: number;
}

/** The ledger's one cursor row (id 1): the last audit seq folded. */
export interface UsageCursorTable {
  id: number;
  last_seq: number;
  /** Time of the newest audit entry folded (ISO UTC), or null. */
  as_of: string | null;
  updated_at: string | null;
}

/** The usage feature's tables. */
export interface UsageTables {
  usage_calls: UsageCallTable;
  usage_elements: UsageElementTable;
  usage_cursor: UsageCursorTable;
}
