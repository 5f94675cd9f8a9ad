/**
 * Pengawasan's reads of the audit log (all its SQL): entries filtered and paged by position (keyset on seq, newest
 * first), and per-day counts grouped in the database over the whole log. Both dialects run the same queries: a
 * local day is found from the ISO UTC text alone (its date, and whether its time of day is past the office's
 * day boundary; domain/audit/oversight.ts).
 */
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { ALL_DATA_CALL_ACTIONS, ANSWERED_CODES, CREDENTIAL_THROTTLED } from '../../../../domain/audit/actions.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Who may see what, resolved to ids (audit-query.service.ts). */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'institution'; institutionId: string }
  /** An office: entries of these institutions, and the decisions of these offices' own staff. */
  | { kind: 'offices'; institutionIds: readonly string[]; officeIds: readonly string[] };

/** The filters of Pengawasan, in database terms. */
export interface EntryFilter {
  visibility: Visibility;
  /** time ≥ fromUtc, time < toUtc (ISO UTC). */
  fromUtc?: string | undefined;
  toUtc?: string | undefined;
  kind?: 'data_call' | 'decision' | undefined;
  /** Only these actions (a channel's). */
  actions?: readonly string[] | undefined;
  action?: string | undefined;
  institutionId?: string | undefined;
  actorId?: string | undefined;
  resultCode?: string | undefined;
  /** Free text: part of the action, the actor's id or name, or the client IP (case-insensitive). */
  q?: string | undefined;
}

type From = DB & { users: DB['users'] };

function base(db: Q) {
  // The person behind an entry: a user's decision, a portal operator's lookup, or a call naming its operator.
  return db
    .selectFrom('audit_entries')
    .leftJoin('users', (j) =>
      j.on(
        sql<boolean>`users.id = coalesce(audit_entries.operator_id, case when audit_entries.actor_kind in ('user', 'operator') then audit_entries.actor_id end)`,
      ),
    );
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered<O>(
  q: SelectQueryBuilder<From, 'audit_entries' | 'users', O>,
  f: EntryFilter,
): SelectQueryBuilder<From, 'audit_entries' | 'users', O> {
  const v = f.visibility;
  if (v.kind === 'institution') q = q.where('audit_entries.institution_id', '=', v.institutionId);
  else if (v.kind === 'offices') {
    const ids = v.institutionIds.length ? [...v.institutionIds] : [''];
    const offices = v.officeIds.length ? [...v.officeIds] : [''];
    q = q.where((eb) =>
      eb.or([
        eb('audit_entries.institution_id', 'in', ids),
        eb.and([eb('audit_entries.actor_kind', '=', 'user'), eb('users.office_id', 'in', offices)]),
      ]),
    );
  }
  if (f.fromUtc) q = q.where('audit_entries.time', '>=', f.fromUtc);
  if (f.toUtc) q = q.where('audit_entries.time', '<', f.toUtc);
  if (f.kind === 'data_call') q = q.where('audit_entries.action', 'in', [...ALL_DATA_CALL_ACTIONS]);
  if (f.kind === 'decision') q = q.where('audit_entries.action', 'not in', [...ALL_DATA_CALL_ACTIONS]);
  if (f.actions) q = q.where('audit_entries.action', 'in', f.actions.length ? [...f.actions] : ['']);
  if (f.action) q = q.where('audit_entries.action', '=', f.action);
  if (f.institutionId) q = q.where('audit_entries.institution_id', '=', f.institutionId);
  if (f.actorId)
    q = q.where((eb) =>
      eb.or([eb('audit_entries.actor_id', '=', f.actorId!), eb('audit_entries.operator_id', '=', f.actorId!)]),
    );
  if (f.resultCode) q = q.where('audit_entries.result_code', '=', f.resultCode);
  if (f.q) {
    const p = likePattern(f.q);
    const like = (eb: ExpressionBuilder<From, 'audit_entries' | 'users'>, col: string) =>
      sql<boolean>`lower(${sql.ref(col)}) like ${p} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like(eb, 'audit_entries.action'),
        like(eb, 'audit_entries.actor_id'),
        like(eb, 'audit_entries.client_ip'),
        like(eb, 'users.display_name'),
      ]),
    );
  }
  return q;
}

/** Entries newest first: `limit` of them at positions below `beforeSeq` (keyset paging over the whole log). */
export function listEntries(db: Q, f: EntryFilter, page: { beforeSeq?: number | undefined; limit: number }) {
  let q = filtered(base(db).selectAll('audit_entries').select('users.display_name as actor_name'), f);
  if (page.beforeSeq !== undefined) q = q.where('audit_entries.seq', '<', page.beforeSeq);
  return q.orderBy('audit_entries.seq', 'desc').limit(page.limit).execute();
}

/** One group of the per-day counts: a UTC date, whether past the office's day boundary, the counts. */
export interface DayGroup {
  utcDate: string;
  late: boolean;
  dataCalls: number;
  refusals: number;
  decisions: number;
  /** credential.throttled signals (failed web-service logins throttled), counted among the decisions too. */
  throttled: number;
}

/** Counts by UTC date and side of `boundary` ("HH:MM" UTC, domain/audit/oversight dayBoundaryUtc). */
export async function dayGroups(db: Q, f: EntryFilter, boundary: string): Promise<DayGroup[]> {
  const data = sql.join([...ALL_DATA_CALL_ACTIONS].map((a) => sql`${a}`));
  const answered = sql.join([...ANSWERED_CODES].map((c) => sql`${c}`));
  const utcDate = sql<string>`substr(audit_entries.time, 1, 10)`;
  const late = sql<number>`case when substr(audit_entries.time, 12, 5) >= ${boundary} then 1 else 0 end`;
  const rows = await filtered(
    base(db).select([
      utcDate.as('utc_date'),
      late.as('late'),
      sql<number>`sum(case when audit_entries.action in (${data}) then 1 else 0 end)`.as('data_calls'),
      sql<number>`sum(case when audit_entries.action in (${data}) and audit_entries.result_code not in (${answered}) then 1 else 0 end)`.as(
        'refusals',
      ),
      sql<number>`sum(case when audit_entries.action in (${data}) then 0 else 1 end)`.as('decisions'),
      sql<number>`sum(case when audit_entries.action = ${CREDENTIAL_THROTTLED} then 1 else 0 end)`.as('throttled'),
    ]),
    f,
  )
    // By position: the expressions carry parameters, which PostgreSQL does not match between SELECT and GROUP BY.
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({
    utcDate: r.utc_date,
    late: Number(r.late) === 1,
    dataCalls: Number(r.data_calls),
    refusals: Number(r.refusals),
    decisions: Number(r.decisions),
    throttled: Number(r.throttled),
  }));
}

/** Data calls by result code over the filter. */
export async function codeCounts(db: Q, f: EntryFilter): Promise<{ code: string; count: number }[]> {
  const rows = await filtered(base(db).select(['audit_entries.result_code as code', sql<number>`count(*)`.as('n')]), {
    ...f,
    kind: f.kind ?? 'data_call',
  })
    .groupBy('audit_entries.result_code')
    .orderBy('audit_entries.result_code')
    .execute();
  return rows.map((r) => ({ code: r.code, count: Number(r.n) }));
}

/** The time zone of an office. */
export async function officeTimeZone(db: Q, officeId: string): Promise<string | null> {
  const r = await db.selectFrom('offices').select('timezone').where('id', '=', officeId).executeTakeFirst();
  return r?.timezone ?? null;
}
