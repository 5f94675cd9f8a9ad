/**
 * Grants: what one credential (or device, or portal account) of an institution may do, compiled from the PKS
 * version it rests on and the office's provisioning. Compilation refuses anything the PKS does not allow;
 * evaluation runs on every request, so a compiled grant holds precomputed sets, ranges and offsets and
 * `checkRequest` returns preallocated results.
 */
import type { ResponseCode } from '../dukcapil/codes.js';
import {
  fieldsOf,
  isElementCode,
  isFieldName,
  type ElementCode,
  type FieldName,
  type ResidentFields,
} from '../elements/elements.js';
import { DomainError, type FieldIssue } from '../errors.js';
import { compileIpMatcher, isIp, parseCidr, type IpMatcher } from './ip.js';
import {
  localDate,
  localDayNumber,
  localMidnight,
  localMinuteOfDay,
  nextLocalMidnight,
  parseClock,
  zoneOffsetMinutes,
} from './zone.js';

/** Every access method: the three of the rules (a grant's kind, a PKS's methods). */
export const ACCESS_METHODS = ['card_reader', 'web_service', 'web_portal'] as const;
/** The three access methods of the rules. */
export type AccessMethod = (typeof ACCESS_METHODS)[number];
/**
 * What a grant may do with a NIK: read the granted elements (`lookup`: CALL_NIK, v1 lookup, card read, portal) or
 * verify claimed values of them (`verify`: CALL_VERIFY_BY_ELEMEN, v1 verify — the method "verifikasi"). A
 * verify-only grant never returns a stored value.
 */
export type Operation = (typeof OPERATIONS)[number];
/** Every operation. */
export const OPERATIONS = ['lookup', 'verify'] as const;
const LOOKUP_ONLY: readonly Operation[] = ['lookup'];
/**
 * The operations of a grant stored before operations existed (migration default): both, as they were allowed.
 * Only web-service grants verify; card readers and the portal look up.
 */
export function defaultOperations(methods: readonly string[]): readonly Operation[] {
  return methods.includes('web_service') ? OPERATIONS : LOOKUP_ONLY;
}
/**
 * Most verifications of one NIK by one grant (credential) in one quota day, over every channel. Verification
 * answers only "Sesuai"/"Tidak Sesuai", one bit per sent field; the cap bounds what repeated guessing about one
 * person can learn to a few bits a day, and a caller that reaches it is refused (05) and on the record.
 */
export const VERIFY_CAP_PER_NIK_PER_DAY = 10;
/** Every environment of a grant. */
export const ENVIRONMENTS = ['trial', 'production'] as const;
/** Trial (uji coba, sandbox population) or production. */
export type Environment = (typeof ENVIRONMENTS)[number];
/** Every state of a grant. */
export const GRANT_STATUSES = ['active', 'suspended', 'revoked'] as const;
/** Suspend and revoke take effect on the next request. */
export type GrantStatus = (typeof GRANT_STATUSES)[number];
/** The states of a card-reader device and of a web-portal operator (suspended: by the anomaly detector). */
export const REGISTRATION_STATUSES = ['active', 'suspended', 'revoked'] as const;
/** The state of a card-reader device or a web-portal operator. */
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** The recorded result of a grant's trial (uji coba). */
export const TRIAL_RESULTS = ['passed', 'failed'] as const;
/** A trial's result; production needs a passed one. */
export type TrialResult = (typeof TRIAL_RESULTS)[number];

/** Permitted hours of the day in a zone; `to` is exclusive; from > to spans midnight (22:00–06:00). */
export interface HoursWindow {
  from: string;
  to: string;
  timezone: string;
}

/** What compilation needs from a PKS version (the agreements module holds the full record). */
export interface PksTerms {
  id: string;
  institutionId: string;
  /** Content hash of the PKS version that grants and audit records cite. */
  versionHash: string;
  /** Lifecycle status; only an active (or expiring, i.e. still running) PKS yields grants. */
  status: string;
  elements: readonly string[];
  methods: readonly string[];
  /** First day of validity, YYYY-MM-DD, in the office's zone. */
  startDate: string;
  /** Last day of validity (inclusive), YYYY-MM-DD. */
  endDate: string;
  /** The office's zone: validity and quota days are counted in it. */
  timeZone: string;
}

