/** All SQL of PNBP billing: tariffs, payments, charges (charges are written by the audit batch writer). */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { BillingPaymentTable, BillingTariffTable } from '../../db/schema-billing.js';
import { isBillingMethod, type BillingMethod, type Tariff } from '../../../domain/billing/tariffs.js';
import { newId } from '../../lib/ids.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Every tariff, as the rules read them. */
export async function tariffRows(db: Q): Promise<Tariff[]> {
  const rows = await db.selectFrom('billing_tariffs').selectAll().orderBy('method').orderBy('effective_from').execute();
  const out: Tariff[] = [];
  for (const r of rows)
    if (isBillingMethod(r.method))
      out.push({ method: r.method, amountRupiah: Number(r.amount_rupiah), effectiveFrom: r.effective_from });
  return out;
}

/** Every tariff row, newest first per method. */
export function listTariffs(db: Q) {
  return db.selectFrom('billing_tariffs').selectAll().orderBy('method').orderBy('effective_from', 'desc').execute();
}

/** Inserts a tariff, or replaces the one of that method and date. */
export async function upsertTariff(db: Q, row: BillingTariffTable) {
  await db
    .insertInto('billing_tariffs')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['method', 'effective_from']).doUpdateSet({
        amount_rupiah: row.amount_rupiah,
        legal_basis: row.legal_basis,
        created_by: row.created_by,
        created_at: row.created_at,
      }),
    )
    .execute();
}

const num = (v: unknown) => Number(v ?? 0);

/** Payments minus persisted charges of an institution (rupiah), optionally only before a day (YYYY-MM-DD). */
export async function persistedBalance(db: Q, institutionId: string, beforeDay?: string): Promise<number> {
  const t = await totalsBefore(db, institutionId, beforeDay);
  return t.paymentsRupiah - t.chargesRupiah;
}

/** Sums of payments (by payment date) and charges (by call day) of an institution, before a day when given. */
export async function totalsBefore(db: Q, institutionId: string, beforeDay?: string) {
  let p = db
    .selectFrom('billing_payments')
    .select((eb) => eb.fn.sum<number>('amount_rupiah').as('s'))
    .where('institution_id', '=', institutionId);
  let c = db
    .selectFrom('billing_charges')
    .select((eb) => eb.fn.sum<number>('amount_rupiah').as('s'))
    .where('institution_id', '=', institutionId);
  if (beforeDay) {
    p = p.where('paid_on', '<', beforeDay);
    c = c.where('day', '<', beforeDay);
  }
  const [pr, cr] = await Promise.all([p.executeTakeFirst(), c.executeTakeFirst()]);
  return { paymentsRupiah: num(pr?.s), chargesRupiah: num(cr?.s) };
}

/** Balances (payments − charges) of many institutions at once. */
export async function balancesOf(db: Q, institutionIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!institutionIds.length) return out;
  const ids = [...institutionIds];
  const [pays, charges] = await Promise.all([
    db
      .selectFrom('billing_payments')
      .select(['institution_id', (eb) => eb.fn.sum<number>('amount_rupiah').as('s')])
      .where('institution_id', 'in', ids)
      .groupBy('institution_id')
      .execute(),
    db
      .selectFrom('billing_charges')
      .select(['institution_id', (eb) => eb.fn.sum<number>('amount_rupiah').as('s')])
      .where('institution_id', 'in', ids)
      .groupBy('institution_id')
      .execute(),
  ]);
  for (const id of ids) out.set(id, 0);
  for (const r of pays) out.set(r.institution_id, (out.get(r.institution_id) ?? 0) + num(r.s));
  for (const r of charges) out.set(r.institution_id, (out.get(r.institution_id) ?? 0) - num(r.s));
  return out;
}

/** Inserts a payment. */
export async function insertPayment(db: Q, row: BillingPaymentTable) {
  await db.insertInto('billing_payments').values(row).execute();
}

/** A payment by its billing code. */
export function paymentByCode(db: Q, code: string) {
  return db.selectFrom('billing_payments').select('id').where('billing_code', '=', code).executeTakeFirst();
}

