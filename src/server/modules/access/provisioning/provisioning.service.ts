/**
 * Provisioning: grants compiled from an active PKS with approved juknis — web-service credentials (secret shown
 * once, stored as SHA-256, rotatable, expiring), card-reader devices, web-portal operators — with IP allow-lists,
 * hours, a daily quota and the environment (production only after a passed trial). Every use case is one
 * transaction: the row and its decision entry (recordDecision) commit together or not at all, and a change that can
 * narrow access is announced in it (runtime/access-changes.ts) and dropped from every process's grant cache before
 * the response returns, so it takes effect on the next request.
 */
import crypto from 'node:crypto';
import type { Actor } from '../../../../domain/authz.js';
import { DomainError, errors } from '../../../../domain/errors.js';
import {
  compileGrant,
  defaultOperations,
  prepareGrant,
  quotaDay,
  type Grant,
  type HoursWindow,
  type Operation,
} from '../../../../domain/grant/grant.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AccessGrantTable } from '../../../db/schema-access.js';
import { newId } from '../../../lib/ids.js';
import { randomToken, sha256 } from '../../../lib/secrets.js';
import { agreementTerms } from '../../agreements/agreement.repository.js';
import { officeChain } from '../../directory/actor.repository.js';
import { safeText } from '../audit/audit-log.js';
import { recordDecision, type DecisionActor } from '../audit/decisions.js';
import type { AccessRuntime } from '../runtime.js';
import { accessChanged, announceAccessChange } from '../runtime/access-changes.js';
import * as repo from './grant.repository.js';
import { storable } from './stored-grant.js';
import type { GrantChangeAction, GrantChangeDetail, PksChange } from '../../../../domain/grant/follow.js';
import { canProvision, canViewGrants } from './provisioning.authz.js';
import { confirmWideRanges } from './wide-ranges.js';

/** Who acts: a signed-in user, or the system (demo seed). */
export type Provisioner = Actor | 'system';

/** The request facts recorded with a decision. */
export interface DecisionContext {
  clientIp: string | null;
}

/** What an office sets when creating a grant. */
export interface GrantInput {
  kind: AccessGrantTable['kind'];
  environment: AccessGrantTable['environment'];
  label?: string;
  elements: string[];
  /** lookup (CALL_NIK) and/or verify (verifikasi elemen); default: both for a web service, lookup otherwise. */
  operations?: string[];
  ipAllow?: string[];
  /** The office confirms ranges wider than /8 (or /32), everything, or link-local (recorded with the decision). */
  confirmWideRanges?: boolean;
  hours?: HoursWindow | null;
  dailyQuota?: number | null;
  /** Web service: the customer id in the path (default: the institution id). */
  customerId?: string;
  /** Web service: the login (default: generated). */
  userId?: string;
  /** Web service: when the secret stops working (ISO date-time). */
  secretExpiresAt?: string | null;
}

/** A grant as shown beside its PKS (never the secret or its hash). */
export interface GrantView {
  id: string;
  agreementId: string;
  institutionId: string;
  kind: AccessGrantTable['kind'];
  environment: AccessGrantTable['environment'];
  label: string;
  customerId: string | null;
  userId: string | null;
  secretExpiresAt: string | null;
  elements: string[];
  /** lookup and/or verify (grants stored before operations existed: both, web service). */
  operations: Operation[];
  ipAllow: string[];
  hours: HoursWindow | null;
  dailyQuota: number | null;
  status: AccessGrantTable['status'];
  statusReason: string | null;
  pksVersionHash: string;
  validFrom: string;
  validTo: string;
  trial: { result: 'passed' | 'failed'; note: string | null; recordedAt: string } | null;
  /** Calls counted against today's quota (office-local day), as last persisted with the audit. */
  usedToday: number;
  /** What changes of its PKS did to the grant, and why (oldest first). */
  changes: GrantChange[];
  createdAt: string;
  updatedAt: string;
}

/** One change of the PKS in force as it reached a grant (followPks). */
export interface GrantChange extends GrantChangeDetail {
  at: string;
  cause: PksChange;
  action: GrantChangeAction;
}

/** The grant with the one-time secret (create and rotate only). */
export interface GrantWithSecret {
  grant: GrantView;
  secret?: string;
}