/** What the office provisions for one credential. */
export interface Provisioning {
  credentialId: string;
  environment: Environment;
  methods: readonly string[];
  /** lookup and/or verify; required so that no recompilation widens a verify-only grant by omission. */
  operations: readonly string[];
  elements: readonly string[];
  ipAllow: readonly string[];
  hours: HoursWindow | null;
  dailyQuota: number | null;
  status: GrantStatus;
}

/** The grant as stored and shown beside its PKS: plain data, JSON-safe. */
export interface Grant {
  institutionId: string;
  pksId: string;
  pksVersionHash: string;
  credentialId: string;
  environment: Environment;
  methods: readonly AccessMethod[];
  /** Absent on grants stored before operations existed: defaultOperations(methods). */
  operations?: readonly Operation[];
  elements: readonly ElementCode[];
  /** First valid day YYYY-MM-DD (the PKS start). */
  validFrom: string;
  /** Last valid day YYYY-MM-DD, inclusive (the PKS end). */
  validTo: string;
  ipAllow: readonly string[];
  hours: HoursWindow | null;
  dailyQuota: number | null;
  status: GrantStatus;
  /** The office zone for validity and the daily quota's day. */
  timeZone: string;
}

/** A grant ready for the request path. */
export interface CompiledGrant extends Grant {
  readonly operations: readonly Operation[];
  readonly operationSet: ReadonlySet<string>;
  /** The fields of the granted elements, catalogue order: the only keys `project` ever copies. */
  readonly fields: readonly FieldName[];
  readonly fieldSet: ReadonlySet<string>;
  readonly elementSet: ReadonlySet<string>;
  readonly methodSet: ReadonlySet<string>;
  readonly ip: IpMatcher;
  /** [validFromMs, validToMs): instants bounding validity. */
  readonly validFromMs: number;
  readonly validToMs: number;
  readonly offsetMinutes: number;
  /** Hours window in minutes of the hours zone, or null for all day. */
  readonly hoursFromMin: number | null;
  readonly hoursToMin: number | null;
  readonly hoursOffsetMinutes: number;
}

// PKS statuses under which the agreement is in force (issue 4's lifecycle: active → expiring → expired).
const PKS_IN_FORCE = new Set(['active', 'expiring']);

function issue(field: string, id: string, en: string): FieldIssue {
  return { field, message: { id, en } };
}

/**
 * Compiles the grant of one credential from a PKS version and the provisioning; throws a DomainError
 * (kind 'invalid', code of the first problem, every problem in `issues`) when anything exceeds the PKS
 * or is malformed. Validity is always the PKS period: provisioning cannot extend or shorten it.
 */
