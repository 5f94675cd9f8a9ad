/**
 * The usage ledger's SQL: the cursor, the audit entries after it, what places them (offices, devices, operators),
 * the counters' upserts, the totals reconciliation compares, and the rebuild's truncation.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ALL_DATA_CALL_ACTIONS } from '../../../domain/audit/actions.js';
import type { CallCount, ElementCount, FoldEntry, ReconcileTotal } from '../../../domain/usage/fold.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The cursor: last audit seq folded and the newest entry time folded. */
export interface Cursor {
  lastSeq: number;
  asOf: string | null;
}

/** The ledger's cursor (the row the migration created). */
export async function readCursor(db: Q): Promise<Cursor> {
  const r = await db.selectFrom('usage_cursor').select(['last_seq', 'as_of']).where('id', '=', 1).executeTakeFirst();
  return { lastSeq: Number(r?.last_seq ?? 0), asOf: r?.as_of ?? null };
}

/** The last seq sealed into a batch (shared by the log's followers: audit.repository.ts). */
export { sealedEnd } from '../access/audit/audit.repository.js';

/** Entries after `seq` up to `end`, in order, at most `limit`. */
export async function entriesAfter(db: Q, seq: number, end: number, limit: number): Promise<FoldEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select([
      'seq',
      'time',
      'action',
      'actor_kind',
      'actor_id',
      'institution_id',
      'pks_id',
      'elements',
      'result_code',
      'detail',
    ])
    .where('seq', '>', seq)
    .where('seq', '<=', end)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null;
    const grantId = detail && typeof detail.grantId === 'string' ? detail.grantId : null;
    return {
      seq: Number(r.seq),
      time: r.time,
      action: r.action,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      institutionId: r.institution_id,
      pksId: r.pks_id,
      elements: JSON.parse(r.elements) as string[],
      resultCode: r.result_code,
      grantId,
    };
  });
}

/** The office of each institution. */
export async function officesOf(db: Q, institutionIds: readonly string[]): Promise<Map<string, string>> {
  if (!institutionIds.length) return new Map();
  const rows = await db
    .selectFrom('institutions')
    .select(['id', 'office_id'])
    .where('id', 'in', [...institutionIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.office_id]));
}

/** The grant of each device. */
export async function deviceGrants(db: Q, deviceIds: readonly string[]): Promise<Map<string, string>> {
  if (!deviceIds.length) return new Map();
  const rows = await db
    .selectFrom('access_devices')
    .select(['id', 'grant_id'])
    .where('id', 'in', [...deviceIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.grant_id]));
}

/** The lowest grant id of each operator user (the same rule as reconciliation's SQL). */
export async function operatorGrants(db: Q, userIds: readonly string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom('access_operators')
    .select(['user_id', sql<string>`min(grant_id)`.as('grant_id')])
    .where('user_id', 'in', [...userIds])
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.grant_id]));
}

/** Moves the cursor from `from` to `to` only if nobody moved it meanwhile; false when someone did. */
export async function advanceCursor(trx: Q, from: number, to: number, asOf: string | null, now: string) {
  const r = await trx
    .updateTable('usage_cursor')
    .set((eb) => ({
      last_seq: to,
      // The newest entry time folded so far (entries are not in time order: the demo's history is older).
      as_of:
        asOf === null
          ? eb.ref('as_of')
          : sql<string>`case when as_of is null or as_of < ${asOf} then ${asOf} else as_of end`,
      updated_at: now,
    }))
    .where('id', '=', 1)
    .where('last_seq', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const CHUNK = 400;

/** Adds call counters (one row per key). */
export async function addCalls(trx: Q, rows: readonly CallCount[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('usage_calls')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          day: r.day,
          institution_id: r.institutionId,
          agreement_id: r.agreementId,
          grant_id: r.grantId,
          channel: r.channel,
          result_code: r.resultCode,
          actor_kind: r.actorKind,
          actor_id: r.actorId,
          count: r.count,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns([
            'day',
            'institution_id',
            'agreement_id',
            'grant_id',
            'channel',
            'result_code',
            'actor_kind',
            'actor_id',
          ])
          .doUpdateSet((eb) => ({ count: eb(eb.ref('usage_calls.count'), '+', eb.ref('excluded.count')) })),
      )
      .execute();
}

/** Adds element counters (one row per key). */
export async function addElements(trx: Q, rows: readonly ElementCount[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('usage_elements')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          day: r.day,
          institution_id: r.institutionId,
          agreement_id: r.agreementId,
          grant_id: r.grantId,
          channel: r.channel,
          actor_kind: r.actorKind,
          actor_id: r.actorId,
          element: r.element,
          count: r.count,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns([
            'day',
            'institution_id',
            'agreement_id',
            'grant_id',
            'channel',
            'actor_kind',
            'actor_id',
            'element',
          ])
          .doUpdateSet((eb) => ({ count: eb(eb.ref('usage_elements.count'), '+', eb.ref('excluded.count')) })),
      )
      .execute();
}

/** Empties the ledger and sets the cursor back to the log's start (the rebuild's first step). */
export async function truncateLedger(trx: Q, now: string): Promise<void> {
  await trx.deleteFrom('usage_calls').execute();
  await trx.deleteFrom('usage_elements').execute();
  await trx
    .updateTable('usage_cursor')
    .set({ last_seq: 0, as_of: null, updated_at: now })
    .where('id', '=', 1)
    .execute();
}

/** The ledger's calls per day, institution, grant, channel and result code. */
export async function ledgerTotals(db: Q): Promise<ReconcileTotal[]> {
  const rows = await db
    .selectFrom('usage_calls')
    .select(['day', 'institution_id', 'grant_id', 'channel', 'result_code', sql<number>`sum(count)`.as('n')])
    .groupBy(['day', 'institution_id', 'grant_id', 'channel', 'result_code'])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    institutionId: r.institution_id,
    grantId: r.grant_id,
    channel: r.channel,
    resultCode: r.result_code,
    count: Number(r.n),
  }));
}

