import type { FieldName } from '../../domain/elements/elements.js';
import type { GrantChangeAction, PksChange } from '../../domain/grant/follow.js';

/** Table types of the data-access side (warehouse, provisioning, gateway, audit). */

/** One resident of the warehouse: a column per catalogue field (lower-case field name), plus life and record status. */
export type ResidentTable = { [F in FieldName as Lowercase<F>]: string } & {
  /** 1 alive, 0 deceased (answers 11). */
  alive: 0 | 1;
  /** 1 active record, 0 deactivated (answers 14). */
  active: 0 | 1;
};

/**
 * A grant: what one credential (web service), card-reader registration or web-portal registration of an
 * institution may do, compiled from the PKS version it rests on. `compiled` is the JSON of the domain Grant.
 */
export interface AccessGrantTable {
  id: string;
  agreement_id: string;
  institution_id: string;
  office_id: string;
  kind: 'web_service' | 'card_reader' | 'web_portal';
  environment: 'trial' | 'production';
  label: string;
  /** Dukcapil customer id (web service), the path segment of /dukcapil/get_json/{customerId}. */
  customer_id: string | null;
  /** Login of a web-service credential; unique across the deployment (the v1 API has no customer id). */
  user_id: string | null;
  /** SHA-256 (hex) of the high-entropy secret; the secret itself is shown once. */
  secret_hash: string | null;
  /** When the secret stops working (ISO), or null. */
  secret_expires_at: string | null;
  elements: string;
  ip_allow: string;
  hours: string | null;
  daily_quota: number | null;
  status: 'active' | 'suspended' | 'revoked';
  status_reason: string | null;
  pks_version_hash: string;
  compiled: string;
  trial_result: 'passed' | 'failed' | null;
  trial_note: string | null;
  trial_recorded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A card-reader device registered to an institution under a card_reader grant. */
export interface AccessDeviceTable {
  id: string;
  grant_id: string;
  institution_id: string;
  serial: string;
  pcid: string;
  /** Ed25519 public key (SPKI PEM) the device signs reads with. */
  public_key: string;
  /** suspended: by the anomaly detector, until a reviewer resumes or revokes it. */
  status: 'active' | 'suspended' | 'revoked';
  created_by: string | null;
  created_at: string;
}

/** A web-portal operator: an institution user allowed to use the portal under a web_portal grant. */
export interface AccessOperatorTable {
  id: string;
  grant_id: string;
  user_id: string;
  /** suspended: by the anomaly detector, until a reviewer resumes or revokes it. */
  status: 'active' | 'suspended' | 'revoked';
  created_by: string | null;
  created_at: string;
}

/** Nonces a device has used (replay refusal); kept past the freshness window. */
export interface AccessNonceTable {
  device_id: string;
  nonce: string;
  at: string;
}

/** What a change of the PKS in force did to a grant (migration 0009); `detail` is JSON (GrantChangeDetail). */
export interface AccessGrantChangeTable {
  id: string;
  grant_id: string;
  at: string;
  /** The PKS change: version_in_force, renewed, terminated, expired, in_force. */
  cause: PksChange;
  /** recompiled or revoked. */
  action: GrantChangeAction;
  detail: string;
}

/** Calls counted per grant per office-local day (the daily quota), written with the audit group commit. */
export interface AccessUsageTable {
  grant_id: string;
  day: string;
  count: number;
}

/** Verifications of one NIK (keyed hash) by one grant on one office-local day: the per-NIK verification cap. */
export interface AccessVerifyCapTable {
  grant_id: string;
  nik_hash: string;
  day: string;
  count: number;
}

/** One audit entry; `seq` is its position, the hashed content is everything else (see domain/audit). */
export interface AuditEntryTable {
  seq: number;
  id: string;
  time: string;
  action: string;
  actor_kind: 'credential' | 'device' | 'operator' | 'user' | 'system';
  actor_id: string;
  operator_id: string | null;
  institution_id: string | null;
  pks_id: string | null;
  pks_version_hash: string | null;
  /** JSON array of element codes or field names. */
  elements: string;
  result_code: string;
  client_ip: string | null;
  nik_hash: string | null;
  /** JSON object or null. */
  detail: string | null;
}

/** A sealed batch of consecutive audit entries. */
export interface AuditBatchTable {
  batch_seq: number;
  first_seq: number;
  last_seq: number;
  /** JSON array of the entries' hashes (the Merkle leaves). */
  entry_hashes: string;
  merkle_root: string;
  prev_batch_hash: string;
  sealed_at: string;
  key_id: string;
  batch_hash: string;
  signature: string;
}

/** Public keys of the audit signing keys (the private key stays in DATA_DIR). */
export interface AuditKeyTable {
  key_id: string;
  public_key: string;
  created_at: string;
}

/** A signed tree head over the first tree_size audit entries, written with the batch that ends there. */
export interface AuditHeadTable {
  tree_size: number;
  batch_seq: number;
  root_hash: string;
  timestamp: string;
  key_id: string;
  signature: string;
  /** JSON array of hex hashes: the compact range of the first tree_size leaves (domain/audit/merkle.ts). */
  frontier: string;
}

/** A decision entry committed with its decision, waiting to be sealed into the signed log (audit-log.ts). */
export interface AuditPendingTable {
  id: string;
  /** The entry as JSON (AuditEntry without seq). */
  entry: string;
  created_at: string;
}

/** The data-access tables. */
export interface AccessTables {
  residents: ResidentTable;
  residents_sandbox: ResidentTable;
  access_grants: AccessGrantTable;
  access_devices: AccessDeviceTable;
  access_operators: AccessOperatorTable;
  access_nonces: AccessNonceTable;
  access_usage: AccessUsageTable;
  access_grant_changes: AccessGrantChangeTable;
  access_verify_caps: AccessVerifyCapTable;
  audit_entries: AuditEntryTable;
  audit_batches: AuditBatchTable;
  audit_keys: AuditKeyTable;
  audit_heads: AuditHeadTable;
  audit_pending: AuditPendingTable;
}