export function compileGrant(pks: PksTerms, provisioning: Provisioning): CompiledGrant {
  const problems: { code: string; issue: FieldIssue }[] = [];
  const add = (code: string, i: FieldIssue): void => {
    problems.push({ code, issue: i });
  };
  if (!PKS_IN_FORCE.has(pks.status))
    add(
      'pks_not_active',
      issue('pks.status', `PKS berstatus "${pks.status}", bukan aktif.`, `The PKS is "${pks.status}", not active.`),
    );
  if (provisioning.operations.length === 0)
    add(
      'operations_empty',
      issue('operations', 'Pilih minimal satu operasi.', 'Choose at least one operation (lookup, verify).'),
    );
  const methodsKnown = provisioning.methods.every((m) => (ACCESS_METHODS as readonly string[]).includes(m));
  provisioning.operations.forEach((o, i) => {
    if (!(OPERATIONS as readonly string[]).includes(o))
      add('operation_unknown', issue(`operations[${i}]`, `Operasi "${o}" tidak dikenal.`, `Unknown operation "${o}".`));
    else if (o === 'verify' && methodsKnown && !provisioning.methods.includes('web_service'))
      add(
        'operation_not_for_method',
        issue(
          `operations[${i}]`,
          'Verifikasi elemen hanya melalui web service.',
          'Verification by elements is a web-service operation only.',
        ),
      );
  });
  const pksElements = new Set(pks.elements);
  const pksMethods = new Set(pks.methods);
  if (provisioning.elements.length === 0)
    add('elements_empty', issue('elements', 'Pilih minimal satu elemen data.', 'Choose at least one data element.'));
  provisioning.elements.forEach((e, i) => {
    if (!isElementCode(e))
      add('element_unknown', issue(`elements[${i}]`, `Elemen "${e}" tidak dikenal.`, `Unknown element "${e}".`));
    else if (!pksElements.has(e))
      add(
        'element_outside_pks',
        issue(`elements[${i}]`, `Elemen "${e}" tidak tercantum dalam PKS.`, `Element "${e}" is not in the PKS.`),
      );
  });
  if (provisioning.methods.length === 0)
    add('methods_empty', issue('methods', 'Pilih minimal satu metode akses.', 'Choose at least one access method.'));
  provisioning.methods.forEach((m, i) => {
    if (!(ACCESS_METHODS as readonly string[]).includes(m))
      add('method_unknown', issue(`methods[${i}]`, `Metode "${m}" tidak dikenal.`, `Unknown access method "${m}".`));
    else if (!pksMethods.has(m))
      add(
        'method_outside_pks',
        issue(`methods[${i}]`, `Metode "${m}" tidak tercantum dalam PKS.`, `Method "${m}" is not in the PKS.`),
      );
  });
  provisioning.ipAllow.forEach((c, i) => {
    if (parseCidr(c) === null)
      add(
        'ip_invalid',
        issue(`ipAllow[${i}]`, `"${c}" bukan alamat IP/CIDR yang sah.`, `"${c}" is not a valid IP or CIDR.`),
      );
  });
  const offset = zoneOffsetMinutes(pks.timeZone);
  if (offset === null)
    add(
      'time_zone_invalid',
      issue('pks.timeZone', `Zona waktu "${pks.timeZone}" tidak dikenal.`, `Unknown time zone "${pks.timeZone}".`),
    );
  const from = localMidnight(pks.startDate, offset ?? 0);
  const toStart = localMidnight(pks.endDate, offset ?? 0);
  if (Number.isNaN(from) || Number.isNaN(toStart) || toStart < from)
    add('pks_period_invalid', issue('pks.endDate', 'Masa berlaku PKS tidak sah.', 'The PKS period is not valid.'));
  if (provisioning.hours) {
    const h = provisioning.hours;
    const hoursFrom = parseClock(h.from);
    const hoursTo = parseClock(h.to);
    const ho = zoneOffsetMinutes(h.timezone);
    if (hoursFrom === null || hoursTo === null || hoursFrom === hoursTo)
      add('hours_invalid', issue('hours', 'Jam akses harus HH:MM dan tidak sama.', 'Hours must be HH:MM and differ.'));
    if (ho === null)
      add(
        'time_zone_invalid',
        issue('hours.timezone', `Zona waktu "${h.timezone}" tidak dikenal.`, `Unknown time zone "${h.timezone}".`),
      );
  }
  const q = provisioning.dailyQuota;
  if (q !== null && (!Number.isInteger(q) || q < 1))
    add(
      'quota_invalid',
      issue('dailyQuota', 'Kuota harian harus bilangan bulat positif.', 'The daily quota must be a positive integer.'),
    );
  const first = problems[0];
  if (first)
    throw new DomainError(
      'invalid',
      first.code,
      { id: 'Hak akses tidak dapat disusun dari PKS ini.', en: 'The grant cannot be compiled from this PKS.' },
      problems.map((p) => p.issue),
      { codes: problems.map((p) => p.code) },
    );
  return prepareGrant({
    institutionId: pks.institutionId,
    pksId: pks.id,
    pksVersionHash: pks.versionHash,
    credentialId: provisioning.credentialId,
    environment: provisioning.environment,
    methods: ACCESS_METHODS.filter((m) => provisioning.methods.includes(m)),
    operations: OPERATIONS.filter((o) => provisioning.operations.includes(o)),
    elements: [...new Set(provisioning.elements)].filter(isElementCode),
    validFrom: pks.startDate,
    validTo: pks.endDate,
    ipAllow: [...provisioning.ipAllow],
    hours: provisioning.hours ? { ...provisioning.hours } : null,
    dailyQuota: q,
    status: provisioning.status,
    timeZone: pks.timeZone,
  });
}

/**
 * Precomputes a stored grant for the request path (after loading it, or after a status change).
 * Trusts the grant was compiled by compileGrant; throws RangeError if it is malformed all the same.
 */
