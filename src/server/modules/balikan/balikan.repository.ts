/** All SQL of data balikan: deliveries, their rows, the duties of the PKS in force, and the warehouse lookup. */
import type { Kysely, Transaction } from 'kysely';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { DB } from '../../db/schema.js';
import type { DataBalikanDeliveryTable } from '../../db/schema-balikan.js';
import type { DataBalikanDuty } from '../../../domain/balikan/kinds.js';
import { ROW_PROBLEM_CODES, type RowProblem } from '../../../domain/balikan/rows.js';
import { OneOf } from '../../http/schemas.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A PKS in force with its data balikan duties (from its latest version in force). */
export interface DutyAgreement {
  id: string;
  number: string;
  institutionId: string;
  institutionName: string;
  officeId: string;
  timezone: string;
  startDate: string;
  endDate: string | null;
  duties: DataBalikanDuty[];
}

// The part of a PKS content this module reads, decoded once (a content without duties has none).
const DutiesCodec = Type.Object({
  duration: Type.Optional(Type.Object({ startDate: Type.String() })),
  dataBalikanDuties: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String(),
        frequency: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly'), Type.Literal('semester')]),
      }),
    ),
  ),
});

function decodeDuties(content: string): { duties: DataBalikanDuty[]; startDate: string | null } {
  const parsed: unknown = JSON.parse(content);
  const c = Value.Check(DutiesCodec, parsed) ? parsed : { dataBalikanDuties: undefined, duration: undefined };
  return {
    duties: (c.dataBalikanDuties ?? []).map((d) => ({ kind: d.kind, frequency: d.frequency })),
    startDate: c.duration?.startDate ?? null,
  };
}

/** The PKS in force (active or expiring), optionally of one institution or agreement, with their duties. */
export async function agreementsInForce(
  db: Q,
  filter: { institutionId?: string; agreementId?: string } = {},
): Promise<DutyAgreement[]> {
  let q = db
    .selectFrom('agreements')
    .innerJoin('institutions', 'institutions.id', 'agreements.institution_id')
    .innerJoin('offices', 'offices.id', 'agreements.office_id')
    .select([
      'agreements.id',
      'agreements.number',
      'agreements.institution_id',
      'agreements.office_id',
      'agreements.start_date',
      'agreements.end_date',
      'institutions.name as institution_name',
      'offices.timezone',
    ])
    .where('agreements.status', 'in', ['active', 'expiring']);
  if (filter.institutionId) q = q.where('agreements.institution_id', '=', filter.institutionId);
  if (filter.agreementId) q = q.where('agreements.id', '=', filter.agreementId);
  const rows = await q.orderBy('agreements.number').execute();
  if (!rows.length) return [];
  // The same filter joined, not a list of ids: a national run reads thousands of agreements.
  let v = db
    .selectFrom('agreement_versions')
    .innerJoin('agreements', 'agreements.id', 'agreement_versions.agreement_id')
    .select(['agreement_versions.agreement_id', 'agreement_versions.version', 'agreement_versions.content'])
    .where('agreement_versions.state', '=', 'in_force')
    .where('agreements.status', 'in', ['active', 'expiring']);
  if (filter.institutionId) v = v.where('agreements.institution_id', '=', filter.institutionId);
  if (filter.agreementId) v = v.where('agreements.id', '=', filter.agreementId);
  const versions = await v.execute();
  const latest = new Map<string, { version: number; content: string }>();
  for (const v of versions) {
    const seen = latest.get(v.agreement_id);
    if (!seen || seen.version < v.version) latest.set(v.agreement_id, v);
  }
  return rows.map((r) => {
    const content = latest.get(r.id)?.content;
    const decoded = content ? decodeDuties(content) : { duties: [], startDate: null };
    return {
      id: r.id,
      number: r.number,
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      officeId: r.office_id,
      timezone: r.timezone,
      startDate: r.start_date ?? decoded.startDate ?? '',
      endDate: r.end_date,
      duties: decoded.duties,
    };
  });
}

/** Of these NIKs, the ones the production warehouse holds: one query per 500 NIKs, never one per row. */
export async function knownNiks(db: Q, niks: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(niks)];
  const out = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('residents')
      .select('nik')
      .where('nik', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.nik);
  }
  return out;
}

/** The current (not superseded) delivery of an agreement's duty for a period, if any. */
export function currentDelivery(db: Q, agreementId: string, kind: string, period: string) {
  return db
    .selectFrom('data_balikan_deliveries')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('kind', '=', kind)
    .where('period', '=', period)
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
}

