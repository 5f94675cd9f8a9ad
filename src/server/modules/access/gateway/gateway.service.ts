/**
 * The request path of the web service, shared by the Dukcapil-compatible endpoints and the v1 API:
 * credential → compiled grant (memory) → checks → warehouse read → projection → audit entry durable → answer.
 * Every outcome, allowed or refused, is recorded before the caller gets it.
 */
import type { ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { lookupCode } from '../../../../domain/dukcapil/wire.js';
import { elementsOfFields, type FieldName, type ResidentFields } from '../../../../domain/elements/elements.js';
import { checkRequest, project, type AccessMethod } from '../../../../domain/grant/grant.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import { verifyFields, type FieldVerdict } from '../../../../domain/match/verify.js';
import { safeText } from '../audit/audit-log.js';
import { fieldsOfRow, rawStatus, type RawResident } from '../population/population.repository.js';
import { secretMatches, type AccessRuntime, type LiveGrant } from '../runtime.js';

/** One data call as the channels hand it over. */
export interface DataCall {
  /** Audit action: CALL_NIK, CALL_VERIFY_BY_ELEMEN, v1.lookup, v1.verify, reader.read. */
  action: string;
  /** The path's customer id (compatible endpoints only). */
  customerId?: string;
  userId: string;
  password: string;
  /** The socket's address, never a header. */
  clientIp: string;
  /** The end user's IP as the institution reports it (recorded, not trusted). */
  ipUser?: string;
  nik: string;
  /** Verification: claimed values by field, and the threshold. */
  claimed?: Partial<Record<FieldName, string>>;
  threshold?: number;
}

/** What a call produced. */
export interface CallOutcome {
  code: ResponseCode;
  /** Why a call was refused (a RefusalReason or login_failed / pks_not_in_force / lookup outcome). */
  reason: string;
  grant: LiveGrant | null;
  /** Granted fields of the person (lookup, code 01 only). */
  fields?: Partial<ResidentFields>;
  /** Per-field verdicts (verification, code 01 only). */
  verdicts?: FieldVerdict[];
  quota?: { limit: number | null; used: number };
  auditId: string;
}

function ipForAudit(ip: string): string {
  return canonicalIp(ip) ?? safeText(ip, 64);
}

/** Records a refusal that happened before a grant was known (unreadable body, missing fields). */
export async function recordEarlyRefusal(
  rt: AccessRuntime,
  call: { action: string; clientIp: string; userId?: unknown; customerId?: string; nik?: string },
  code: ResponseCode,
  reason: string,
): Promise<string> {
  return rt.audit.append({
    time: rt.deps.now().toISOString(),
    action: call.action,
    actor: { kind: 'credential', id: `unknown:${safeText(call.userId, 64)}` },
    institutionId: null,
    pksId: null,
    pksVersionHash: null,
    elements: [],
    resultCode: code,
    clientIp: ipForAudit(call.clientIp),
    nikHash: call.nik ? rt.hashNik(call.nik) : null,
    detail: { reason: safeText(reason), customerId: call.customerId ? safeText(call.customerId, 64) : null },
  });
}

/** A value, or its promise when it had to be loaded (the request path stays synchronous while caches are warm). */
type Maybe<T> = T | Promise<T>;

function loginOf(g: LiveGrant | null, password: string, customerId: string | undefined, now: number): LiveGrant | null {
  if (!g || g.kind !== 'web_service') return null;
  if (customerId !== undefined && g.customerId !== customerId) return null;
  if (!secretMatches(g.secretHash, password)) return null;
  if (now >= g.secretExpiresMs) return null;
  return g;
}

/** The web-service credential a user id names, if any (authenticate has just loaded it into the cache). */
function namedCredential(rt: AccessRuntime, userId: string): LiveGrant | null {
  const g = rt.cachedByUser(userId);
  return g && g.kind === 'web_service' ? g : null;
}

/**
 * The grant of a web-service credential, or null when the login fails (unknown, wrong secret, expired, other
 * customer). Synchronous while the grant is cached.
 */
export function authenticate(
  rt: AccessRuntime,
  userId: string,
  password: string,
  customerId: string | undefined,
  now: number,
): Maybe<LiveGrant | null> {
  const g = rt.cachedByUser(userId);
  if (g === undefined) return rt.loadByUser(userId).then((loaded) => loginOf(loaded, password, customerId, now));
  return loginOf(g, password, customerId, now);
}

/** Why a call was refused. */
export interface Refusal {
  code: ResponseCode;
  reason: string;
}

/**
 * Runs the checks of a granted call and counts it; returns null when allowed or the refusal (code, reason).
 * Synchronous while the day's usage counter is loaded. Shared with the card-reader channel and the portal.
 */
export function admit(rt: AccessRuntime, g: LiveGrant, call: AdmitCall, now: number): Maybe<Refusal | null> {
  if (!g.pksInForce) return { code: '16', reason: 'pks_not_in_force' };
  const used = rt.usedToday(g, now);
  if (used === undefined) return rt.loadUsage(g, now).then((loaded) => decide(rt, g, call, now, loaded));
  return decide(rt, g, call, now, used);
}

/** What admit needs of a call. */
type AdmitCall = { clientIp: string; requestedFields?: readonly string[]; method: AccessMethod };

/** The grant's checks with the day's usage known; counts the call when it passes. */
function decide(rt: AccessRuntime, g: LiveGrant, call: AdmitCall, now: number, used: number): Refusal | null {
  const check = checkRequest(g.compiled, {
    now,
    ip: call.clientIp,
    usedToday: used,
    method: call.method,
    requestedFields: call.requestedFields,
    institutionActive: g.institutionActive,
  });
  if (!check.ok) return { code: check.code, reason: check.reason };
  rt.countCall(g);
  return null;
}

/**
 * Reads a person's values of `fields` from the environment's population: the answer code, and the raw row when
 * found (see fieldsOfRow; the grant's fields unless given). Synchronous on SQLite.
 */
export function readResident(
  rt: AccessRuntime,
  g: LiveGrant,
  nik: string,
  fields: readonly FieldName[] = g.compiled.fields,
): Maybe<{ code: ResponseCode; row: RawResident | undefined }> {
  const row = rt.reader.get(g.environment === 'trial' ? 'sandbox' : 'production', nik, fields);
  return row instanceof Promise ? row.then(lookupOutcome) : lookupOutcome(row);
}

function lookupOutcome(row: RawResident | undefined): { code: ResponseCode; row: RawResident | undefined } {
  return { code: lookupCode(row ? [rawStatus(row)] : []), row };
}

/** One web-service call (lookup when `claimed` is absent, verification otherwise), recorded before it returns. */
export async function dataCall(rt: AccessRuntime, call: DataCall): Promise<CallOutcome> {
  const now = rt.deps.now().getTime();
  let g = authenticate(rt, call.userId, call.password, call.customerId, now);
  if (g instanceof Promise) g = await g;
  const requestedFields = call.claimed ? (Object.keys(call.claimed) as FieldName[]) : undefined;
  let code: ResponseCode;
  let reason: string;
  let fields: Partial<ResidentFields> | undefined;
  let verdicts: FieldVerdict[] | undefined;
  let quota: CallOutcome['quota'];
  // The credential the caller named: on a failed login, the entry is still that credential's and institution's,
  // so their office sees the attempts in Pengawasan. The caller gets the same 03 whether or not it exists.
  let named: LiveGrant | null = g;
  if (!g) {
    code = '03';
    reason = 'login_failed';
    named = namedCredential(rt, call.userId);
  } else {
    let refused = admit(rt, g, { clientIp: call.clientIp, requestedFields, method: 'web_service' }, now);
    if (refused instanceof Promise) refused = await refused;
    if (refused) ({ code, reason } = refused);
    else {
      const read = requestedFields ?? g.compiled.fields;
      let found = readResident(rt, g, call.nik, read);
      if (found instanceof Promise) found = await found;
      code = found.code;
      reason = code === '01' ? 'ok' : 'lookup';
      if (code === '01' && found.row) {
        const values = fieldsOfRow(found.row, read);
        if (call.claimed) verdicts = verifyFields(call.claimed, values, call.threshold ?? 90);
        else fields = project(values, g.compiled);
      }
    }
    quota = { limit: g.compiled.dailyQuota, used: rt.usedToday(g, now) ?? 0 };
  }
  const auditId = await rt.audit.append({
    time: new Date(now).toISOString(),
    action: call.action,
    actor: { kind: 'credential', id: named ? named.id : `unknown:${safeText(call.userId, 64)}` },
    institutionId: named?.institutionId ?? null,
    pksId: named?.compiled.pksId ?? null,
    pksVersionHash: named?.compiled.pksVersionHash ?? null,
    elements: requestedFields ? elementsOfFields(requestedFields) : code === '01' && g ? g.compiled.elements : [],
    resultCode: code,
    clientIp: ipForAudit(call.clientIp),
    nikHash: rt.hashNik(call.nik),
    detail: {
      reason,
      environment: named?.environment ?? null,
      ipUser: call.ipUser ? safeText(call.ipUser, 64) : null,
    },
  });
  return { code, reason, grant: g, fields, verdicts, quota, auditId };
}
