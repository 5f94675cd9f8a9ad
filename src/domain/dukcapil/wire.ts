/**
 * The wire format of the Dukcapil-compatible web service: request bodies of CALL_NIK and
 * CALL_VERIFY_BY_ELEMEN, parsed into domain values or into the response code the integrations expect, and
 * the reply envelopes. Institution software was written against Dukcapil's service, so shapes, key names
 * and texts follow it even where a fresh design would differ (TRESHOLD is spelled as Dukcapil spells it).
 */
import { FIELD_SPECS, isFieldName, type FieldName, type ResidentFields } from '../elements/elements.js';
import { isIp } from '../grant/ip.js';
import { nikError } from '../nik/nik.js';
import { thresholdOf } from '../match/verify.js';
import { CODES, RESPON, type ResponseCode } from './codes.js';
import { jsonString } from '../audit/canonical.js';

/** A parsed CALL_NIK request. */
export interface CallNikRequest {
  nik: string;
  userId: string;
  password: string;
  /** The end user's IP as the institution reports it (the socket address is checked separately). */
  ipUser: string;
}

/** A parsed CALL_VERIFY_BY_ELEMEN request. */
export interface VerifyRequest extends CallNikRequest {
  /** 80–100 (match/verify.ts thresholdOf); fuzzy fields match at or above it. */
  threshold: number;
  /** The claimed values by field, in the order sent; never includes NIK or the credential fields. */
  claimed: Partial<Record<FieldName, string>>;
}

/** Either the request or the code to answer with (and the offending field, for logs and the v1 API). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ResponseCode; field: string };

/** The threshold used when the caller sends none (match/verify.ts). */
export { DEFAULT_THRESHOLD } from '../match/verify.js';

type Body = Record<string, unknown>;

function isBody(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const own = (body: Body, key: string) => Object.prototype.hasOwnProperty.call(body, key);

/**
 * A member by name in any letter case. Dukcapil documents user_id for CALL_NIK and USER_ID for verification;
 * clients mix them and write `Nik`, `User_Id`, `Ip_User`, so the exact spellings are tried first (the common
 * case, no scan) and then any key equal to the name ignoring case (the first in the body's order).
 */
export function pick(body: Body, lower: string, upper: string): unknown {
  if (own(body, lower)) return body[lower];
  if (own(body, upper)) return body[upper];
  const want = lower.toLowerCase();
  for (const key in body) if (own(body, key) && key.toLowerCase() === want) return body[key];
  return undefined;
}

function fail<T>(code: ResponseCode, field: string): Parsed<T> {
  return { ok: false, code, field };
}

/** The NIK of a request body, or the code to answer: 07 missing, 08 unreadable, 15 not Dukcapil format. */
export function readNik(value: unknown): { ok: true; nik: string } | { ok: false; code: ResponseCode } {
  if (value === undefined || value === null || value === '') return { ok: false, code: CODES.INCOMPLETE_PARAMETERS };
  let s: string;
  if (typeof value === 'string') s = value.trim();
  // A 16-digit NIK sent as a JSON number can exceed 2^53 and arrive already altered: unprocessable.
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return { ok: false, code: CODES.NIK_UNPROCESSABLE };
    s = String(value);
  } else return { ok: false, code: CODES.NIK_UNPROCESSABLE };
  const err = nikError(s);
  if (err === null) return { ok: true, nik: s };
  // Characters that are not digits cannot be processed at all; digits that do not form a NIK are "not
  // Dukcapil format" (wrong length, unknown province, impossible date, serial 0000).
  return { ok: false, code: err === 'digits' || err === 'type' ? CODES.NIK_UNPROCESSABLE : CODES.NOT_DUKCAPIL_NIK };
}

function readCredentials(body: Body): Parsed<Omit<CallNikRequest, 'nik'>> {
  const raw: [string, unknown][] = [
    ['user_id', pick(body, 'user_id', 'USER_ID')],
    ['password', pick(body, 'password', 'PASSWORD')],
    ['ip_user', pick(body, 'ip_user', 'IP_USER')],
  ];
  // Absent keys are incomplete parameters (07) before present-but-empty values (09).
  for (const [name, v] of raw) if (v === undefined) return fail(CODES.INCOMPLETE_PARAMETERS, name);
  const values: string[] = [];
  for (const [name, v] of raw) {
    if (v === null) return fail(CODES.EMPTY_CREDENTIALS, name);
    if (typeof v !== 'string' && typeof v !== 'number') return fail(CODES.INCOMPLETE_PARAMETERS, name);
    const s = String(v).trim();
    if (s === '') return fail(CODES.EMPTY_CREDENTIALS, name);
    values.push(s);
  }
  const [userId = '', password = '', ipUser = ''] = values;
  if (!isIp(ipUser)) return fail(CODES.INVALID_IP, 'ip_user');
  // The password is kept as sent: trimming would make "secret " and "secret" the same secret.
  const rawPassword = pick(body, 'password', 'PASSWORD');
  return { ok: true, value: { userId, password: typeof rawPassword === 'string' ? rawPassword : password, ipUser } };
}

