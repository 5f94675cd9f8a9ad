/**
 * PNBP billing (issue 12): tariffs, payments recorded by the office as decisions, balances and monthly statements.
 * Authorization here (domain/billing/authz.ts, domain/authz.ts); SQL in billing.repository.ts; the balance drawn
 * in the request path lives in access/runtime/balance.ts.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { canViewInstitution } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { canChangeTariff, canRecordPayment } from '../../../domain/billing/authz.js';
import { parseBillingCode } from '../../../domain/billing/billing-code.js';
import { buildStatement, isMonth, monthRange, rupiah, type Statement } from '../../../domain/billing/statement.js';
import {
  BILLING_METHODS,
  MAX_PAYMENT_RUPIAH,
  MAX_TARIFF_RUPIAH,
  type BillingMethod,
} from '../../../domain/billing/tariffs.js';
import { BULAN, tanggal } from '../../../domain/tanggal.js';
import { newId } from '../../lib/ids.js';
import { recordDecision } from '../access/audit/decisions.js';
import { announceAccessChange } from '../access/runtime/access-changes.js';
import { officeChain } from '../directory/actor.repository.js';
import { findFile } from '../files/files.service.js';
import { renderRecordPdf } from '../documents/record-pdf.js';
import * as repo from './billing.repository.js';

const INSTITUTION = { id: 'Lembaga', en: 'Institution' };
const FILE = { id: 'Berkas bukti', en: 'Proof file' };

/** The institution an actor may see (404 otherwise: nothing tells whether another one exists). */
async function visibleInstitution(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string) {
  const inst = await repo.institutionOf(deps.db, institutionId);
  if (!inst) throw errors.notFound(INSTITUTION);
  const chain = actor.orgKind === 'office' && !actor.atPusat ? await officeChain(deps.db, inst.office_id) : [];
  if (!canViewInstitution(actor, { institutionId, officeChain: chain })) throw errors.notFound(INSTITUTION);
  return inst;
}

/** The institutions of the actor's scope (own; its office and those under it; all at pusat). */
async function scopeIds(deps: Pick<Deps, 'db'>, actor: Actor): Promise<string[] | undefined> {
  if (actor.orgKind === 'institution') return [actor.orgId];
  if (actor.atPusat) return undefined;
  const offices = await repo.officeSubtree(deps.db, actor.orgId);
  return (await repo.profitInstitutions(deps.db, offices)).map((i) => i.id);
}

/** Today in a time zone (YYYY-MM-DD). */
function dayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Tariffs, newest first per method (anyone signed in: they are public law). */
export async function tariffs(deps: Pick<Deps, 'db'>) {
  const rows = await repo.listTariffs(deps.db);
  return rows.map((r) => ({
    id: r.id,
    method: r.method,
    amountRupiah: Number(r.amount_rupiah),
    effectiveFrom: r.effective_from,
    legalBasis: r.legal_basis,
    createdAt: r.created_at,
  }));
}

/** Records a tariff of a method from a date (pusat), as a decision; held balances reload before the answer. */
export async function changeTariff(
  deps: Deps,
  actor: Actor,
  input: { method: BillingMethod; amountRupiah: number; effectiveFrom: string; legalBasis: string },
) {
  if (!canChangeTariff(actor)) throw errors.forbidden();
  if (!BILLING_METHODS.includes(input.method) || input.amountRupiah < 0 || input.amountRupiah > MAX_TARIFF_RUPIAH)
    throw errors.invalid('tariff_invalid', { id: 'Tarif tidak sah.', en: 'The tariff is not valid.' });
  if (!validDay(input.effectiveFrom))
    throw errors.invalid('date_invalid', { id: 'Tanggal berlaku tidak sah.', en: 'The effective date is not valid.' });
  const now = deps.now();
  const row = {
    id: newId(),
    method: input.method,
    amount_rupiah: input.amountRupiah,
    effective_from: input.effectiveFrom,
    legal_basis: input.legalBasis.trim(),
    created_by: actor.userId,
    created_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertTariff(trx, row);
    await recordDecision(trx, now, actor, {
      action: 'billing.tariff',
      detail: {
        method: input.method,
        amountRupiah: input.amountRupiah,
        effectiveFrom: input.effectiveFrom,
        legalBasis: row.legal_basis,
      },
    });
    // Every held balance reloads its tariffs before the next call (this process before this answer returns).
    await announceAccessChange(trx, { what: 'billing.tariff' });
  });
  return tariffs(deps);
}

function validDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The balances of the profit-oriented institutions in the actor's scope (an institution: its own). */
export async function balances(deps: Pick<Deps, 'db'>, actor: Actor) {
  let list: { id: string; name: string; office_name: string; profit: boolean }[];
  if (actor.orgKind === 'institution') {
    const inst = await repo.institutionOf(deps.db, actor.orgId);
    if (!inst) throw errors.notFound(INSTITUTION);
    const office = await repo.officeOf(deps.db, inst.office_id);
    list = [{ id: inst.id, name: inst.name, office_name: office?.name ?? '', profit: inst.profit_oriented === 1 }];
  } else {
    const offices = actor.atPusat ? undefined : await repo.officeSubtree(deps.db, actor.orgId);
    list = (await repo.profitInstitutions(deps.db, offices)).map((i) => ({ ...i, profit: true }));
  }
  const figures = await repo.balancesOf(
    deps.db,
    list.map((i) => i.id),
  );
  return list.map((i) => ({
    institutionId: i.id,
    name: i.name,
    officeName: i.office_name,
    profitOriented: i.profit,
    balanceRupiah: figures.get(i.id) ?? 0,
  }));
}

/** One institution's billing at a glance: balance, recent payments, charges per month (the last 12). */
export async function summary(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, institutionId: string) {
  const inst = await visibleInstitution(deps, actor, institutionId);
  const now = deps.now();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  const [balance, payments, months] = await Promise.all([
    repo.persistedBalance(deps.db, institutionId),
    repo.listPayments(deps.db, { institutionIds: [institutionId], limit: 50 }),
    repo.chargesByMonth(deps.db, institutionId, since),
  ]);
  return {
    institutionId,
    name: inst.name,
    profitOriented: inst.profit_oriented === 1,
    balanceRupiah: balance,
    payments: payments.map(paymentOut),
    chargesByMonth: months,
  };
}

function paymentOut(r: Awaited<ReturnType<typeof repo.listPayments>>[number]) {
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    billingCode: r.billing_code,
    amountRupiah: Number(r.amount_rupiah),
    paidOn: r.paid_on,
    proofFileId: r.proof_file_id,
    note: r.note,
    recordedBy: r.recorded_by_name ?? '',
    recordedAt: r.recorded_at,
  };
}

/** Payments in the actor's scope, newest first (optionally one institution's). */
export async function payments(deps: Pick<Deps, 'db'>, actor: Actor, institutionId?: string) {
  let ids: string[] | undefined;
  if (institutionId) {
    await visibleInstitution(deps, actor, institutionId);
    ids = [institutionId];
  } else ids = await scopeIds(deps, actor);
  const rows = await repo.listPayments(deps.db, { institutionIds: ids, limit: 500 });
  return rows.map(paymentOut);
}

const codeInvalid = () =>
  errors.invalid(
    'billing_code_invalid',
    {
      id: 'Kode billing SIMPONI harus 15 digit angka dan diawali 8.',
      en: 'A SIMPONI billing code is 15 digits starting with 8.',
    },
    [{ field: 'body.billingCode', message: { id: 'tidak sah', en: 'is invalid' } }],
  );

/**
 * Records a payment of an institution (its office's staff or pusat), as a decision on the signed record: the
 * billing code (SIMPONI format, unique), amount, date and proof (a file the recording office uploaded). Every
 * process's held balance of the institution reloads before its next call (this process before this answer).
 */
export async function recordPayment(
  deps: Deps,
  actor: Actor,
  input: {
    institutionId: string;
    billingCode: string;
    amountRupiah: number;
    paidOn: string;
    proofFileId: string;
    note?: string | undefined;
  },
) {
  const code = parseBillingCode(input.billingCode);
  const inst = await repo.institutionOf(deps.db, input.institutionId);
  if (!inst) throw errors.notFound(INSTITUTION);
  if (!canRecordPayment(actor, inst.office_id)) throw errors.forbidden();
  if (!code) throw codeInvalid();
  if (inst.profit_oriented !== 1)
    throw errors.invalid('not_profit_oriented', {
      id: 'Lembaga ini bukan lembaga berorientasi profit; tidak dikenai PNBP.',
      en: 'This institution is not profit-oriented; it pays no PNBP.',
    });
  if (!Number.isInteger(input.amountRupiah) || input.amountRupiah <= 0 || input.amountRupiah > MAX_PAYMENT_RUPIAH)
    throw errors.invalid('amount_invalid', { id: 'Jumlah pembayaran tidak sah.', en: 'The amount is not valid.' }, [
      { field: 'body.amountRupiah', message: { id: 'tidak sah', en: 'is invalid' } },
    ]);
  const now = deps.now();
  const office = await repo.officeOf(deps.db, inst.office_id);
  if (!validDay(input.paidOn) || input.paidOn > dayIn(now, office?.timezone ?? 'Asia/Jakarta'))
    throw errors.invalid(
      'date_invalid',
      { id: 'Tanggal bayar tidak sah atau di masa depan.', en: 'The payment date is invalid or in the future.' },
      [{ field: 'body.paidOn', message: { id: 'tidak sah', en: 'is invalid' } }],
    );
  const file = await findFile(deps.db, input.proofFileId).catch(() => null);
  if (!file || file.org_kind !== actor.orgKind || file.org_id !== actor.orgId) throw errors.notFound(FILE);
  const row = {
    id: newId(),
    institution_id: inst.id,
    billing_code: code,
    amount_rupiah: input.amountRupiah,
    paid_on: input.paidOn,
    proof_file_id: file.id,
    note: (input.note ?? '').trim(),
    recorded_by: actor.userId,
    recorded_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.paymentByCode(trx, code))
      throw new DomainError('conflict', 'billing_code_used', {
        id: 'Kode billing ini sudah tercatat untuk pembayaran lain.',
        en: 'This billing code is already recorded for another payment.',
      });
    await repo.insertPayment(trx, row);
    await recordDecision(trx, now, actor, {
      action: 'billing.payment',
      institutionId: inst.id,
      detail: {
        paymentId: row.id,
        billingCode: code,
        amountRupiah: row.amount_rupiah,
        paidOn: row.paid_on,
        proofFileId: file.id,
        proofSha256: file.sha256,
      },
    });
    await announceAccessChange(trx, { institutionId: inst.id, what: 'billing.payment' });
  });
  const [out] = await repo.listPayments(deps.db, { id: row.id });
  if (!out) throw errors.notFound({ id: 'Pembayaran', en: 'Payment' });
  return paymentOut(out);
}

