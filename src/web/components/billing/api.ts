import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { Body, Reply } from '../../api/http';

/** A prepaid balance (GET /api/billing/balances). */
export type BillingBalance = Reply<'/api/billing/balances'>[number];

/** A recorded payment. */
export type BillingPayment = Reply<'/api/billing/payments'>[number];

/** GET /api/billing/institutions/:id. */
export type BillingSummary = Reply<'/api/billing/institutions/{id}'>;

/** A tariff row. */
export type BillingTariff = Reply<'/api/billing/tariffs'>[number];

/** What the office records. */
export type PaymentInput = Body<'/api/billing/payments'>;

export const billingApi = {
  balances: () => call('get', '/api/billing/balances'),
  summary: (id: string) => call('get', '/api/billing/institutions/{id}', { path: { id } }),
  payments: () => call('get', '/api/billing/payments'),
  tariffs: () => call('get', '/api/billing/tariffs'),
  recordPayment: (input: PaymentInput) => call('post', '/api/billing/payments', { body: input }),
};

/** The statement PDF of a month (YYYY-MM). */
export function statementPdfUrl(institutionId: string, month: string): string {
  return `/api/billing/institutions/${encodeURIComponent(institutionId)}/statements/${month}/pdf`;
}

export const useBalances = () => useQuery({ queryKey: ['billing', 'balances'], queryFn: billingApi.balances });
export const useBillingSummary = (id: string | null) =>
  useQuery({
    queryKey: ['billing', 'summary', id],
    queryFn: () => billingApi.summary(id ?? ''),
    enabled: !!id,
  });
export const usePayments = () => useQuery({ queryKey: ['billing', 'payments'], queryFn: billingApi.payments });
export const useTariffs = () => useQuery({ queryKey: ['billing', 'tariffs'], queryFn: billingApi.tariffs });

/** "Rp1.250.000" in Indonesian grouping (the currency is always rupiah). */
export function formatRupiah(n: number): string {
  const s = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Math.abs(n));
  return `${n < 0 ? '−' : ''}Rp${s}`;
}

/** Today in the browser as YYYY-MM-DD. */
export function todayText(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