/** Parses a CALL_NIK body `{ NIK, user_id, password, ip_user }`. */
export function parseCallNikBody(body: unknown): Parsed<CallNikRequest> {
  if (!isBody(body)) return fail(CODES.INCOMPLETE_PARAMETERS, 'body');
  const creds = readCredentials(body);
  if (!creds.ok) return creds;
  const nik = readNik(pick(body, 'NIK', 'nik'));
  if (!nik.ok) return fail(nik.code, 'NIK');
  // An explicit literal, not a spread: V8 built a new hidden class for every spread copy on the hot path.
  const c = creds.value;
  return { ok: true, value: { userId: c.userId, password: c.password, ipUser: c.ipUser, nik: nik.nik } };
}

const NOT_CLAIMS = new Set(['NIK', 'USER_ID', 'PASSWORD', 'IP_USER', 'TRESHOLD', 'THRESHOLD']);

/**
 * Parses a CALL_VERIFY_BY_ELEMEN body `{ USER_ID, PASSWORD, IP_USER, TRESHOLD, NIK, ...claimed }`.
 * Claimed keys are field names (any letter case); unknown keys are ignored; at least one claim is required.
 */
export function parseVerifyBody(body: unknown): Parsed<VerifyRequest> {
  if (!isBody(body)) return fail(CODES.INCOMPLETE_PARAMETERS, 'body');
  const creds = readCredentials(body);
  if (!creds.ok) return creds;
  const nik = readNik(pick(body, 'NIK', 'nik'));
  if (!nik.ok) return fail(nik.code, 'NIK');
  // Absent, null or "" is the default (90); a number or numeric string 0–100 is used (raised to 80); anything
  // else — "abc", true, an object, 150 — is refused with 07, never read as 0.
  const threshold = thresholdOf(pick(body, 'TRESHOLD', 'treshold') ?? pick(body, 'THRESHOLD', 'threshold'), true);
  if (threshold === null) return fail(CODES.INCOMPLETE_PARAMETERS, 'TRESHOLD');
  const claimed: Partial<Record<FieldName, string>> = {};
  let count = 0;
  for (const key of Object.keys(body)) {
    const upper = key.toUpperCase();
    if (NOT_CLAIMS.has(upper) || !isFieldName(upper)) continue;
    const v = body[key];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return fail(CODES.INCOMPLETE_PARAMETERS, key);
    claimed[upper] = String(v);
    count++;
  }
  if (count === 0) return fail(CODES.INCOMPLETE_PARAMETERS, 'elements');
  const c = creds.value;
  return {
    ok: true,
    value: { userId: c.userId, password: c.password, ipUser: c.ipUser, nik: nik.nik, threshold, claimed },
  };
}

/** The reply envelope both endpoints use (a one-page Spring-style page, as Dukcapil returns it). */
export interface Envelope<T> {
  content: T[];
  lastPage: boolean;
  numberOfElements: number;
  sort: null;
  totalElements: number;
  firstPage: boolean;
  number: number;
  size: number;
}

/** The body of a refusal or a not-found answer: the code and Dukcapil's RESPON text. */
export interface ResponRow {
  RESPONSE_CODE: ResponseCode;
  RESPON: string;
}

/** Daily quota counter added to the verification envelope; limit null means unlimited. */
export interface QuotaCounter {
  limit: number | null;
  used: number;
  remaining: number | null;
}

/**
 * `quotaLimiter` when the grant has no daily quota: the largest 32-bit integer, so clients that read the member
 * into an `int` (Go, Java) parse it and clients that stop at 0 go on.
 */
export const UNLIMITED_QUOTA_LIMITER = 2_147_483_647;