export function prepareGrant(grant: Grant): CompiledGrant {
  const offset = zoneOffsetMinutes(grant.timeZone);
  if (offset === null) throw new RangeError(`unknown time zone ${grant.timeZone}`);
  const fields = fieldsOf(grant.elements);
  const hoursOffset = grant.hours ? zoneOffsetMinutes(grant.hours.timezone) : offset;
  if (hoursOffset === null) throw new RangeError('unknown hours time zone');
  const validFromMs = localMidnight(grant.validFrom, offset);
  const validToMs = localMidnight(grant.validTo, offset) + 86_400_000;
  if (Number.isNaN(validFromMs) || Number.isNaN(validToMs)) throw new RangeError('bad validity dates');
  const operations = grant.operations ?? defaultOperations(grant.methods);
  return Object.freeze({
    ...grant,
    operations,
    operationSet: new Set<string>(operations),
    fields,
    fieldSet: new Set<string>(fields),
    elementSet: new Set<string>(grant.elements),
    methodSet: new Set<string>(grant.methods),
    ip: compileIpMatcher(grant.ipAllow),
    validFromMs,
    validToMs,
    offsetMinutes: offset,
    hoursFromMin: grant.hours ? parseClock(grant.hours.from) : null,
    hoursToMin: grant.hours ? parseClock(grant.hours.to) : null,
    hoursOffsetMinutes: hoursOffset,
  });
}

/** The same grant with another status (suspend, resume, revoke); a revoked grant cannot be resumed. */
export function withStatus(grant: CompiledGrant, status: GrantStatus): CompiledGrant {
  if (grant.status === 'revoked' && status !== 'revoked')
    throw new DomainError('conflict', 'grant_revoked', {
      id: 'Hak akses yang dicabut tidak dapat diaktifkan kembali.',
      en: 'A revoked grant cannot be reactivated.',
    });
  return Object.freeze({ ...grant, status });
}

/** Why a request is refused. */
export type RefusalReason =
  | 'institution_inactive'
  | 'grant_suspended'
  | 'grant_revoked'
  | 'wrong_environment'
  | 'method_not_granted'
  | 'operation_not_granted'
  | 'ip_missing'
  | 'ip_invalid'
  | 'ip_not_allowed'
  | 'not_yet_valid'
  | 'expired'
  | 'outside_hours'
  | 'quota_exhausted'
  | 'element_not_granted'
  | 'verify_cap_reached';

/**
 * The Dukcapil response code of each refusal. The integrations' code list has no entry for an expired PKS,
 * a wrong environment or an element outside the grant; the nearest codes are used: an agreement out of force
 * makes the institution inactive (16), a credential used on the wrong channel or environment does not log in
 * (03), and asking for an element outside the grant answers Gerbang's 18 (dukcapil/codes.ts), which says so.
 * A credential asking for an operation it does not hold (a verify-only credential calling CALL_NIK) is the same
 * as a wrong channel (03); the per-NIK verification cap is a quota (05).
 */
export const REFUSAL_CODES: Readonly<Record<RefusalReason, ResponseCode>> = {
  institution_inactive: '16',
  grant_suspended: '17',
  grant_revoked: '17',
  wrong_environment: '03',
  method_not_granted: '03',
  operation_not_granted: '03',
  ip_missing: '09',
  ip_invalid: '10',
  ip_not_allowed: '04',
  not_yet_valid: '16',
  expired: '16',
  outside_hours: '06',
  quota_exhausted: '05',
  element_not_granted: '18',
  verify_cap_reached: '05',
};

/** A refused check. */
export type Refused = { readonly ok: false; readonly reason: RefusalReason; readonly code: ResponseCode };
/** The outcome of a check; results are shared frozen objects, never mutate them. */
export type CheckResult = { readonly ok: true } | Refused;

/** What the request path knows about one call. */
export interface RequestContext {
  /** Epoch milliseconds or a Date. */
  now: number | Date;
  /** The socket's remote address (not a header). */
  ip: string;
  /** Calls already counted today (in the grant's quota day) before this one. */
  usedToday: number;
  /** Element codes the call asks for; omitted means all granted elements. */
  requestedElements?: readonly string[];
  /** Field names the call asks for (verification sends fields, not codes). */
  requestedFields?: readonly string[];
  /** The channel of the call; omitted means not checked. */
  method?: AccessMethod;
  /** What the call does with the NIK; omitted means not checked. */
  operation?: Operation;
  /** The environment the endpoint serves; omitted means not checked. */
  environment?: Environment;
  /** The institution's own status; omitted means active. */
  institutionActive?: boolean;
}

