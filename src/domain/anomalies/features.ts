/**
 * What the anomaly rules read from a sealed audit entry, without a NIK in clear anywhere. The gateway's one
 * audit-entry builder (callEntry) adds two features to a data call's detail: `nikBlock`, a keyed hash of the NIK's
 * first 12 digits (region of first registration and birth date: an enumeration walks the last four, so its NIKs
 * share a block), and `nikArea`, the NIK's 4-digit kabupaten/kota code (for "outside the service area"). The NIK's
 * own keyed hash is already on the entry (`nik_hash`).
 */
import { createHmac } from 'node:crypto';
import { channelOf, LOGIN_REFUSAL_CODES, type DataChannel } from '../audit/actions.js';

/**
 * The keyed hash of a NIK's first 12 digits, under the NIK hasher's key: base64url and 16 characters (96 bits),
 * so that it never holds a run of 16 digits the audit log would take for a NIK in clear (hex could, by chance).
 */
export function nikBlockHasher(key: string | Buffer): (nik: string) => string {
  const k = Buffer.from(key);
  return (nik) => createHmac('sha256', k).update(nik.slice(0, 12)).digest('base64url').slice(0, 16);
}

/** The NIK's kabupaten/kota code (its first four digits), e.g. "1305". */
export function nikArea(nik: string): string {
  return nik.slice(0, 4);
}

/** An office's service area as a NIK prefix: "13.05" → "1305", "13" → "13"; pusat ("00") has none. */
export function areaPrefixOf(officeCode: string): string | null {
  const p = officeCode.replace(/\D/g, '');
  return p === '' || /^0+$/.test(p) ? null : p;
}

/** What a finding acts on. */
export interface SubjectRef {
  kind: 'grant' | 'device' | 'operator';
  /** The grant (credential) id, the device id, or the operator's user id. */
  id: string;
}

/** One sealed audit entry as the rules see it. */
export interface DetectorEvent {
  seq: number;
  /** Epoch ms of the entry. */
  time: number;
  action: string;
  /** The data channel, or null for anything else (the login throttle's signal, decisions). */
  channel: DataChannel | null;
  subject: SubjectRef | null;
  institutionId: string | null;
  resultCode: string;
  reason: string | null;
  clientIp: string | null;
  nikHash: string | null;
  nikBlock: string | null;
  nikArea: string | null;
  verify: boolean;
  /** Failed logins this entry stands for: 1 for a failed login, the attempts refused unchecked for the throttle. */
  failures: number;
  grantId: string | null;
}

/** The stored columns an event is read from (audit_entries). */
export interface EntryColumns {
  seq: number;
  time: string;
  action: string;
  actor_kind: string;
  actor_id: string;
  institution_id: string | null;
  result_code: string;
  client_ip: string | null;
  nik_hash: string | null;
  detail: string | null;
}

const VERIFY_ACTIONS = new Set(['CALL_VERIFY_BY_ELEMEN', 'v1.verify']);
const THROTTLED = 'credential.throttled';

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function subjectOf(kind: string, id: string): SubjectRef | null {
  if (id.startsWith('unknown:')) return null;
  if (kind === 'credential') return { kind: 'grant', id };
  if (kind === 'device') return { kind: 'device', id };
  if (kind === 'operator') return { kind: 'operator', id };
  return null;
}

/** The event of a stored entry, or null when no rule reads it (decisions, unattributed calls). */
export function eventOf(row: EntryColumns): DetectorEvent | null {
  const channel = channelOf(row.action);
  if (!channel && row.action !== THROTTLED) return null;
  const subject = subjectOf(row.actor_kind, row.actor_id);
  if (!subject) return null;
  let detail: Record<string, unknown> = {};
  if (row.detail) {
    try {
      detail = JSON.parse(row.detail) as Record<string, unknown>;
    } catch {
      detail = {};
    }
  }
  let failures = 0;
  if (row.action === THROTTLED) {
    const refused = detail.refused;
    failures = typeof refused === 'number' && refused > 0 ? refused : 1;
  } else if (row.result_code === '03') failures = 1;
  return {
    seq: Number(row.seq),
    time: Date.parse(row.time),
    action: row.action,
    channel,
    subject,
    institutionId: row.institution_id,
    resultCode: row.result_code,
    reason: str(detail.reason),
    clientIp: row.client_ip,
    nikHash: row.nik_hash,
    nikBlock: str(detail.nikBlock),
    nikArea: str(detail.nikArea),
    verify: VERIFY_ACTIONS.has(row.action),
    failures,
    grantId: str(detail.grantId),
  };
}

/** Answered lookups (the person found, not found, deceased, inactive). */
const ANSWERED = new Set(['01', '11', '13', '14']);
/** Answers that say the NIK leads nowhere: not found, unprocessable, not a Dukcapil NIK. */
const NOT_FOUND = new Set(['13', '08', '15']);
/** Refusals that do not say anything about the caller's behaviour: its login, the throttle, its own suspension. */
const NOT_BEHAVIOUR = new Set(['03', '19', '16', '17']);

/** Refusal reasons of the caller's status (a suspended device or operator reads as unknown or without access). */
const STATUS_REASONS = new Set(['device_unknown', 'no_portal_access', 'grant_suspended', 'grant_revoked']);

/** Whether the call was answered (it passed login and every check). */
export function isAnswered(e: DetectorEvent): boolean {
  return e.channel !== null && ANSWERED.has(e.resultCode);
}

/** Whether the call says its NIK leads nowhere (counted by the enumeration rule). */
export function isNotFound(e: DetectorEvent): boolean {
  return e.channel !== null && NOT_FOUND.has(e.resultCode);
}

/** Whether the call passed the login (anything but a failed or throttled login). */
export function passedLogin(e: DetectorEvent): boolean {
  return e.channel !== null && !LOGIN_REFUSAL_CODES.includes(e.resultCode);
}

/** A refusal of the caller's behaviour (address, hours, quota, scope, parameters …), not of its login or status. */
export function isBehaviourRefusal(e: DetectorEvent): boolean {
  if (e.channel === null || ANSWERED.has(e.resultCode) || NOT_FOUND.has(e.resultCode)) return false;
  if (NOT_BEHAVIOUR.has(e.resultCode)) return false;
  // Status refusals without a Dukcapil code (a suspended device or operator): not the caller's behaviour either.
  return !STATUS_REASONS.has(e.reason ?? '');
}