/** One group of the log's data calls: its UTC date, which side of each offset's day boundary, and the rest. */
export interface LogGroup {
  utcDate: string;
  /** Per offset (minutes), whether the entries are past that offset's local midnight in UTC time of day. */
  late: Map<number, boolean>;
  institutionId: string;
  grantId: string;
  action: string;
  resultCode: string;
  count: number;
}

function isPostgres(db: Q): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The log's data calls with an institution, up to `end`, grouped in SQL by UTC date, the side of each office
 * offset's day boundary ("HH:MM" UTC), institution, grant (detail.grantId, else the credential, the device's grant
 * or the operator's lowest grant), action and result code — an independent count to hold the ledger against.
 */
export async function logGroups(db: Q, end: number, boundaries: ReadonlyMap<number, string>): Promise<LogGroup[]> {
  const actions = sql.join(ALL_DATA_CALL_ACTIONS.map((a) => sql`${a}`));
  const detailGrant = isPostgres(db)
    ? sql<string | null>`(e.detail::jsonb ->> 'grantId')`
    : sql<string | null>`json_extract(e.detail, '$.grantId')`;
  const grant = sql<string>`coalesce(${detailGrant}, case e.actor_kind
      when 'credential' then e.actor_id
      when 'device' then (select d.grant_id from access_devices d where d.id = e.actor_id)
      when 'operator' then (select min(o.grant_id) from access_operators o where o.user_id = e.actor_id)
    end, '')`;
  const offsets = [...boundaries.keys()];
  const lateCols = offsets.map(
    (o, i) => sql`case when substr(e.time, 12, 5) >= ${boundaries.get(o)} then 1 else 0 end as ${sql.ref(`late_${i}`)}`,
  );
  const cols = [
    sql`substr(e.time, 1, 10) as utc_date`,
    ...lateCols,
    sql`e.institution_id as institution_id`,
    sql`${grant} as grant_id`,
    sql`e.action as action`,
    sql`e.result_code as result_code`,
    sql`count(*) as n`,
  ];
  // Grouped by position: the expressions carry parameters, which PostgreSQL does not match between SELECT and GROUP BY.
  const positions = sql.join(Array.from({ length: cols.length - 1 }, (_, i) => sql.raw(String(i + 1))));
  const rows = await sql<Record<string, unknown>>`select ${sql.join(cols)} from audit_entries e
    where e.seq <= ${end} and e.institution_id is not null and e.action in (${actions})
    group by ${positions}`.execute(db);
  return rows.rows.map((r) => ({
    utcDate: String(r.utc_date),
    late: new Map(offsets.map((o, i) => [o, Number(r[`late_${i}`]) === 1])),
    institutionId: String(r.institution_id),
    grantId: String(r.grant_id),
    action: String(r.action),
    resultCode: String(r.result_code),
    count: Number(r.n),
  }));
}

/** Every institution with its office. */
export async function allInstitutions(db: Q): Promise<{ id: string; officeId: string }[]> {
  const rows = await db.selectFrom('institutions').select(['id', 'office_id']).execute();
  return rows.map((r) => ({ id: r.id, officeId: r.office_id }));
}