/** The verification reply: per-field verdicts plus the quota counter. */
export interface VerifyEnvelope extends Envelope<Record<string, string>> {
  /**
   * What Dukcapil's reply carries and integrations read (`QuotaLimiter int \`json:"quotaLimiter"\``): the calls
   * left today after this one, an integer (UNLIMITED_QUOTA_LIMITER without a daily quota).
   */
  quotaLimiter: number;
  quota: QuotaCounter;
}

function page<T>(content: T[]): Envelope<T> {
  const n = content.length;
  return {
    content,
    lastPage: true,
    numberOfElements: n,
    sort: null,
    totalElements: n,
    firstPage: true,
    number: 0,
    size: n,
  };
}

// Dukcapil prints dates DD-MM-YYYY; the registry stores YYYY-MM-DD.
function toDukcapilDate(iso: string): string {
  return iso.length === 10 && iso.charCodeAt(4) === 45
    ? iso.slice(8, 10) + '-' + iso.slice(5, 7) + '-' + iso.slice(0, 4)
    : iso;
}

/** CALL_NIK reply for a found person: the projected (granted) fields, dates as DD-MM-YYYY. */
export function callNikEnvelope(projected: Readonly<Partial<ResidentFields>>): Envelope<Partial<ResidentFields>> {
  const row: Partial<ResidentFields> = {};
  for (const key in projected) {
    if (!isFieldName(key)) continue;
    const v = projected[key] ?? '';
    row[key] = FIELD_SPECS[key].kind === 'date' ? toDukcapilDate(v) : v;
  }
  return page([row]);
}

/** Per granted field list: the JSON text before each value (`{"NIK":`, `,"NAMA_LGKP":` …) and which are dates. */
const ROW_LAYOUTS = new WeakMap<readonly FieldName[], { prefixes: string[]; dates: boolean[] }>();

/**
 * The JSON of callNikEnvelope's row for the values of `fields` as read (a raw row: values in the order of
 * `fields`, absent ones empty), written without building the row (the hot path's answer): the same keys in the
 * same order, the same values, the bytes JSON.stringify gives.
 */
export function grantedRowJson(fields: readonly FieldName[], values: readonly (string | number)[]): string {
  let layout = ROW_LAYOUTS.get(fields);
  if (!layout) {
    // Field names are the catalogue's upper-case identifiers: nothing to escape.
    layout = {
      prefixes: fields.map((f, i) => (i ? ',"' : '"') + f + '":'),
      dates: fields.map((f) => FIELD_SPECS[f].kind === 'date'),
    };
    ROW_LAYOUTS.set(fields, layout);
  }
  const { prefixes, dates } = layout;
  let s = '{';
  for (let i = 0; i < prefixes.length; i++) {
    const v = String(values[i] ?? '');
    s += (prefixes[i] as string) + jsonString(dates[i] ? toDukcapilDate(v) : v); // i < prefixes.length
  }
  return s + '}';
}

/**
 * The reply for every non-01 outcome (refusals, not found, deceased, inactive, multiple): no personal data,
 * only the code and its RESPON in content[0], as integrations read it.
 */
export function responEnvelope(code: ResponseCode): Envelope<ResponRow> {
  return page([{ RESPONSE_CODE: code, RESPON: RESPON[code].id }]);
}

/** CALL_VERIFY_BY_ELEMEN reply: one row with a verdict per sent field, and the quota counter after this call. */
export function verifyEnvelope(
  verdicts: Readonly<Record<string, string>>,
  quota: { limit: number | null; used: number },
): VerifyEnvelope {
  const remaining = quota.limit === null ? null : Math.max(0, quota.limit - quota.used);
  return {
    ...page([{ ...verdicts }]),
    quotaLimiter: remaining ?? UNLIMITED_QUOTA_LIMITER,
    quota: { limit: quota.limit, used: quota.used, remaining },
  };
}

/**
 * The code for what a NIK lookup found: 13 nothing, 12 several records, 11 deceased, 14 inactive, 01 found.
 * Deceased wins over inactive because a death registration usually deactivates the record too, and 11 is
 * the more useful answer to a bank or insurer.
 */
export function lookupCode(records: readonly { alive: boolean; active: boolean }[]): ResponseCode {
  const [only] = records;
  if (!only) return CODES.NOT_FOUND;
  if (records.length > 1) return CODES.MULTIPLE_RECORDS;
  if (!only.alive) return CODES.DECEASED;
  if (!only.active) return CODES.INACTIVE_RECORD;
  return CODES.FOUND;
}