/** Writes a delivery with its good and bad rows (in the caller's transaction). */
export async function insertDelivery(
  db: Q,
  delivery: DataBalikanDeliveryTable,
  good: readonly { line: number; nik: string; values: Record<string, string> }[],
  bad: readonly { line: number; nikMasked: string | null; problems: readonly RowProblem[] }[],
): Promise<void> {
  await db.insertInto('data_balikan_deliveries').values(delivery).execute();
  if (delivery.supersedes_id)
    await db
      .updateTable('data_balikan_deliveries')
      .set({ superseded_by: delivery.id })
      .where('id', '=', delivery.supersedes_id)
      .execute();
  // 4 columns a row: 200 rows stay far under either dialect's bound-parameter limit.
  for (let i = 0; i < good.length; i += 200) {
    await db
      .insertInto('data_balikan_rows')
      .values(
        good
          .slice(i, i + 200)
          .map((r) => ({ delivery_id: delivery.id, line: r.line, nik: r.nik, data: JSON.stringify(r.values) })),
      )
      .execute();
  }
  for (let i = 0; i < bad.length; i += 200) {
    await db
      .insertInto('data_balikan_bad_rows')
      .values(
        bad.slice(i, i + 200).map((r) => ({
          delivery_id: delivery.id,
          line: r.line,
          nik_masked: r.nikMasked,
          problems: JSON.stringify(r.problems),
        })),
      )
      .execute();
  }
}

/** Which deliveries a list reads: one institution's, those of institutions dealing with these offices, or all. */
export type DeliveryScope = { institutionId: string } | { officeIds: readonly string[] } | 'all';

/** Deliveries in a scope, newest first (at most `limit`). */
export function listDeliveries(db: Q, scope: DeliveryScope, limit = 500) {
  let q = db
    .selectFrom('data_balikan_deliveries')
    .innerJoin('institutions', 'institutions.id', 'data_balikan_deliveries.institution_id')
    .innerJoin('agreements', 'agreements.id', 'data_balikan_deliveries.agreement_id')
    .selectAll('data_balikan_deliveries')
    .select(['institutions.name as institution_name', 'agreements.number as agreement_number']);
  if (scope !== 'all') {
    q =
      'institutionId' in scope
        ? q.where('data_balikan_deliveries.institution_id', '=', scope.institutionId)
        : q.where('data_balikan_deliveries.office_id', 'in', scope.officeIds.length ? [...scope.officeIds] : ['']);
  }
  return q
    .orderBy('data_balikan_deliveries.submitted_at', 'desc')
    .orderBy('data_balikan_deliveries.id', 'desc')
    .limit(limit)
    .execute();
}

/** One delivery with its institution's name and PKS number. */
export function findDelivery(db: Q, id: string) {
  return db
    .selectFrom('data_balikan_deliveries')
    .innerJoin('institutions', 'institutions.id', 'data_balikan_deliveries.institution_id')
    .innerJoin('agreements', 'agreements.id', 'data_balikan_deliveries.agreement_id')
    .selectAll('data_balikan_deliveries')
    .select(['institutions.name as institution_name', 'agreements.number as agreement_number'])
    .where('data_balikan_deliveries.id', '=', id)
    .executeTakeFirst();
}

const ProblemsCodec = Type.Array(
  Type.Object({
    field: Type.String(),
    // Written from RowProblem (insertDelivery): always one of the codes.
    code: OneOf(ROW_PROBLEM_CODES),
    message: Type.Object({ id: Type.String(), en: Type.String() }),
  }),
);

/** The bad rows of a delivery in line order, problems decoded. */
export async function badRowsOf(db: Q, deliveryId: string, limit?: number) {
  let q = db
    .selectFrom('data_balikan_bad_rows')
    .select(['line', 'nik_masked', 'problems'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('line');
  if (limit !== undefined) q = q.limit(limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    line: r.line,
    nikMasked: r.nik_masked,
    problems: Value.Parse(ProblemsCodec, JSON.parse(r.problems)),
  }));
}

/**
 * The deliveries' facts, oldest first, for tracking: from them the first delivery with a good row (when a
 * period was fulfilled) and the current one.
 */
export async function deliveryFacts(db: Q, filter: { institutionId?: string; agreementId?: string } = {}) {
  let q = db
    .selectFrom('data_balikan_deliveries')
    .select(['id', 'agreement_id', 'kind', 'period', 'submitted_at', 'good_rows', 'bad_rows', 'superseded_by']);
  if (filter.institutionId) q = q.where('institution_id', '=', filter.institutionId);
  if (filter.agreementId) q = q.where('agreement_id', '=', filter.agreementId);
  return q.orderBy('submitted_at').orderBy('id').execute();
}