/** Payments of some institutions (all when undefined), newest first, optionally within [from, to) by date. */
export async function listPayments(
  db: Q,
  f: { institutionIds?: readonly string[]; from?: string; to?: string; limit?: number; id?: string },
) {
  let q = db
    .selectFrom('billing_payments')
    .innerJoin('institutions', 'institutions.id', 'billing_payments.institution_id')
    .leftJoin('users', 'users.id', 'billing_payments.recorded_by')
    .selectAll('billing_payments')
    .select(['institutions.name as institution_name', 'users.display_name as recorded_by_name'])
    .orderBy('billing_payments.paid_on', 'desc')
    .orderBy('billing_payments.id', 'desc');
  if (f.institutionIds)
    q = q.where('billing_payments.institution_id', 'in', f.institutionIds.length ? [...f.institutionIds] : ['']);
  if (f.id) q = q.where('billing_payments.id', '=', f.id);
  if (f.from) q = q.where('billing_payments.paid_on', '>=', f.from);
  if (f.to) q = q.where('billing_payments.paid_on', '<', f.to);
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

/** Charges of an institution within [from, to) by day, summed per method and tariff. */
export async function chargesBetween(db: Q, institutionId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('billing_charges')
    .select([
      'method',
      'unit_rupiah',
      (eb) => eb.fn.sum<number>('count').as('count'),
      (eb) => eb.fn.sum<number>('amount_rupiah').as('amount'),
    ])
    .where('institution_id', '=', institutionId)
    .where('day', '>=', from)
    .where('day', '<', to)
    .groupBy(['method', 'unit_rupiah'])
    .orderBy('method')
    .orderBy('unit_rupiah')
    .execute();
  return rows.map((r) => ({
    // The audit batch writes `billingMethodOf` of each charged call: always a BillingMethod.
    method: r.method as BillingMethod,
    unitRupiah: num(r.unit_rupiah),
    count: num(r.count),
    amountRupiah: num(r.amount),
  }));
}

/** Charges of an institution per month (YYYY-MM) and method, since a day. */
export async function chargesByMonth(db: Q, institutionId: string, since: string) {
  const rows = await db
    .selectFrom('billing_charges')
    .select([
      'day',
      'method',
      (eb) => eb.fn.sum<number>('count').as('count'),
      (eb) => eb.fn.sum<number>('amount_rupiah').as('amount'),
    ])
    .where('institution_id', '=', institutionId)
    .where('day', '>=', since)
    .groupBy(['day', 'method'])
    .execute();
  const months = new Map<string, { month: string; method: BillingMethod; count: number; amountRupiah: number }>();
  for (const r of rows) {
    const key = `${r.day.slice(0, 7)} ${r.method}`;
    const method = r.method as BillingMethod;
    const m = months.get(key) ?? { month: r.day.slice(0, 7), method, count: 0, amountRupiah: 0 };
    m.count += num(r.count);
    m.amountRupiah += num(r.amount);
    months.set(key, m);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || a.method.localeCompare(b.method));
}

/** An institution with its office and profit flag. */
export function institutionOf(db: Q, id: string) {
  return db
    .selectFrom('institutions')
    .select(['id', 'name', 'office_id', 'profit_oriented', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Profit-oriented institutions (of some offices, all when undefined), by name. */
export function profitInstitutions(db: Q, officeIds?: readonly string[]) {
  let q = db
    .selectFrom('institutions')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .select(['institutions.id', 'institutions.name', 'institutions.office_id', 'offices.name as office_name'])
    .where('institutions.profit_oriented', '=', 1)
    .orderBy('institutions.name');
  if (officeIds) q = q.where('institutions.office_id', 'in', officeIds.length ? [...officeIds] : ['']);
  return q.execute();
}

/** Offices under an office (itself included), walking parent links. */
export async function officeSubtree(db: Q, officeId: string): Promise<string[]> {
  const all = await db.selectFrom('offices').select(['id', 'parent_id']).execute();
  const out = [officeId];
  for (let i = 0; i < out.length; i++)
    for (const o of all) if (o.parent_id === out[i] && !out.includes(o.id)) out.push(o.id);
  return out;
}

/** An office's name and code, for the statement's letterhead. */
export function officeOf(db: Q, id: string) {
  return db
    .selectFrom('offices')
    .select(['id', 'name', 'code', 'level', 'timezone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * A prepaid payment written directly, for fixtures (access/fixtures.ts) and the demo seed: a random SIMPONI-format
 * billing code, no proof, recorded by `system`.
 */
export async function creditForFixtures(
  db: Q,
  institutionId: string,
  amountRupiah: number,
  now: Date,
  note = 'fixture',
) {
  let code = '8';
  for (const b of randomBytes(14)) code += String(b % 10);
  await insertPayment(db, {
    id: newId(),
    institution_id: institutionId,
    billing_code: code,
    amount_rupiah: amountRupiah,
    paid_on: now.toISOString().slice(0, 10),
    proof_file_id: null,
    note,
    recorded_by: 'system',
    recorded_at: now.toISOString(),
  });
}