const OK: CheckResult = Object.freeze({ ok: true });
const REFUSALS = Object.fromEntries(
  (Object.keys(REFUSAL_CODES) as RefusalReason[]).map((r) => [
    r,
    Object.freeze({ ok: false, reason: r, code: REFUSAL_CODES[r] }),
  ]),
) as unknown as Readonly<Record<RefusalReason, CheckResult>>; // built from REFUSAL_CODES' own keys, so total

function refuse(reason: RefusalReason): CheckResult {
  return REFUSALS[reason];
}

/**
 * Checks one request against a compiled grant, cheapest and most telling checks first: institution, grant
 * status, environment, method, operation, client IP, validity, hours, quota, element scope. Allocation-free.
 */
export function checkRequest(grant: CompiledGrant, ctx: RequestContext): CheckResult {
  if (ctx.institutionActive === false) return refuse('institution_inactive');
  if (grant.status !== 'active') return refuse(grant.status === 'revoked' ? 'grant_revoked' : 'grant_suspended');
  if (ctx.environment !== undefined && ctx.environment !== grant.environment) return refuse('wrong_environment');
  if (ctx.method !== undefined && !grant.methodSet.has(ctx.method)) return refuse('method_not_granted');
  if (ctx.operation !== undefined && !grant.operationSet.has(ctx.operation)) return refuse('operation_not_granted');
  if (!ctx.ip) return refuse('ip_missing');
  // isIp is only reached for addresses outside the allow-list, so its full parse never slows an allowed call.
  if (!grant.ip.matches(ctx.ip)) return refuse(isIp(ctx.ip) ? 'ip_not_allowed' : 'ip_invalid');
  const now = typeof ctx.now === 'number' ? ctx.now : ctx.now.getTime();
  if (now < grant.validFromMs) return refuse('not_yet_valid');
  if (now >= grant.validToMs) return refuse('expired');
  if (grant.hoursFromMin !== null && grant.hoursToMin !== null) {
    const m = localMinuteOfDay(now, grant.hoursOffsetMinutes);
    const from = grant.hoursFromMin;
    const to = grant.hoursToMin;
    const inside = from < to ? m >= from && m < to : m >= from || m < to;
    if (!inside) return refuse('outside_hours');
  }
  if (grant.dailyQuota !== null && ctx.usedToday >= grant.dailyQuota) return refuse('quota_exhausted');
  if (ctx.requestedElements)
    for (const e of ctx.requestedElements) if (!grant.elementSet.has(e)) return refuse('element_not_granted');
  if (ctx.requestedFields)
    for (const f of ctx.requestedFields) if (!grant.fieldSet.has(f)) return refuse('element_not_granted');
  return OK;
}

/**
 * The granted fields of a resident and nothing else: the grant's field list is the only source of keys,
 * so a field outside the grant cannot leave through this function whatever the resident object carries.
 */
export function project(resident: Readonly<Partial<ResidentFields>>, grant: CompiledGrant): Partial<ResidentFields> {
  const out: Partial<ResidentFields> = {};
  const fields = grant.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldName; // i < fields.length
    const v = resident[f];
    out[f] = v ?? '';
  }
  return out;
}

/** The fields among `fields` that the grant does not cover (for a precise refusal message). */
export function fieldsOutsideGrant(grant: CompiledGrant, fields: Iterable<string>): string[] {
  const out: string[] = [];
  for (const f of fields) if (!isFieldName(f) || !grant.fieldSet.has(f)) out.push(f);
  return out;
}

/**
 * The refusal of a verification when this one would be the `count`-th of its NIK by the grant today (the
 * count includes this call), or null while within VERIFY_CAP_PER_NIK_PER_DAY.
 */
export function checkVerifyCap(count: number): Refused | null {
  return count > VERIFY_CAP_PER_NIK_PER_DAY ? (refuse('verify_cap_reached') as Refused) : null;
}

/** The quota day of an instant as a number (local days since epoch in the office zone): the usage-counter key. */
export function quotaDayNumber(grant: CompiledGrant, now: number): number {
  return localDayNumber(now, grant.offsetMinutes);
}

/** The quota day of an instant as YYYY-MM-DD in the office zone. */
export function quotaDay(grant: CompiledGrant, now: number): string {
  return localDate(now, grant.offsetMinutes);
}

/** When the quota resets next: the office's next local midnight. */
export function nextQuotaReset(grant: CompiledGrant, now: number): number {
  return nextLocalMidnight(now, grant.offsetMinutes);
}
