/** All SQL of the review of anomaly findings (issue 13): findings, their subjects' names, the offices' rule settings. */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AnomalyFindingTable, AnomalyRuleSettingTable } from '../../db/schema-anomalies.js';
import type { GrantStatus, RegistrationStatus } from '../../../domain/grant/grant.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One finding row. */
export type FindingRow = AnomalyFindingTable;

/** A finding with the names the screens show. */
export interface FindingListRow extends FindingRow {
  institution_name: string | null;
  office_name: string;
}

/** A finding by id. */
export function findFinding(db: Q, id: string): Promise<FindingRow | undefined> {
  return db.selectFrom('anomaly_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a finding. */
export async function insertFinding(db: Q, row: FindingRow): Promise<void> {
  await db.insertInto('anomaly_findings').values(row).execute();
}

/** Findings of some offices or one institution, newest first (at most `limit`). */
export function listFindings(
  db: Q,
  scope: { officeIds: readonly string[] | null; institutionId?: string },
  filter: { status?: 'open' | 'decided'; institutionId?: string; rule?: string },
  limit: number,
): Promise<FindingListRow[]> {
  let q = db
    .selectFrom('anomaly_findings as f')
    .innerJoin('offices as o', 'o.id', 'f.office_id')
    .leftJoin('institutions as i', 'i.id', 'f.institution_id')
    .selectAll('f')
    .select(['i.name as institution_name', 'o.name as office_name']);
  if (scope.officeIds) q = q.where('f.office_id', 'in', scope.officeIds.length ? [...scope.officeIds] : ['']);
  if (scope.institutionId) q = q.where('f.institution_id', '=', scope.institutionId);
  if (filter.institutionId) q = q.where('f.institution_id', '=', filter.institutionId);
  if (filter.rule) q = q.where('f.rule', '=', filter.rule);
  if (filter.status === 'open') q = q.where('f.status', '=', 'open');
  if (filter.status === 'decided') q = q.where('f.status', '!=', 'open');
  return q.orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(limit).execute();
}

/** Records the reviewer's decision only if the finding is still open; false when someone decided it meanwhile. */
export async function decideIfOpen(
  db: Q,
  id: string,
  patch: Pick<FindingRow, 'status' | 'outcome' | 'decided_by' | 'decided_at' | 'decision_note' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('anomaly_findings')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Binds a finding to its review case. */
export async function setCase(db: Q, id: string, caseId: string, at: string): Promise<void> {
  await db.updateTable('anomaly_findings').set({ case_id: caseId, updated_at: at }).where('id', '=', id).execute();
}

/** A stored setting with its parameters decoded. */
export interface RuleSetting extends Omit<AnomalyRuleSettingTable, 'params'> {
  params: Record<string, number>;
}

const ParamsCodec = Type.Record(Type.String(), Type.Number());

/** An office's stored settings, one row per rule it tuned. */
export async function settingsOf(db: Q, officeId: string): Promise<RuleSetting[]> {
  const rows = await db.selectFrom('anomaly_rule_settings').selectAll().where('office_id', '=', officeId).execute();
  return rows.map((r) => ({ ...r, params: Value.Parse(ParamsCodec, JSON.parse(r.params)) }));
}

/** A finding's evidence, decoded (aggregates under their names). */
export function evidenceOf(row: Pick<FindingRow, 'evidence'>): Record<string, unknown> {
  return Value.Parse(Type.Record(Type.String(), Type.Unknown()), JSON.parse(row.evidence));
}

/** A user's display name. */
export async function userName(db: Q, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

/** Writes an office's setting of one rule. */
export async function upsertSetting(db: Q, row: AnomalyRuleSettingTable): Promise<void> {
  await db
    .insertInto('anomaly_rule_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['office_id', 'rule']).doUpdateSet({
        enabled: row.enabled,
        params: row.params,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** False positives per rule of an office. */
export async function falsePositives(db: Q, officeId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('anomaly_findings')
    .select(['rule', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('office_id', '=', officeId)
    .where('status', '=', 'false_positive')
    .groupBy('rule')
    .execute();
  return new Map(rows.map((r) => [r.rule, Number(r.n)]));
}

/** An office's name, code and level. */
export function officeOf(db: Q, id: string) {
  return db.selectFrom('offices').select(['id', 'name', 'code', 'level']).where('id', '=', id).executeTakeFirst();
}

/** An institution's name and office. */
export function institutionOf(db: Q, id: string) {
  return db.selectFrom('institutions').select(['id', 'name', 'office_id']).where('id', '=', id).executeTakeFirst();
}

/** What a subject is called on screen: a credential's label and login, a device's serial, an operator's name. */
export async function subjectName(
  db: Q,
  kind: FindingRow['subject_kind'],
  id: string | null,
): Promise<{ name: string; status: GrantStatus | RegistrationStatus | null } | null> {
  if (!kind || !id) return null;
  if (kind === 'grant') {
    const g = await db
      .selectFrom('access_grants')
      .select(['label', 'user_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    return g ? { name: g.user_id ? `${g.label} (${g.user_id})` : g.label, status: g.status } : null;
  }
  if (kind === 'device') {
    const d = await db
      .selectFrom('access_devices')
      .select(['serial', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    return d ? { name: d.serial, status: d.status } : null;
  }
  const o = await db
    .selectFrom('access_operators as op')
    .innerJoin('users as u', 'u.id', 'op.user_id')
    .select(['u.display_name', 'op.status'])
    .where('op.id', '=', id)
    .executeTakeFirst();
  return o ? { name: o.display_name, status: o.status } : null;
}

/** An audit entry's time, channel action and institution (for a resident's report; never its NIK hash). */
export function auditEntryOf(db: Q, id: string) {
  return db
    .selectFrom('audit_entries')
    .select(['id', 'seq', 'time', 'action', 'institution_id', 'actor_kind', 'actor_id', 'operator_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Per institution: findings raised in a window, with their status and severity counted. */
export async function countsByInstitution(
  db: Q,
  q: { institutionIds: readonly string[] | null; from?: string; to?: string },
) {
  let query = db
    .selectFrom('anomaly_findings')
    .select((eb) => [
      'institution_id',
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
      eb.fn.sum<number | string>(eb.case().when('severity', '=', 'high').then(1).else(0).end()).as('high'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'confirmed').then(1).else(0).end()).as('confirmed'),
      eb.fn
        .sum<number | string>(eb.case().when('status', '=', 'false_positive').then(1).else(0).end())
        .as('false_positive'),
    ])
    .where('institution_id', 'is not', null);
  if (q.institutionIds)
    query = query.where('institution_id', 'in', q.institutionIds.length ? [...q.institutionIds] : ['']);
  if (q.from) query = query.where('created_at', '>=', q.from);
  if (q.to) query = query.where('created_at', '<=', q.to);
  return query.groupBy('institution_id').execute();
}