/** The monthly statement (YYYY-MM) of an institution. */
export async function statement(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  institutionId: string,
  month: string,
): Promise<Statement & { institutionId: string; institutionName: string; officeName: string }> {
  if (!isMonth(month))
    throw errors.invalid('month_invalid', {
      id: 'Bulan tidak sah (YYYY-MM).',
      en: 'The month is not valid (YYYY-MM).',
    });
  const inst = await visibleInstitution(deps, actor, institutionId);
  const { from, to } = monthRange(month);
  const [before, pays, charges, office] = await Promise.all([
    repo.totalsBefore(deps.db, institutionId, from),
    repo.listPayments(deps.db, { institutionIds: [institutionId], from, to }),
    repo.chargesBetween(deps.db, institutionId, from, to),
    repo.officeOf(deps.db, inst.office_id),
  ]);
  const s = buildStatement(
    month,
    before,
    pays
      .map((p) => ({ id: p.id, billingCode: p.billing_code, amountRupiah: Number(p.amount_rupiah), paidOn: p.paid_on }))
      .reverse(),
    charges,
  );
  return { ...s, institutionId, institutionName: inst.name, officeName: office?.name ?? '' };
}

const METHOD_ID: Record<string, string> = {
  web_service: 'Web service',
  web_portal: 'Web portal',
  fingerprint: 'Sidik jari (card reader)',
  face: 'Pengenalan wajah',
};

/** The monthly statement as a PDF on the office's letterhead: the figures of `statement`, which add up. */
export async function statementPdf(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string, month: string) {
  const s = await statement(deps, actor, institutionId, month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const period = `${BULAN[m - 1]} ${y}`;
  const rows: [string, string][] = [
    ['Lembaga', s.institutionName],
    ['Periode', period],
    ['Saldo awal', rupiah(s.openingRupiah)],
  ];
  for (const p of s.payments)
    rows.push([`Pembayaran ${tanggal(p.paidOn)}`, `${rupiah(p.amountRupiah)} (kode billing ${p.billingCode})`]);
  rows.push(['Jumlah pembayaran', rupiah(s.paymentsRupiah)]);
  for (const c of s.charges)
    rows.push([
      `Akses ${METHOD_ID[c.method] ?? c.method}`,
      `${c.count.toLocaleString('id-ID')} NIK × ${rupiah(c.unitRupiah)} = ${rupiah(c.amountRupiah)}`,
    ]);
  rows.push(['Jumlah PNBP', `${rupiah(s.chargesRupiah)} (${s.billableCalls.toLocaleString('id-ID')} NIK)`]);
  rows.push(['Saldo akhir', rupiah(s.closingRupiah)]);
  const pdf = await renderRecordPdf({
    issuer: s.officeName || 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil',
    title: 'LAPORAN SALDO PNBP PRABAYAR',
    subtitle: `${s.institutionName} — ${period}`,
    rows,
    footer:
      'PNBP pemanfaatan data kependudukan (PP 10/2023) dihitung per NIK dari jawaban yang ditagihkan pada log audit ' +
      'bertanda tangan Gerbang. Saldo akhir = saldo awal + pembayaran − PNBP.',
    createdAt: new Date(Date.UTC(y, m - 1, 1)),
  });
  return { pdf, filename: `pnbp-${month}-${institutionId}.pdf` };
}
