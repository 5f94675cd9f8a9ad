/**
 * The one data-call pipeline of every channel — the Dukcapil-compatible service, the v1 API, the card reader and
 * the web portal:
 *
 *   principal → grant → checks → read → project (or verify) → audit entry durable → answer.
 *
 * A channel's route parses its request, resolves its principal (a web-service credential here; a device in
 * reader/, an operator in portal/) and calls `serve`; every outcome, allowed or refused — unreadable body, missing
 * credentials, bad NIK, unknown field, failed login, failing checks, the verification cap — goes through the one
 * audit-entry builder (`callEntry`) before the caller gets it. A refusal is attributed to the credential, device
 * or operator the caller named, and its institution, whenever that exists; the caller's answer is the same either
 * way. The path stays synchronous while the grant, the day's usage and the warehouse answer from memory: anything
 * that must be loaded is a promise (`Maybe<T>`), awaited only then.
 */
import crypto from 'node:crypto';
import type { AuditActor } from '../../../../domain/audit/audit.js';
import { CODES, type ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { lookupCode } from '../../../../domain/dukcapil/wire.js';
import { elementsOfFields, type FieldName, type ResidentFields } from '../../../../domain/elements/elements.js';
import {
  checkRequest,
  checkVerifyCap,
  project,
  quotaDay,
  type AccessMethod,
  type Operation,
} from '../../../../domain/grant/grant.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import { DEFAULT_THRESHOLD, verifyFields, type FieldVerdict } from '../../../../domain/match/verify.js';
import { safeText, type ChargedCall, type CountedCall } from '../audit/audit-log.js';
import { billingMethodOf, isBillable } from '../../../../domain/billing/tariffs.js';
import type { Account } from '../runtime/balance.js';
import { fieldsOfRow, rawStatus, type RawResident } from '../population/population.repository.js';
import { secretMatches, type AccessRuntime, type LiveGrant } from '../runtime.js';
import { countVerification, pruneVerifyCaps } from './verify-caps.repository.js';

/** A value, or its promise when it had to be loaded (the request path stays synchronous while caches are warm). */
export type Maybe<T> = T | Promise<T>;

/** Why a call was refused: a Dukcapil code when the refusal has one (device refusals have none), and a reason. */
export interface Refusal {
  code: ResponseCode | null;
  reason: string;
  /**
   * Failed logins of this user id or address are throttled (credential-guard.ts): the secret was not checked,
   * the attempt gets no audit entry of its own (the guard records the throttle), and it may retry after this.
   */
  retryAfterMs?: number;
}

/** Who calls, as the channel resolved it. */
export interface Principal {
  /** Who is recorded: the credential, device or operator — `unknown:<name>` only when nothing by that name exists. */
  actor: AuditActor;
  institutionId: string | null;
  /** The grant the principal proved it may use; null when refused. */
  grant: LiveGrant | null;
  /** The grant it named (attribution of a refusal: its PKS and environment); equals grant when proven. */
  named: LiveGrant | null;
  /** Set when the principal did not prove itself (login failed, device unknown, no portal grant …). */
  refusal: Refusal | null;
}

/** One data call as a channel hands it to the pipeline. */
export interface GatewayCall {
  /** Audit action (stable): CALL_NIK, CALL_VERIFY_BY_ELEMEN, v1.lookup, v1.verify, reader.read, PORTAL_LOOKUP. */
  action: string;
  method: AccessMethod;
  operation: Operation;
  /** clientIpOf(request, method): the only source of the address the allow-list is checked against. */
  clientIp: string;
  /** The NIK, when the request carried a valid one. */
  nik: string | null;
  /** A refusal found while parsing the request: recorded against the principal; checks and read are skipped. */
  refused?: Refusal | null;
  /** Verification: claimed values by field, and the threshold (thresholdOf). */
  claimed?: Partial<Record<FieldName, string>>;
  threshold?: number;
  /** The end user's IP as the institution reports it (recorded, not trusted). */
  ipUser?: string;
  /** The instant the channel resolved the principal at (epoch ms); default: the clock now. */
  now?: number;
  /** Channel facts for the record (customer id, fingerprint match …): strings, numbers, booleans. */
  extra?: Readonly<Record<string, string | number | boolean | null>>;
  /** Set by the pipeline when the checks passed: the quota counter the call's audit entry adds one to. */
  counted?: CountedCall;
  /** Set by the pipeline for a chargeable grant: the PNBP tariff reserved from the balance (runtime/balance.ts). */
  charge?: ChargedCall;
  /** A lookup whose channel encodes the answer from the row as read (CALL_NIK): the outcome has `row`, not `fields`. */
  rowOnly?: boolean;
}

/** What a call produced. */
export interface CallOutcome {
  /** The Dukcapil code, or null for a refusal without one (device refusals: see reason). */
  code: ResponseCode | null;
  /** ok, lookup (not found, deceased, inactive), or why it was refused (a RefusalReason, login_failed, …). */
  reason: string;
  grant: LiveGrant | null;
  /** Granted fields of the person (lookup, code 01 only). */
  fields?: Partial<ResidentFields>;
  /** With `rowOnly`, instead of `fields`: the grant's fields and the person's values of them, in that order. */
  row?: { fields: readonly FieldName[]; values: RawResident };
  /** Per-field verdicts (verification, code 01 only): match or not, never a score. */
  verdicts?: FieldVerdict[];
  quota?: { limit: number | null; used: number };
  /** The audit entry's id ('' for an attempt refused by the login throttle, which has none of its own). */
  auditId: string;
  /** Set when the login throttle refused the call: how long the caller must wait (ms). */
  retryAfterMs?: number;
}

function ipForAudit(ip: string): string | null {
  if (!ip) return null;
  return canonicalIp(ip) ?? safeText(ip, 64);
}

/** The actor of a name that matches nothing: the name as sent, made safe to record. */
function unknownActor(kind: AuditActor['kind'], name: unknown): AuditActor {
  return { kind, id: `unknown:${safeText(name, 64)}` };
}

// One principal per live grant object: the hot path allocates none (a reloaded grant is a new object).
const proven = new WeakMap<LiveGrant, Principal>();

/** The principal of a proven grant (a credential, a device's or an operator's grant when `actor` is given). */
export function grantPrincipal(g: LiveGrant, actor?: AuditActor): Principal {
  if (actor) return { actor, institutionId: g.institutionId, grant: g, named: g, refusal: null };
  let p = proven.get(g);
  if (!p) {
    p = { actor: { kind: 'credential', id: g.id }, institutionId: g.institutionId, grant: g, named: g, refusal: null };
    proven.set(g, p);
  }
  return p;
}

/** A refused principal: the actor and institution it named (when they exist), and why. */
export function refusedPrincipal(
  actor: AuditActor,
  institutionId: string | null,
  named: LiveGrant | null,
  refusal: Refusal,
): Principal {
  return { actor, institutionId, grant: null, named, refusal };
}

const LOGIN_FAILED: Refusal = Object.freeze({ code: CODES.LOGIN_FAILED, reason: 'login_failed' });

/** The refusal reason of an attempt the login throttle refused unchecked. */
export const LOGIN_THROTTLED = 'login_throttled';

// Checked when the user id names no web-service credential: every failed login hashes the secret once, so an
// unknown user id costs what a known one with a wrong secret does (no user-id oracle by timing).
const DUMMY_SECRET_HASH = crypto.hash('sha256', crypto.randomBytes(32), 'buffer');

function loginOf(g: LiveGrant | null, password: string, customerId: string | undefined, now: number): boolean {
  const web = g && g.kind === 'web_service' ? g : null;
  const matches = secretMatches(web?.secretHash ?? DUMMY_SECRET_HASH, password);
  if (!web || !matches) return false;
  if (customerId !== undefined && web.customerId !== customerId) return false;
  return now < web.secretExpiresMs;
}

function credentialOutcome(
  rt: AccessRuntime,
  g: LiveGrant | null,
  userId: string,
  password: string,
  customerId: string | undefined,
  now: number,
  clientIp: string,
): Principal {
  const guard = rt.credentialGuard;
  // The successful call's path: one size check while no failure is held anywhere.
  if (!guard.idle) {
    const named = g && g.kind === 'web_service' ? g : null;
    const wait = guard.waitOf(userId, clientIp, named, now);
    if (wait > 0)
      return namedOrUnknown(g, userId, { code: CODES.LOGIN_THROTTLED, reason: LOGIN_THROTTLED, retryAfterMs: wait });
  }
  if (loginOf(g, password, customerId, now) && g) return grantPrincipal(g);
  guard.failed(userId, clientIp, g && g.kind === 'web_service' ? g : null, now);
  return namedOrUnknown(g, userId, LOGIN_FAILED);
}

function namedOrUnknown(g: LiveGrant | null, userId: unknown, refusal: Refusal): Principal {
  const named = g && g.kind === 'web_service' ? g : null;
  return named
    ? refusedPrincipal({ kind: 'credential', id: named.id }, named.institutionId, named, refusal)
    : refusedPrincipal(unknownActor('credential', userId), null, null, refusal);
}

/**
 * The principal of a web-service call: the credential's grant when user id, secret (and customer id, on the
 * compatible endpoints) are right and the secret has not expired; otherwise refused with 03, attributed to the
 * credential the user id names when there is one — or with 19, unchecked, while failed logins of the user id or
 * of `clientIp` are throttled (credential-guard.ts). Synchronous while the grant is cached.
 */
export function credentialPrincipal(
  rt: AccessRuntime,
  userId: string,
  password: string,
  customerId: string | undefined,
  now: number,
  clientIp: string,
): Maybe<Principal> {
  const g = rt.cachedByUser(userId);
  if (g === undefined)
    return rt
      .loadByUser(userId)
      .then((loaded) => credentialOutcome(rt, loaded, userId, password, customerId, now, clientIp));
  return credentialOutcome(rt, g, userId, password, customerId, now, clientIp);
}

/**
 * The principal of a web-service request refused before its credentials could be checked (unreadable body,
 * missing field, bad NIK …): the credential the user id names, loaded first, so its office sees the refusal.
 */
export function namedPrincipal(rt: AccessRuntime, userId: unknown, refusal: Refusal): Maybe<Principal> {
  if (typeof userId !== 'string' && typeof userId !== 'number')
    return refusedPrincipal(unknownActor('credential', userId), null, null, refusal);
  const name = String(userId).trim();
  if (name === '' || name.length > 200) return refusedPrincipal(unknownActor('credential', name), null, null, refusal);
  const g = rt.cachedByUser(name);
  if (g === undefined) return rt.loadByUser(name).then((loaded) => namedOrUnknown(loaded, name, refusal));
  return namedOrUnknown(g, name, refusal);
}

/**
 * The principal of a web-service request refused before its credentials were checked (unreadable body, missing
 * field, no credentials …), as namedPrincipal, but counted by the login throttle (credential-guard.ts) like a
 * failed login — per client address, and per user id when it comes from outside the named credential's
 * allow-list — so that a burst of such requests in a credential's name is refused with 19 (429 on v1) without an
 * audit entry each. Not counted when the request carries the named credential's right secret (its owner's
 * mistake is answered and recorded, never throttled). A request without a usable user id counts against its
 * address only. Only refusal paths call this: the successful call's path is unchanged.
 */
export function guardedPrincipal(
  rt: AccessRuntime,
  userId: unknown,
  password: unknown,
  customerId: string | undefined,
  refusal: Refusal,
  clientIp: string,
  now: number,
): Maybe<Principal> {
  let name: string | null = null;
  if (typeof userId === 'string' || typeof userId === 'number') {
    const n = String(userId).trim();
    if (n !== '' && n.length <= 200) name = n;
  }
  if (name === null) return guardedOutcome(rt, null, null, userId, password, customerId, refusal, clientIp, now);
  const g = rt.cachedByUser(name);
  if (g === undefined)
    return rt
      .loadByUser(name)
      .then((loaded) => guardedOutcome(rt, loaded, name, userId, password, customerId, refusal, clientIp, now));
  return guardedOutcome(rt, g, name, userId, password, customerId, refusal, clientIp, now);
}

function guardedOutcome(
  rt: AccessRuntime,
  g: LiveGrant | null,
  name: string | null,
  userId: unknown,
  password: unknown,
  customerId: string | undefined,
  refusal: Refusal,
  clientIp: string,
  now: number,
): Principal {
  const guard = rt.credentialGuard;
  const named = g && g.kind === 'web_service' ? g : null;
  const principalOf = (r: Refusal) =>
    name === null ? refusedPrincipal(unknownActor('credential', userId), null, null, r) : namedOrUnknown(g, name, r);
  if (!guard.idle) {
    const wait = guard.waitOf(name, clientIp, named, now);
    if (wait > 0) return principalOf({ code: CODES.LOGIN_THROTTLED, reason: LOGIN_THROTTLED, retryAfterMs: wait });
  }
  const owner = named !== null && typeof password === 'string' && loginOf(named, password, customerId, now);
  if (!owner) guard.failed(name, clientIp, named, now);
  return principalOf(refusal);
}

/**
 * Runs the checks of a granted call, reserves its PNBP tariff (a chargeable grant) and counts it against the
 * day's quota; returns null when allowed or the refusal. Synchronous while the day's usage counter and the
 * institution's balance are loaded.
 */
function admit(rt: AccessRuntime, g: LiveGrant, call: GatewayCall, now: number): Maybe<Refusal | null> {
  if (!g.pksInForce) return PKS_NOT_IN_FORCE;
  const used = rt.usedToday(g, now);
  if (used === undefined) return rt.loadUsage(g, now).then((loaded) => withBalance(rt, g, call, now, loaded));
  return withBalance(rt, g, call, now, used);
}

/** A chargeable grant's calls decide with the institution's held balance (loaded at its first billable call). */
function withBalance(rt: AccessRuntime, g: LiveGrant, call: GatewayCall, now: number, used: number) {
  if (!g.chargeable) return decide(rt, g, call, now, used, null);
  const account = rt.balances.ready(g.institutionId);
  if (account === undefined)
    return rt.balances
      .load(g.institutionId)
      .then((loaded) => decide(rt, g, call, now, rt.usedToday(g, now) ?? used, loaded));
  return decide(rt, g, call, now, used, account);
}

const PKS_NOT_IN_FORCE: Refusal = Object.freeze({ code: CODES.INSTITUTION_INACTIVE, reason: 'pks_not_in_force' });
const BALANCE_EXHAUSTED: Refusal = Object.freeze({ code: CODES.BALANCE_EXHAUSTED, reason: 'balance_exhausted' });

function requestedFieldsOf(call: GatewayCall): FieldName[] | undefined {
  return call.claimed ? (Object.keys(call.claimed) as FieldName[]) : undefined;
}

/**
 * The grant's checks with the day's usage known; then the balance (a chargeable grant: the call's tariff is
 * reserved, or refused 20 when the balance cannot cover it — not counted against the quota); counts the call.
 */
function decide(
  rt: AccessRuntime,
  g: LiveGrant,
  call: GatewayCall,
  now: number,
  used: number,
  account: Account | null,
): Refusal | null {
  const check = checkRequest(g.compiled, {
    now,
    ip: call.clientIp,
    usedToday: used,
    method: call.method,
    operation: call.operation,
    requestedFields: call.claimed ? Object.keys(call.claimed) : undefined,
    institutionActive: g.institutionActive,
  });
  if (!check.ok) return check;
  if (account) {
    const method = billingMethodOf(call.method, call.extra?.fingerprintMatch === true);
    const charge = rt.balances.reserve(account, g, method, now);
    if (charge === null) return BALANCE_EXHAUSTED;
    if (charge) call.charge = charge;
  }
  call.counted = rt.countCall(g);
  return null;
}

let lastCapPrune = 0;

/** Counts a verification of the NIK by the grant today (durably) and refuses beyond the per-NIK cap. */
async function verifyCap(rt: AccessRuntime, g: LiveGrant, nikHash: string, now: number): Promise<Refusal | null> {
  const count = await countVerification(rt.db, g.id, nikHash, quotaDay(g.compiled, now));
  if (now - lastCapPrune > 3_600_000) {
    lastCapPrune = now;
    const before = new Date(now - 2 * 86_400_000).toISOString().slice(0, 10);
    void pruneVerifyCaps(rt.db, before).catch(() => undefined);
  }
  return checkVerifyCap(count);
}

/**
 * Reads a person's values of `fields` from the grant's environment's population: the answer code, and the raw
 * row when found. Synchronous on SQLite.
 */
function readResident(
  rt: AccessRuntime,
  g: LiveGrant,
  nik: string,
  fields: readonly FieldName[],
): Maybe<{ code: ResponseCode; row: RawResident | undefined }> {
  const row = rt.reader.get(g.environment === 'trial' ? 'sandbox' : 'production', nik, fields);
  return row instanceof Promise ? row.then(lookupOutcome) : lookupOutcome(row);
}

function lookupOutcome(row: RawResident | undefined): { code: ResponseCode; row: RawResident | undefined } {
  return { code: lookupCode(row ? [rawStatus(row)] : []), row };
}

/** What the pipeline decided, before it is recorded. */
interface Decided {
  code: ResponseCode | null;
  reason: string;
  fields?: Partial<ResidentFields>;
  row?: CallOutcome['row'];
  verdicts?: FieldVerdict[];
  /** Elements disclosed or asked for. */
  elements: readonly string[];
}

/**
 * The one audit-entry builder of a data call, on every channel and for every outcome: who (credential, device
 * or operator, and its institution), the grant's PKS and version, what was asked or disclosed, the result code
 * (or the reason, for a refusal without one), the client address, the NIK's keyed hash, and the reason.
 */
function callEntry(
  rt: AccessRuntime,
  call: GatewayCall,
  p: Principal,
  d: Decided,
  now: number,
  nikHash: string | null,
) {
  const g = p.named;
  const detail: Record<string, string | number | boolean | null> = call.extra
    ? {
        reason: d.reason,
        environment: g ? g.environment : null,
        ipUser: call.ipUser ? safeText(call.ipUser, 64) : null,
        grantId: g ? g.id : null,
        ...call.extra,
      }
    : {
        reason: d.reason,
        environment: g ? g.environment : null,
        ipUser: call.ipUser ? safeText(call.ipUser, 64) : null,
      };
  if (call.nik) {
    // The anomaly detector's features (domain/anomalies/features.ts): the keyed hash of the first 12 digits
    // (enumeration walks the last four) and the kabupaten/kota code (the service area). Never the NIK itself.
    detail.nikBlock = rt.hashNikBlock(call.nik);
    detail.nikArea = call.nik.slice(0, 4);
  }
  const c = call.charge;
  if (c) {
    // A charged answer says so on the signed record: method and tariff (the statement's charges are these).
    detail.pnbpMethod = c.method;
    detail.pnbpRupiah = c.unitRupiah;
  }
  return {
    time: new Date(now).toISOString(),
    action: call.action,
    actor: p.actor,
    institutionId: p.institutionId,
    pksId: g ? g.compiled.pksId : null,
    pksVersionHash: g ? g.compiled.pksVersionHash : null,
    elements: d.elements,
    resultCode: d.code ?? d.reason,
    clientIp: ipForAudit(call.clientIp),
    nikHash,
    detail,
  };
}

const NO_ELEMENTS: readonly string[] = Object.freeze([]);

/** Runs one data call through the pipeline and records it before returning. */
export async function serve(rt: AccessRuntime, principal: Maybe<Principal>, call: GatewayCall): Promise<CallOutcome> {
  const now = call.now ?? rt.deps.now().getTime();
  const p = principal instanceof Promise ? await principal : principal;
  // Refused by the login throttle: no entry of its own, so a burst of guesses cannot flood the log.
  const throttled = p.refusal?.retryAfterMs;
  if (throttled !== undefined)
    return { code: CODES.LOGIN_THROTTLED, reason: LOGIN_THROTTLED, grant: null, auditId: '', retryAfterMs: throttled };
  const g = p.grant;
  const nikHash = call.nik ? rt.hashNik(call.nik) : null;
  const requested = requestedFieldsOf(call);
  let refusal = p.refusal ?? call.refused ?? null;
  const d: Decided = { code: null, reason: '', elements: requested ? elementsOfFields(requested) : NO_ELEMENTS };
  if (!refusal && g && call.nik && nikHash) {
    let refused = admit(rt, g, call, now);
    if (refused instanceof Promise) refused = await refused;
    try {
      if (!refused && call.operation === 'verify') refused = await verifyCap(rt, g, nikHash, now);
      refusal = refused;
      if (!refusal) {
        const read = requested ?? g.compiled.fields;
        let found = readResident(rt, g, call.nik, read);
        if (found instanceof Promise) found = await found;
        d.code = found.code;
        d.reason = found.code === '01' ? 'ok' : 'lookup';
        if (found.code === '01' && found.row) {
          if (call.claimed)
            d.verdicts = verifyFields(call.claimed, fieldsOfRow(found.row, read), call.threshold ?? DEFAULT_THRESHOLD);
          else {
            // A lookup reads exactly the grant's fields (read is g.compiled.fields): the row as read is the
            // projection, handed over as is when the channel encodes from it; project() for any other read.
            if (call.rowOnly && read === g.compiled.fields) d.row = { fields: read, values: found.row };
            else d.fields = project(fieldsOfRow(found.row, read), g.compiled);
            d.elements = g.compiled.elements;
          }
        }
      }
    } catch (e) {
      // The cap or the read failed after admit reserved the tariff: nothing is answered, so nothing stays held.
      const held = call.charge;
      if (held) {
        call.charge = undefined;
        rt.balances.refund(held);
        rt.balances.settle(held);
      }
      throw e;
    }
  } else if (!refusal) refusal = NO_GRANT;
  if (refusal) {
    d.code = refusal.code;
    d.reason = refusal.reason;
  }
  const charge = call.charge;
  let auditId: string;
  if (charge === undefined) auditId = await rt.audit.append(callEntry(rt, call, p, d, now, nikHash), call.counted);
  else {
    // Reserved at admit: given back unless the answer is billable; a billable one commits with its entry.
    if (!isBillable(d.code)) {
      call.charge = undefined;
      rt.balances.refund(charge);
      rt.balances.settle(charge);
      auditId = await rt.audit.append(callEntry(rt, call, p, d, now, nikHash), call.counted);
    } else
      try {
        auditId = await rt.audit.append(callEntry(rt, call, p, d, now, nikHash), call.counted, charge);
      } catch (e) {
        rt.balances.refund(charge);
        throw e;
      } finally {
        rt.balances.settle(charge);
      }
  }
  const quota = g ? { limit: g.compiled.dailyQuota, used: rt.usedToday(g, now) ?? 0 } : undefined;
  return {
    code: d.code,
    reason: d.reason,
    grant: g,
    fields: d.fields,
    row: d.row,
    verdicts: d.verdicts,
    quota,
    auditId,
  };
}

// A principal without a grant and without a refusal, or a call without a NIK and without a refusal: a channel's
// bug, refused all the same (deny by default).
const NO_GRANT: Refusal = Object.freeze({ code: CODES.INCOMPLETE_PARAMETERS, reason: 'incomplete' });
