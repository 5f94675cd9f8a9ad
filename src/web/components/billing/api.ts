import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client';

/** A prepaid balance (GET /api/billing/balances). */
export interface BillingBalance {
  institutionId: string;
  name: string;
  officeName: string;
  profitOriented: boolean;
  balanceRupiah: number;
}

/** A recorded payment. */
export interface BillingPayment {
  id: string;
  institutionId: string;
  institutionName: string;
  billingCode: string;
  amountRupiah: number;
  paidOn: string;
  proofFileId: string | null;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

/** GET /api/billing/institutions/:id. */
export interface BillingSummary {
  institutionId: string;
  name: string;
  profitOriented: boolean;
  balanceRupiah: number;
  payments: BillingPayment[];
  chargesByMonth: { month: string; method: string; count: number; amountRupiah: number }[];
}

/** A tariff row. */
export interface BillingTariff {
  id: string;
  method: string;
  amountRupiah: number;
  effectiveFrom: string;
  legalBasis: string;
}

/** What the office records. */
export interface PaymentInput {
  institutionId: string;
  billingCode: string;
  amountRupiah: number;
  paidOn: string;
  proofFileId: string;
  note?: string;
}

export const billingApi = {
  balances: () => request<BillingBalance[]>('GET', '/api/billing/balances'),
  summary: (id: string) => request<BillingSummary>('GET', `/api/billing/institutions/${encodeURIComponent(id)}`),
  payments: () => request<BillingPayment[]>('GET', '/api/billing/payments'),
  tariffs: () => request<BillingTariff[]>('GET', '/api/billing/tariffs'),
  recordPayment: (input: PaymentInput) => request<BillingPayment>('POST', '/api/billing/payments', input),
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
