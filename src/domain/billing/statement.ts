/**
 * A monthly statement of an institution's prepaid PNBP balance: opening balance, payments, billable calls by
 * method and tariff, closing balance — with closing = opening + payments − charges by construction.
 */
import type { BillingMethod } from './tariffs.js';

/** A payment as a statement lists it. */
export interface StatementPayment {
  id: string;
  billingCode: string;
  amountRupiah: number;
  /** YYYY-MM-DD. */
  paidOn: string;
}

/** A charge line: calls of one method at one unit tariff. */
export interface StatementCharge {
  method: BillingMethod;
  unitRupiah: number;
  count: number;
  amountRupiah: number;
}

/** The statement of one month. */
export interface Statement {
  /** YYYY-MM. */
  month: string;
  openingRupiah: number;
  payments: StatementPayment[];
  paymentsRupiah: number;
  charges: StatementCharge[];
  chargesRupiah: number;
  billableCalls: number;
  closingRupiah: number;
}

/** First and one-past-last day (YYYY-MM-DD) of a month YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** Whether a string is a month YYYY-MM (2000–2999). */
export function isMonth(s: string): boolean {
  return /^2\d{3}-(0[1-9]|1[0-2])$/.test(s);
}

/** Builds a statement from the figures before the month and the month's payments and charges. */
export function buildStatement(
  month: string,
  before: { paymentsRupiah: number; chargesRupiah: number },
  payments: readonly StatementPayment[],
  charges: readonly StatementCharge[],
): Statement {
  const openingRupiah = before.paymentsRupiah - before.chargesRupiah;
  const paymentsRupiah = payments.reduce((s, p) => s + p.amountRupiah, 0);
  const chargesRupiah = charges.reduce((s, c) => s + c.amountRupiah, 0);
  const billableCalls = charges.reduce((s, c) => s + c.count, 0);
  return {
    month,
    openingRupiah,
    payments: [...payments],
    paymentsRupiah,
    charges: [...charges],
    chargesRupiah,
    billableCalls,
    closingRupiah: openingRupiah + paymentsRupiah - chargesRupiah,
  };
}

/** "Rp1.250.000" (Indonesian grouping), negative with a minus sign. */
export function rupiah(n: number): string {
  const s = Math.abs(Math.round(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '−' : ''}Rp${s}`;
}
