/** The usage API's SQL: ledger rows grouped as asked, within the caller's institutions, and their labels. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ALL_DATA_CALL_ACTIONS, ANSWERED_CODES } from '../../../domain/audit/actions.js';

type Q = Kysely<DB> | Transaction<DB>;

/** What the ledger is filtered on. */
export interface UsageFilter {
  /** The institutions the caller may see; null: all (pusat). */
  visible: readonly string[] | null;
  institutionId?: string | undefined;
  agreementId?: string | undefined;
  grantId?: string | undefined;
  channel?: string | undefined;
  from: string;
  to: string;
}

/** The groupings over usage_calls. */
export type CallGrouping = 'day' | 'month' | 'channel' | 'result' | 'operator' | 'institution';

/** A grouped row: its key (and actor kind for operators), calls and answered calls. */
export interface GroupRow {
  key: string;
  kind: string | null;
  calls: number;
  answered: number;
}

function keyOf(by: CallGrouping) {
  switch (by) {
    case 'day':
      return sql<string>`day`;
    case 'month':
      return sql<string>`substr(day, 1, 7)`;
    case 'channel':
      return sql<string>`channel`;
    case 'result':
      return sql<string>`result_code`;
    case 'operator':
      return sql<string>`actor_id`;
    case 'institution':
      return sql<string>`institution_id`;
  }
}

/** The filter as one SQL condition over either ledger table (both carry these columns). */
function condition(f: UsageFilter) {
  const c = [sql`day >= ${f.from}`, sql`day <= ${f.to}`];
  if (f.visible)
    c.push(f.visible.length ? sql`institution_id in (${sql.join(f.visible.map((v) => sql`${v}`))})` : sql`1 = 0`);
  if (f.institutionId) c.push(sql`institution_id = ${f.institutionId}`);
  if (f.agreementId) c.push(sql`agreement_id = ${f.agreementId}`);
  if (f.grantId) c.push(sql`grant_id = ${f.grantId}`);
  if (f.channel) c.push(sql`channel = ${f.channel}`);
  return sql<boolean>`${sql.join(c, sql` and `)}`;
}

function calls(db: Q, f: UsageFilter) {
  return db.selectFrom('usage_calls').where(condition(f));
}

const answered = () => sql.join(ANSWERED_CODES.map((c) => sql`${c}`));

/** Calls and answered calls grouped by one dimension. */
export async function callGroups(db: Q, f: UsageFilter, by: CallGrouping): Promise<GroupRow[]> {
  const key = keyOf(by);
  const kind = by === 'operator' ? sql<string>`actor_kind` : sql<string | null>`null`;
  const rows = await calls(db, f)
    .select([
      key.as('k'),
      kind.as('kind'),
      sql<number>`sum(count)`.as('calls'),
      sql<number>`sum(case when result_code in (${answered()}) then count else 0 end)`.as('answered'),
    ])
    .groupBy(by === 'operator' ? [sql`1`, sql`2`] : [sql`1`])
    .execute();
  return rows.map((r) => ({ key: String(r.k), kind: r.kind, calls: Number(r.calls), answered: Number(r.answered) }));
}

/** The totals of the filter. */
export async function callTotals(db: Q, f: UsageFilter): Promise<{ calls: number; answered: number }> {
  const r = await calls(db, f)
    .select([
      sql<number>`coalesce(sum(count), 0)`.as('calls'),
      sql<number>`coalesce(sum(case when result_code in (${answered()}) then count else 0 end), 0)`.as('answered'),
    ])
    .executeTakeFirst();
  return { calls: Number(r?.calls ?? 0), answered: Number(r?.answered ?? 0) };
}

/** Disclosures per element code. */
export async function elementGroups(db: Q, f: UsageFilter): Promise<{ key: string; count: number }[]> {
  const rows = await db
    .selectFrom('usage_elements')
    .where(condition(f))
    .select(['element', sql<number>`sum(count)`.as('n')])
    .groupBy('element')
    .execute();
  return rows.map((r) => ({ key: r.element, count: Number(r.n) }));
}

/** Calls per actor (kind and id) of one PKS over a period, with the result split (for the semester report). */
export async function agreementBreakdown(db: Q, agreementId: string, from: string, to: string) {
  return db
    .selectFrom('usage_calls')
    .select(['channel', 'result_code', 'actor_kind', 'actor_id', sql<number>`sum(count)`.as('n')])
    .where('agreement_id', '=', agreementId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['channel', 'result_code', 'actor_kind', 'actor_id'])
    .execute();
}

/** Distinct residents (NIK hashes) answered under one PKS between two instants (the institution's index). */
export async function residentsServed(
  db: Q,
  q: { institutionId: string; agreementId: string; fromUtc: string; toUtc: string },
): Promise<number> {
  const r = await db
    .selectFrom('audit_entries')
    .select(sql<number>`count(distinct nik_hash)`.as('n'))
    .where('institution_id', '=', q.institutionId)
    .where('time', '>=', q.fromUtc)
    .where('time', '<', q.toUtc)
    .where('pks_id', '=', q.agreementId)
    .where('action', 'in', [...ALL_DATA_CALL_ACTIONS])
    .where('result_code', 'in', [...ANSWERED_CODES])
    .where('nik_hash', 'is not', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** An agreement's institution and office, or undefined. */
export function agreementOwner(db: Q, agreementId: string) {
  return db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .select(['agreements.institution_id', 'institutions.office_id'])
    .where('agreements.id', '=', agreementId)
    .executeTakeFirst();
}

/** A grant's institution, or undefined. */
export function grantOwner(db: Q, grantId: string) {
  return db.selectFrom('access_grants').select(['institution_id']).where('id', '=', grantId).executeTakeFirst();
}

/** An institution's office, or undefined. */
export function institutionRow(db: Q, institutionId: string) {
  return db.selectFrom('institutions').select(['id', 'office_id']).where('id', '=', institutionId).executeTakeFirst();
}

/** Names of institutions. */
export async function institutionNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('institutions')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Display names of users (portal operators). */
export async function userNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Serial numbers of card-reader devices. */
export async function deviceSerials(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('access_devices')
    .select(['id', 'serial'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.serial]));
}

/** Labels of grants (credentials). */
export async function grantLabels(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('access_grants')
    .select(['id', 'label'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Active grants of institutions: their ids and daily quotas (null: unlimited). */
export async function activeGrants(db: Q, institutionIds: readonly string[]) {
  if (!institutionIds.length) return [];
  return db
    .selectFrom('access_grants')
    .select(['id', 'institution_id', 'daily_quota'])
    .where('institution_id', 'in', [...institutionIds])
    .where('status', '=', 'active')
    .execute();
}

/** Calls counted against the quota on one day by some grants (access_usage, written with the audit commit). */
export async function usedOn(db: Q, grantIds: readonly string[], day: string): Promise<number> {
  if (!grantIds.length) return 0;
  const r = await db
    .selectFrom('access_usage')
    .select(sql<number>`coalesce(sum(count), 0)`.as('n'))
    .where('grant_id', 'in', [...grantIds])
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
