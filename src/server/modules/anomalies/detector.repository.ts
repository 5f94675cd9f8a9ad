/**
 * The anomaly detector's SQL: what places a caller (its institution's office and area, its grant's quota, an
 * operator's rows), the office's tuning, the detector's working tables (known addresses, hourly volumes) and the
 * finding's insert — deduplicated by its key, so two processes never raise one finding twice.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AnomalyFindingTable } from '../../db/schema-anomalies.js';
import type { SubjectRef } from '../../../domain/anomalies/features.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The status of a finding's subject (grant, device, operator row), or null when it does not exist. */
export async function subjectStatus(db: Q, s: SubjectRef): Promise<'active' | 'suspended' | 'revoked' | null> {
  const table = s.kind === 'grant' ? 'access_grants' : s.kind === 'device' ? 'access_devices' : 'access_operators';
  const r = await db.selectFrom(table).select('status').where('id', '=', s.id).executeTakeFirst();
  return r ? r.status : null;
}

/** Each institution's office, the office's code and the institution's name. */
export async function institutionsOf(db: Q, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('institutions')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .select(['institutions.id', 'institutions.office_id', 'offices.code as office_code'])
    .where('institutions.id', 'in', [...ids])
    .execute();
}

/** What the detector weighs of a grant: its declared daily quota and its IP allow-list (CIDRs). */
export interface GrantTerms {
  quota: number | null;
  ipAllow: string[];
}

/** The declared daily quota and the allow-list of each grant. */
export async function grantTermsOf(db: Q, grantIds: readonly string[]): Promise<Map<string, GrantTerms>> {
  if (!grantIds.length) return new Map();
  const rows = await db
    .selectFrom('access_grants')
    .select(['id', 'daily_quota', 'ip_allow'])
    .where('id', 'in', [...grantIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { quota: r.daily_quota === null ? null : Number(r.daily_quota), ipAllow: parsedList(r.ip_allow) },
    ]),
  );
}

function parsedList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** An operator user's row to suspend: on the grant named, else the first active one. */
export async function operatorRowOf(db: Q, userId: string, grantId: string | null): Promise<string | null> {
  const rows = await db
    .selectFrom('access_operators')
    .select(['id', 'grant_id', 'status'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const row = rows.find((r) => r.grant_id === grantId) ?? rows.find((r) => r.status === 'active') ?? rows[0];
  return row ? row.id : null;
}

/** The stored tuning of an office: rule → enabled and JSON params. */
export async function settingsOf(db: Q, officeId: string) {
  return db
    .selectFrom('anomaly_rule_settings')
    .select(['rule', 'enabled', 'params'])
    .where('office_id', '=', officeId)
    .execute();
}

/** Known client addresses of subjects (address → last seen). */
export async function knownAddresses(
  db: Q,
  subjects: readonly SubjectRef[],
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of subjects) out.set(`${s.kind}:${s.id}`, new Map());
  if (!subjects.length) return out;
  const rows = await db
    .selectFrom('anomaly_known_addresses')
    .select(['subject_kind', 'subject_id', 'client_ip', 'last_seen'])
    .where(
      'subject_id',
      'in',
      subjects.map((s) => s.id),
    )
    .execute();
  for (const r of rows) out.get(`${r.subject_kind}:${r.subject_id}`)?.set(r.client_ip, Date.parse(r.last_seen));
  return out;
}

/** Remembers addresses seen (first seen kept; last seen moves forward only). */
export async function rememberAddresses(
  db: Q,
  rows: readonly { subject: SubjectRef; address: string; time: number }[],
): Promise<void> {
  for (const r of rows) {
    const at = new Date(r.time).toISOString();
    await db
      .insertInto('anomaly_known_addresses')
      .values({
        subject_kind: r.subject.kind,
        subject_id: r.subject.id,
        client_ip: r.address,
        first_seen: at,
        last_seen: at,
      })
      .onConflict((oc) =>
        oc.columns(['subject_kind', 'subject_id', 'client_ip']).doUpdateSet({
          last_seen: sql<string>`case when anomaly_known_addresses.last_seen < ${at} then ${at} else anomaly_known_addresses.last_seen end`,
        }),
      )
      .execute();
  }
}

/** Stores a closed hour's answered calls (a conflict keeps the first: both processes counted the same log). */
export async function storeHourlyVolume(
  db: Q,
  rows: readonly { subject: SubjectRef; hourStart: string; calls: number }[],
): Promise<void> {
  for (const r of rows)
    await db
      .insertInto('anomaly_hourly_volume')
      .values({ subject_kind: r.subject.kind, subject_id: r.subject.id, hour_start: r.hourStart, calls: r.calls })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'hour_start']).doNothing())
      .execute();
}

/** A subject's stored hourly volumes at the given hour starts, and whether it has any history before `before`. */
export async function hourlyVolumes(db: Q, s: SubjectRef, hourStarts: readonly string[], before: string) {
  const rows = await db
    .selectFrom('anomaly_hourly_volume')
    .select(['hour_start', 'calls'])
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('hour_start', 'in', [...hourStarts])
    .execute();
  const older = await db
    .selectFrom('anomaly_hourly_volume')
    .select('hour_start')
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('hour_start', '<=', before)
    .limit(1)
    .executeTakeFirst();
  return { calls: new Map(rows.map((r) => [r.hour_start, Number(r.calls)])), hasHistory: older !== undefined };
}

/** Whether an open finding of the rule already stands for the subject (one at a time, until it is reviewed). */
export async function openFindingOf(db: Q, rule: string, s: SubjectRef): Promise<boolean> {
  const r = await db
    .selectFrom('anomaly_findings')
    .select('id')
    .where('rule', '=', rule)
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('status', '=', 'open')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Inserts a finding unless its dedupe key exists; returns whether it was inserted. */
export async function insertFinding(db: Q, row: AnomalyFindingTable): Promise<boolean> {
  const res = await db
    .insertInto('anomaly_findings')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks when the finding's subject was suspended. */
export async function markSuspended(db: Q, findingId: string, at: string): Promise<void> {
  await db
    .updateTable('anomaly_findings')
    .set({ suspended_at: at, updated_at: at })
    .where('id', '=', findingId)
    .execute();
}