type Deps = { rt: AccessRuntime; now: () => Date };
type Q = Kysely<DB> | Transaction<DB>;

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function shortCode(n: number): string {
  const bytes = crypto.randomBytes(n);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The view of a stored grant. */
export function toView(row: AccessGrantTable): GrantView {
  const compiled = JSON.parse(row.compiled) as Grant;
  return {
    id: row.id,
    agreementId: row.agreement_id,
    institutionId: row.institution_id,
    kind: row.kind,
    environment: row.environment,
    label: row.label,
    customerId: row.customer_id,
    userId: row.user_id,
    secretExpiresAt: row.secret_expires_at,
    elements: JSON.parse(row.elements) as string[],
    operations: [...(compiled.operations ?? defaultOperations(compiled.methods))],
    ipAllow: JSON.parse(row.ip_allow) as string[],
    hours: row.hours ? (JSON.parse(row.hours) as HoursWindow) : null,
    dailyQuota: row.daily_quota,
    status: row.status,
    statusReason: row.status_reason,
    pksVersionHash: row.pks_version_hash,
    validFrom: compiled.validFrom,
    validTo: compiled.validTo,
    trial:
      row.trial_result && row.trial_recorded_at
        ? { result: row.trial_result, note: row.trial_note, recordedAt: row.trial_recorded_at }
        : null,
    usedToday: 0,
    changes: [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Views of stored grants with today's usage read from the persisted counters, and their PKS-driven changes. */
async function viewsWithUsage(d: Deps, rows: AccessGrantTable[], db: Q = d.rt.db): Promise<GrantView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const usage = await repo.usageOfGrants(db, ids);
  const changes = await repo.changesOfGrants(db, ids);
  const now = d.now().getTime();
  return rows.map((row) => {
    const view = toView(row);
    const day = quotaDay(prepareGrant(JSON.parse(row.compiled) as Grant), now);
    return {
      ...view,
      usedToday: usage.find((u) => u.grant_id === row.id && u.day === day)?.count ?? 0,
      changes: changes
        .filter((c) => c.grant_id === row.id)
        .map((c) => ({
          at: c.at,
          cause: c.cause,
          action: c.action,
          ...(JSON.parse(c.detail) as GrantChangeDetail),
        })),
    };
  });
}

async function termsFor(db: Q, agreementId: string) {
  const terms = await agreementTerms(db, agreementId);
  if (!terms) throw errors.notFound({ id: 'PKS', en: 'The agreement' });
  return terms;
}

function requireProvisioner(actor: Provisioner, officeId: string) {
  if (actor !== 'system' && !canProvision(actor, { officeId })) throw errors.forbidden();
}

/** Writes a provisioning decision's entry in the use case's transaction. */
async function record(
  trx: Transaction<DB>,
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  action: string,
  row: Pick<AccessGrantTable, 'id' | 'institution_id' | 'agreement_id' | 'pks_version_hash' | 'elements'>,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await recordAs(trx, d.now(), whoOf(actor, ctx), action, row, detail);
}

function whoOf(actor: Provisioner, ctx: DecisionContext): DecisionActor {
  return actor === 'system' ? { kind: 'system' } : { ...actor, clientIp: ctx.clientIp ?? actor.clientIp ?? null };
}

/** A provisioning decision's entry, by whoever decided (a provisioner, the anomaly detector, its reviewer). */
async function recordAs(
  trx: Q,
  at: Date,
  who: DecisionActor,
  action: string,
  row: Pick<AccessGrantTable, 'id' | 'institution_id' | 'agreement_id' | 'pks_version_hash' | 'elements'>,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await recordDecision(trx, at, who, {
    action,
    institutionId: row.institution_id,
    pksId: row.agreement_id,
    pksVersionHash: row.pks_version_hash,
    elements: JSON.parse(row.elements) as string[],
    detail: { grantId: row.id, ...detail },
  });
}

/**
 * Runs a provisioning use case in one transaction. With `narrows` the change is announced inside it (a
 * notification to every process on commit) and this process's grant caches are dropped after the commit.
 */
async function inTransaction<T>(
  d: Deps,
  narrows: { what: string; grantId?: string } | null,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const out = await d.rt.db.transaction().execute(async (trx) => {
    const result = await work(trx);
    if (narrows) await announceAccessChange(trx, narrows);
    return result;
  });
  if (narrows) accessChanged();
  return out;
}

/**
 * A web-service login: 3–64 characters, a letter first, then letters, digits, `.`, `_`, `-`, and never 12 digits
 * in a row (nothing that reads as a NIK or KK number, which the audit log refuses to carry).
 */
export const USER_ID_PATTERN = '^(?!.*[0-9]{12})[A-Za-z][0-9A-Za-z._-]{2,63}$';
const USER_ID = new RegExp(USER_ID_PATTERN);

function userIdInvalid() {
  return errors.invalid(
    'user_id_invalid',
    {
      id: 'User ID harus 3–64 karakter, diawali huruf, berisi huruf, angka, titik, garis bawah atau tanda hubung, dan tanpa 12 angka berurutan.',
      en: 'A user id is 3–64 characters, starts with a letter, holds letters, digits, ".", "_" or "-", and never 12 digits in a row.',
    },
    [{ field: 'body.userId', message: { id: 'tidak sah', en: 'is malformed' } }],
  );
}

/** The agreement's terms and its grants, for the screen that shows grants beside their PKS. */
export async function agreementAccess(d: Deps, actor: Actor, agreementId: string) {
  const terms = await termsFor(d.rt.db, agreementId);
  const chain = await officeChain(d.rt.db, terms.officeId);
  if (!canViewGrants(actor, { institutionId: terms.institutionId, officeChain: chain })) throw errors.forbidden();
  const rows = await repo.grantsOfAgreement(d.rt.db, agreementId);
  return {
    agreement: {
      id: terms.id,
      institutionId: terms.institutionId,
      officeId: terms.officeId,
      status: terms.status,
      versionHash: terms.versionHash,
      elements: [...terms.elements],
      methods: [...terms.methods],
      startDate: terms.startDate,
      endDate: terms.endDate,
      juknisApproved: terms.juknisApproved,
      canProvision: canProvision(actor, { officeId: terms.officeId }),
    },
    grants: await viewsWithUsage(d, rows),
  };
}

/** Grants of an institution (its own members, or the offices above it). */
export async function institutionGrants(d: Deps, actor: Actor, institutionId: string) {
  const inst = await repo.findInstitution(d.rt.db, institutionId);
  if (!inst) throw errors.notFound({ id: 'Lembaga', en: 'The institution' });
  const chain = await officeChain(d.rt.db, inst.office_id);
  if (!canViewGrants(actor, { institutionId, officeChain: chain })) throw errors.forbidden();
  return viewsWithUsage(d, await repo.grantsOfInstitution(d.rt.db, institutionId));
}

/** Creates a grant; a web-service grant's secret is returned here and never again. */
export async function createGrant(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  agreementId: string,
  input: GrantInput,
): Promise<GrantWithSecret> {
  if (input.kind === 'web_service' && input.userId !== undefined && !USER_ID.test(input.userId)) throw userIdInvalid();
  return inTransaction(d, { what: 'grant.create' }, async (trx) => {
    const terms = await termsFor(trx, agreementId);
    requireProvisioner(actor, terms.officeId);
    if (terms.status !== 'active' && terms.status !== 'expiring')
      throw errors.conflict('pks_not_in_force', {
        id: `PKS berstatus "${terms.status}"; hak akses hanya dari PKS yang berlaku.`,
        en: `The agreement is "${terms.status}"; access is granted only under an agreement in force.`,
      });
    if (!terms.juknisApproved)
      throw errors.conflict('juknis_not_approved', {
        id: 'Juknis belum disetujui; akses belum dapat dibuka.',
        en: 'The technical guidelines (juknis) are not approved yet; access cannot be opened.',
      });
    if (input.environment === 'production' && !(await repo.hasPassedTrial(trx, agreementId)))
      throw errors.conflict('trial_not_passed', {
        id: 'Akses produksi hanya setelah uji coba dinyatakan lulus.',
        en: 'Production access only after a passed trial.',
      });
    const id = newId();
    const compiled = compileGrant(terms, {
      credentialId: id,
      environment: input.environment,
      methods: [input.kind],
      operations: input.operations ?? defaultOperations([input.kind]),
      elements: input.elements,
      ipAllow: input.ipAllow ?? [],
      hours: input.hours ?? null,
      dailyQuota: input.dailyQuota ?? null,
      status: 'active',
    });
    const confirmedWide = confirmWideRanges(input.ipAllow, input.confirmWideRanges);
    let secret: string | undefined;
    let userId: string | null = null;
    let customerId: string | null = null;
    if (input.kind === 'web_service') {
      customerId = input.customerId ?? terms.institutionId;
      userId = input.userId ?? `ws-${shortCode(10)}`;
      if (await repo.userIdTaken(trx, userId))
        throw new DomainError(
          'conflict',
          'user_id_taken',
          { id: `User ID "${userId}" sudah dipakai.`, en: `User id "${userId}" is taken.` },
          [{ field: 'body.userId', message: { id: 'sudah dipakai', en: 'is taken' } }],
        );
      secret = randomToken(32);
    }
    const now = d.now().toISOString();
    const row: AccessGrantTable = {
      id,
      agreement_id: agreementId,
      institution_id: terms.institutionId,
      office_id: terms.officeId,
      kind: input.kind,
      environment: input.environment,
      label: input.label ?? `${input.kind} ${input.environment}`,
      customer_id: customerId,
      user_id: userId,
      secret_hash: secret ? sha256(secret) : null,
      secret_expires_at: input.secretExpiresAt ?? null,
      elements: JSON.stringify(compiled.elements),
      ip_allow: JSON.stringify(compiled.ipAllow),
      hours: compiled.hours ? JSON.stringify(compiled.hours) : null,
      daily_quota: compiled.dailyQuota,
      status: 'active',
      status_reason: null,
      pks_version_hash: terms.versionHash,
      compiled: JSON.stringify(storable(compiled)),
      trial_result: null,
      trial_note: null,
      trial_recorded_at: null,
      created_by: actor === 'system' ? null : actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertGrant(trx, row);
    await record(trx, d, actor, ctx, 'grant.create', row, {
      kind: row.kind,
      environment: row.environment,
      userId: row.user_id,
      operations: compiled.operations.join(' '),
      ipAllow: compiled.ipAllow.join(' '),
      dailyQuota: row.daily_quota,
      ...(confirmedWide ? { confirmedWideRanges: confirmedWide } : {}),
    });
    return { grant: toView(row), ...(secret ? { secret } : {}) };
  });
}

async function loadForChange(db: Q, actor: Provisioner, grantId: string) {
  const row = await repo.findGrant(db, grantId);
  if (!row) throw errors.notFound({ id: 'Hak akses', en: 'The grant' });
  requireProvisioner(actor, row.office_id);
  return row;
}

/** What may change on a grant (everything is recompiled against the PKS's current version). */
export interface GrantPatch {
  label?: string;
  elements?: string[];
  operations?: string[];
  ipAllow?: string[];
  /** As GrantInput's: needed when the new ipAllow holds a wide or link-local range. */
  confirmWideRanges?: boolean;
  hours?: HoursWindow | null;
  dailyQuota?: number | null;
  secretExpiresAt?: string | null;
}

/** Changes a grant's terms; recompiled from the PKS, effective on the next request. */
export async function updateGrant(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  grantId: string,
  patch: GrantPatch,
) {
  return inTransaction(d, { what: 'grant.update' }, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    if (row.status === 'revoked') throw revokedError();
    const terms = await termsFor(trx, row.agreement_id);
    const current = toView(row);
    const compiled = compileGrant(terms, {
      credentialId: row.id,
      environment: row.environment,
      methods: [row.kind],
      operations: patch.operations ?? current.operations,
      // Unless the patch names them, the elements stay as they are within the PKS in force.
      elements: patch.elements ?? current.elements.filter((e) => terms.elements.includes(e)),
      ipAllow: patch.ipAllow ?? current.ipAllow,
      hours: patch.hours !== undefined ? patch.hours : current.hours,
      dailyQuota: patch.dailyQuota !== undefined ? patch.dailyQuota : current.dailyQuota,
      status: row.status,
    });
    // Only a new allow-list is checked: one confirmed before stays as it was when other terms change.
    const confirmedWide = patch.ipAllow ? confirmWideRanges(patch.ipAllow, patch.confirmWideRanges) : null;
    const next: AccessGrantTable = {
      ...row,
      label: patch.label ?? row.label,
      secret_expires_at: patch.secretExpiresAt !== undefined ? patch.secretExpiresAt : row.secret_expires_at,
      elements: JSON.stringify(compiled.elements),
      ip_allow: JSON.stringify(compiled.ipAllow),
      hours: compiled.hours ? JSON.stringify(compiled.hours) : null,
      daily_quota: compiled.dailyQuota,
      pks_version_hash: terms.versionHash,
      compiled: JSON.stringify(storable(compiled)),
      updated_at: d.now().toISOString(),
    };
    await repo.updateGrant(trx, row.id, next);
    await record(trx, d, actor, ctx, 'grant.update', next, {
      ipAllow: compiled.ipAllow.join(' '),
      dailyQuota: next.daily_quota,
      hours: next.hours,
      ...(confirmedWide ? { confirmedWideRanges: confirmedWide } : {}),
    });
    return (await viewsWithUsage(d, [next], trx))[0] ?? toView(next);
  });
}

function revokedError() {
  return errors.conflict('grant_revoked', {
    id: 'Hak akses sudah dicabut.',
    en: 'The grant has been revoked.',
  });
}

/** Replaces a web-service secret; the new one is shown once and the old one stops at once. */
export async function rotateSecret(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  grantId: string,
  secretExpiresAt?: string | null,
): Promise<GrantWithSecret> {
  return inTransaction(d, { what: 'grant.rotate' }, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    if (row.kind !== 'web_service')
      throw errors.conflict('not_a_credential', {
        id: 'Hanya kredensial web service yang memiliki secret.',
        en: 'Only web-service credentials have a secret.',
      });
    if (row.status === 'revoked') throw revokedError();
    const secret = randomToken(32);
    const next: AccessGrantTable = {
      ...row,
      secret_hash: sha256(secret),
      secret_expires_at: secretExpiresAt !== undefined ? secretExpiresAt : row.secret_expires_at,
      updated_at: d.now().toISOString(),
    };
    await repo.updateGrant(trx, row.id, {
      secret_hash: next.secret_hash,
      secret_expires_at: next.secret_expires_at,
      updated_at: next.updated_at,
    });
    await record(trx, d, actor, ctx, 'grant.rotate', next, {});
    return { grant: toView(next), secret };
  });
}

/** Suspends, resumes or revokes a grant; effective on the next request. A revoked grant stays revoked. */
export async function setGrantStatus(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  grantId: string,
  status: AccessGrantTable['status'],
  reason: string | null,
) {
  return inTransaction(d, { what: 'grant.status' }, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    const next = await grantStatusIn(trx, d.now(), whoOf(actor, ctx), row, status, reason);
    return (await viewsWithUsage(d, [next], trx))[0] ?? toView(next);
  });
}

/**
 * A grant's new status in the caller's transaction, with its decision (grant.suspend, grant.resume, grant.revoke):
 * setGrantStatus's path, and the anomaly detector's (modules/anomalies/subjects.ts). The caller announces it.
 */
async function grantStatusIn(
  trx: Q,
  at: Date,
  who: DecisionActor,
  row: AccessGrantTable,
  status: AccessGrantTable['status'],
  reason: string | null,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<AccessGrantTable> {
  const stored = JSON.parse(row.compiled) as Grant;
  if (row.status === 'revoked' && status !== 'revoked') throw revokedError();
  if (status === 'active') {
    const terms = await termsFor(trx, row.agreement_id);
    if (terms.status !== 'active' && terms.status !== 'expiring')
      throw errors.conflict('pks_not_in_force', {
        id: `PKS berstatus "${terms.status}"; hak akses tidak dapat dilanjutkan.`,
        en: `The agreement is "${terms.status}"; the grant cannot be resumed.`,
      });
  }
  const next: AccessGrantTable = {
    ...row,
    status,
    status_reason: reason,
    compiled: JSON.stringify({ ...stored, status }),
    updated_at: at.toISOString(),
  };
  await repo.updateGrant(trx, row.id, {
    status,
    status_reason: reason,
    compiled: next.compiled,
    updated_at: next.updated_at,
  });
  const action = status === 'active' ? 'grant.resume' : status === 'suspended' ? 'grant.suspend' : 'grant.revoke';
  await recordAs(trx, at, who, action, next, { reason: reason ? safeText(reason, 200) : null, ...detail });
  return next;
}

/** What an access status change acts on: a grant (its credential), a card-reader device, a portal operator. */
export interface AccessSubject {
  kind: 'grant' | 'device' | 'operator';
  id: string;
}

/**
 * Sets a grant's, device's or operator's status in the caller's transaction with its decision on the record, by
 * `who` — without the provisioner's authorization (the anomaly detector and its reviewer, who decide on a
 * finding; the caller authorizes and announces the change). Returns the status before, or null when the subject
 * does not exist. A revoked subject is never made active again.
 */
export async function changeAccessStatusIn(
  trx: Q,
  at: Date,
  who: DecisionActor,
  subject: AccessSubject,
  status: 'active' | 'suspended' | 'revoked',
  reason: string | null,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<AccessGrantTable['status'] | null> {
  if (subject.kind === 'grant') {
    const row = await repo.findGrant(trx, subject.id);
    if (!row) return null;
    await grantStatusIn(trx, at, who, row, status, reason, detail);
    return row.status;
  }
  const target =
    subject.kind === 'device' ? await repo.findDevice(trx, subject.id) : await repo.findOperator(trx, subject.id);
  if (!target) return null;
  if (target.status === 'revoked' && status !== 'revoked') throw revokedError();
  const row = await repo.findGrant(trx, target.grant_id);
  if (!row) return null;
  const verb = status === 'active' ? 'resume' : status === 'suspended' ? 'suspend' : null;
  const why = { reason: reason ? safeText(reason, 200) : null, ...detail };
  if (subject.kind === 'device') {
    await repo.setDeviceStatus(trx, subject.id, status);
    await recordAs(trx, at, who, `device.${verb ?? 'revoke'}`, row, { deviceId: subject.id, ...why });
  } else {
    await repo.setOperatorStatus(trx, subject.id, status);
    await recordAs(trx, at, who, `operator.${verb ?? 'remove'}`, row, { operatorId: subject.id, ...why });
  }
  return target.status;
}

/** Records the result of a trial grant's uji coba (production needs a passed one). */
export async function recordTrial(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  grantId: string,
  passed: boolean,
  note: string | null,
) {
  return inTransaction(d, null, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    if (row.environment !== 'trial')
      throw errors.conflict('not_a_trial', {
        id: 'Hasil uji coba dicatat pada hak akses uji coba.',
        en: 'Trial results are recorded on a trial grant.',
      });
    const next: AccessGrantTable = {
      ...row,
      trial_result: passed ? 'passed' : 'failed',
      trial_note: note,
      trial_recorded_at: d.now().toISOString(),
      updated_at: d.now().toISOString(),
    };
    await repo.updateGrant(trx, row.id, {
      trial_result: next.trial_result,
      trial_note: note,
      trial_recorded_at: next.trial_recorded_at,
      updated_at: next.updated_at,
    });
    await record(trx, d, actor, ctx, 'grant.trial', next, { passed, note: note ? safeText(note, 200) : null });
    return toView(next);
  });
}

/** A card-reader device as shown. */
export interface DeviceView {
  id: string;
  grantId: string;
  institutionId: string;
  serial: string;
  pcid: string;
  publicKey: string;
  status: 'active' | 'suspended' | 'revoked';
  createdAt: string;
}

function deviceView(r: Awaited<ReturnType<typeof repo.findDevice>> & object): DeviceView {
  return {
    id: r.id,
    grantId: r.grant_id,
    institutionId: r.institution_id,
    serial: r.serial,
    pcid: r.pcid,
    publicKey: r.public_key,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** Registers a card-reader device (serial, PCID, Ed25519 public key) under a card_reader grant. */
export async function addDevice(
  d: Deps,
  actor: Provisioner,
  ctx: DecisionContext,
  grantId: string,
  input: { serial: string; pcid: string; publicKey: string },
): Promise<DeviceView> {
  return inTransaction(d, null, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    if (row.kind !== 'card_reader')
      throw errors.conflict('not_a_card_reader_grant', {
        id: 'Perangkat hanya didaftarkan pada hak akses card reader.',
        en: 'Devices are registered under a card-reader grant.',
      });
    let key: crypto.KeyObject;
    try {
      key = crypto.createPublicKey(input.publicKey);
    } catch {
      key = undefined as never;
    }
    if (!key || key.asymmetricKeyType !== 'ed25519')
      throw errors.invalid(
        'public_key_invalid',
        { id: 'Kunci publik harus Ed25519 (PEM).', en: 'The public key must be an Ed25519 PEM.' },
        [{ field: 'body.publicKey', message: { id: 'bukan kunci Ed25519', en: 'is not an Ed25519 key' } }],
      );
    if (await repo.findDeviceByPcid(trx, input.pcid))
      throw errors.conflict('pcid_taken', { id: 'PCID sudah terdaftar.', en: 'The PCID is already registered.' });
    const device = {
      id: newId(),
      grant_id: row.id,
      institution_id: row.institution_id,
      serial: input.serial,
      pcid: input.pcid,
      public_key: key.export({ type: 'spki', format: 'pem' }).toString(),
      status: 'active' as const,
      created_by: actor === 'system' ? null : actor.userId,
      created_at: d.now().toISOString(),
    };
    await repo.insertDevice(trx, device);
    await record(trx, d, actor, ctx, 'device.register', row, { deviceId: device.id, serial: safeText(input.serial) });
    return deviceView(device);
  });
}

/** Revokes a device; its next read is refused. */
export async function revokeDevice(d: Deps, actor: Provisioner, ctx: DecisionContext, deviceId: string) {
  return inTransaction(d, { what: 'device.revoke' }, async (trx) => {
    const dev = await repo.findDevice(trx, deviceId);
    if (!dev) throw errors.notFound({ id: 'Perangkat', en: 'The device' });
    const row = await loadForChange(trx, actor, dev.grant_id);
    await repo.setDeviceStatus(trx, deviceId, 'revoked');
    await record(trx, d, actor, ctx, 'device.revoke', row, { deviceId });
    return deviceView({ ...dev, status: 'revoked' });
  });
}

/** Devices of a grant. */
export async function listDevices(d: Deps, actor: Actor, grantId: string) {
  const row = await viewable(d, actor, grantId);
  return (await repo.devicesOf(d.rt.db, row.id)).map(deviceView);
}

/** Portal operators of a grant. */
export async function listOperators(d: Deps, actor: Actor, grantId: string) {
  const row = await viewable(d, actor, grantId);
  return (await repo.operatorsOf(d.rt.db, row.id)).map((o) => ({
    id: o.id,
    userId: o.user_id,
    username: o.username,
    displayName: o.display_name,
    status: o.status,
    createdAt: o.created_at,
  }));
}

/** Allows one of the institution's users to use the web portal under a web_portal grant. */
export async function addOperator(d: Deps, actor: Provisioner, ctx: DecisionContext, grantId: string, userId: string) {
  return inTransaction(d, null, async (trx) => {
    const row = await loadForChange(trx, actor, grantId);
    if (row.kind !== 'web_portal')
      throw errors.conflict('not_a_portal_grant', {
        id: 'Operator hanya ditambahkan pada hak akses web portal.',
        en: 'Operators are added under a web-portal grant.',
      });
    const user = await repo.findUser(trx, userId);
    if (!user || user.institution_id !== row.institution_id)
      throw errors.invalid(
        'operator_not_of_institution',
        { id: 'Operator harus pengguna lembaga ini.', en: "The operator must be one of the institution's users." },
        [{ field: 'body.userId', message: { id: 'bukan pengguna lembaga', en: 'is not a user of the institution' } }],
      );
    const op = {
      id: newId(),
      grant_id: row.id,
      user_id: userId,
      status: 'active' as const,
      created_by: actor === 'system' ? null : actor.userId,
      created_at: d.now().toISOString(),
    };
    await repo.insertOperator(trx, op);
    await record(trx, d, actor, ctx, 'operator.add', row, { operatorId: op.id, userId });
    return { id: op.id, userId, username: user.username, status: op.status, createdAt: op.created_at };
  });
}

/** Withdraws a portal operator. */
export async function removeOperator(d: Deps, actor: Provisioner, ctx: DecisionContext, operatorId: string) {
  return inTransaction(d, { what: 'operator.remove' }, async (trx) => {
    const op = await repo.findOperator(trx, operatorId);
    if (!op) throw errors.notFound({ id: 'Operator', en: 'The operator' });
    const row = await loadForChange(trx, actor, op.grant_id);
    await repo.setOperatorStatus(trx, operatorId, 'revoked');
    await record(trx, d, actor, ctx, 'operator.remove', row, { operatorId });
    return { id: op.id, status: 'revoked' as const };
  });
}

async function viewable(d: Deps, actor: Actor, grantId: string) {
  const row = await repo.findGrant(d.rt.db, grantId);
  if (!row) throw errors.notFound({ id: 'Hak akses', en: 'The grant' });
  const chain = await officeChain(d.rt.db, row.office_id);
  if (!canViewGrants(actor, { institutionId: row.institution_id, officeChain: chain })) throw errors.forbidden();
  return row;
}

/** One grant. */
export async function getGrant(d: Deps, actor: Actor, grantId: string) {
  const [view] = await viewsWithUsage(d, [await viewable(d, actor, grantId)]);
  if (!view) throw errors.notFound({ id: 'Hak akses', en: 'Grant' });
  return view;
}
